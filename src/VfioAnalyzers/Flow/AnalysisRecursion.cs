namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// What the helper summaries and the inferred contracts share when one asks the other: each stops at a depth or
    /// a cycle, and an answer that depended on a stop anywhere below it is neither trusted nor cached, whichever of
    /// the two computed it. Per thread: one answer is computed on one thread.
    /// </summary>
    internal static class AnalysisRecursion
    {
        [System.ThreadStatic]
        private static bool t_cutShort;

        /// <summary>Marks the answer being computed as cut short (a depth bound or a cycle was met).</summary>
        public static void CutShort() => t_cutShort = true;

        /// <summary>Starts an answer: returns the state to restore, and clears the flag for the new answer.</summary>
        public static bool Begin()
        {
            bool outer = t_cutShort;
            t_cutShort = false;
            return outer;
        }

        /// <summary>Ends an answer: whether it was cut short; the enclosing answer is cut short too if it was.</summary>
        public static bool End(bool outer)
        {
            bool cut = t_cutShort;
            t_cutShort = cut | outer;
            return cut;
        }
    }
}
