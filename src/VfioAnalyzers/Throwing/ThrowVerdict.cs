namespace VfioAnalyzers.Throwing
{
    /// <summary>
    /// Whether a call may throw, and why, in words a message can end with: what throws at the end of the chain (the
    /// cause) and the calls that reach it, the first and the last named ("it calls 'Parse', which reaches 'Fail'
    /// (3 calls deep), which throws 'FormatException'").
    /// </summary>
    internal readonly struct ThrowVerdict
    {
        private ThrowVerdict(bool mayThrow, string? cause, string? first, string? last, int calls, bool firstIsImplementation, int? cutAt)
        {
            MayThrow = mayThrow;
            Cause = cause;
            First = first;
            Last = last;
            Calls = calls;
            FirstIsImplementation = firstIsImplementation;
            CutAt = cutAt;
        }

        public static ThrowVerdict No => default;

        public bool MayThrow { get; }

        /// <summary>What throws, as a verb phrase: "throws 'IOException'", "does stream I/O", "invokes a delegate".</summary>
        public string? Cause { get; }

        /// <summary>The callee through which the cause is reached, and the last one in the chain; null when the member itself throws.</summary>
        public string? First { get; }

        public string? Last { get; }

        /// <summary>How many calls down the cause is (0: in the member itself).</summary>
        public int Calls { get; }

        /// <summary>The first step is the implementation a virtual or interface call dispatches to, not a call.</summary>
        public bool FirstIsImplementation { get; }

        /// <summary>
        /// Not known to throw because the search stopped: at a member still being judged at this depth of the current
        /// chain (a cycle), or at the depth bound (-1). Null when the search was complete.
        /// </summary>
        public int? CutAt { get; }

        public bool CutShort => CutAt.HasValue;

        /// <summary>The whole reason, with "it" for the member called.</summary>
        public string? Reason
        {
            get
            {
                if (!MayThrow)
                {
                    return null;
                }

                if (Calls == 0)
                {
                    return "it " + Cause;
                }

                string start = FirstIsImplementation ? $"its implementation '{First}'" : $"it calls '{First}', which";
                return Calls switch
                {
                    1 => $"{start} {Cause}",
                    2 => $"{start} calls '{Last}', which {Cause}",
                    _ => $"{start} reaches '{Last}' ({Calls} calls deep), which {Cause}",
                };
            }
        }

        /// <summary>The member itself may throw, for this cause (a verb phrase: "throws 'IOException'").</summary>
        public static ThrowVerdict Because(string cause) => new ThrowVerdict(true, cause, null, null, 0, false, cutAt: null);

        /// <summary>The member may throw because <paramref name="callee"/>, which it calls, may.</summary>
        public static ThrowVerdict Via(string callee, ThrowVerdict inner) => Through(callee, inner, implementation: false);

        /// <summary>A dispatched call may throw because <paramref name="implementation"/>, which it may run, may.</summary>
        public static ThrowVerdict ViaImplementation(string implementation, ThrowVerdict inner) => Through(implementation, inner, implementation: true);

        /// <summary>Not known to throw: the search was cut at <paramref name="depth"/> (see <see cref="CutAt"/>).</summary>
        public static ThrowVerdict CutShortAt(int depth) => new ThrowVerdict(false, null, null, null, 0, false, depth);

        /// <summary>The earlier of two cuts, for a verdict built from several.</summary>
        public static int? Earlier(int? first, int? second) =>
            first.HasValue && second.HasValue ? System.Math.Min(first.Value, second.Value) : first ?? second;

        private static ThrowVerdict Through(string step, ThrowVerdict inner, bool implementation) =>
            new ThrowVerdict(true, inner.Cause, step, inner.Calls == 0 ? step : inner.Last, inner.Calls + 1, implementation, cutAt: null);
    }
}
