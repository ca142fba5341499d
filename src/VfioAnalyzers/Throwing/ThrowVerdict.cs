namespace VfioAnalyzers.Throwing
{
    /// <summary>Whether a call may throw, and why, in words a message can end with ("it throws 'IOException'").</summary>
    internal readonly struct ThrowVerdict
    {
        private ThrowVerdict(bool mayThrow, string? reason, int? cutAt)
        {
            MayThrow = mayThrow;
            Reason = reason;
            CutAt = cutAt;
        }

        public static ThrowVerdict No => default;

        public bool MayThrow { get; }

        public string? Reason { get; }

        /// <summary>
        /// Not known to throw because the search stopped: at a member still being judged at this depth of the current
        /// chain (a cycle), or at the depth bound (-1). Null when the search was complete.
        /// </summary>
        public int? CutAt { get; }

        public bool CutShort => CutAt.HasValue;

        public static ThrowVerdict Because(string reason) => new ThrowVerdict(true, reason, cutAt: null);

        /// <summary>Not known to throw: the search was cut at <paramref name="depth"/> (see <see cref="CutAt"/>).</summary>
        public static ThrowVerdict CutShortAt(int depth) => new ThrowVerdict(false, null, depth);

        /// <summary>The earlier of two cuts, for a verdict built from several.</summary>
        public static int? Earlier(int? first, int? second) =>
            first.HasValue && second.HasValue ? System.Math.Min(first.Value, second.Value) : first ?? second;
    }
}
