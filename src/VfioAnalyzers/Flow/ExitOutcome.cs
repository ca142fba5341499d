namespace VfioAnalyzers.Flow
{
    /// <summary>How a body came out at one normal exit: for inlining local functions, summaries and inferred contracts.</summary>
    internal readonly struct ExitOutcome
    {
        public ExitOutcome(FlowState state, AbstractValue value, bool returnsHeld)
        {
            State = state;
            Value = value;
            ReturnsHeld = returnsHeld;
        }

        /// <summary>The state after the exit (a returned reference counts as handed on).</summary>
        public FlowState State { get; }

        /// <summary>The returned value, or unknown.</summary>
        public AbstractValue Value { get; }

        /// <summary>The exit returns a reference the body held until then: not one it had stored or handed on already.</summary>
        public bool ReturnsHeld { get; }
    }
}
