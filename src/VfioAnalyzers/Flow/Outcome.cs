namespace VfioAnalyzers.Flow
{
    /// <summary>One way an operation can come out: the state after it and the value it produced.</summary>
    internal readonly struct Outcome
    {
        public Outcome(FlowState state, AbstractValue value)
        {
            State = state;
            Value = value;
        }

        public FlowState State { get; }

        public AbstractValue Value { get; }
    }
}
