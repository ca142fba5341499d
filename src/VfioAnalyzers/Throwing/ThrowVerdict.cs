namespace VfioAnalyzers.Throwing
{
    /// <summary>Whether a call may throw, and why, in words a message can end with ("it throws 'IOException'").</summary>
    internal readonly struct ThrowVerdict
    {
        private ThrowVerdict(bool mayThrow, string? reason, bool cutShort)
        {
            MayThrow = mayThrow;
            Reason = reason;
            CutShort = cutShort;
        }

        public static ThrowVerdict No => default;

        /// <summary>Not known to throw because a depth bound or a cycle stopped the search: not to be cached.</summary>
        public static ThrowVerdict NotKnown => new ThrowVerdict(false, null, cutShort: true);

        public bool MayThrow { get; }

        public string? Reason { get; }

        public bool CutShort { get; }

        public static ThrowVerdict Because(string reason) => new ThrowVerdict(true, reason, cutShort: false);
    }
}
