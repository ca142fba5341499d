namespace VfioAnalyzers.Contracts
{
    /// <summary>One way a member acquires a reference of a kind.</summary>
    public sealed class AcquireSpec
    {
        public AcquireSpec(string kind, AcquireTarget target, AcquireCondition condition, int parameterOrdinal = -1, int flagParameterOrdinal = -1)
        {
            Kind = kind;
            Target = target;
            Condition = condition;
            ParameterOrdinal = parameterOrdinal;
            FlagParameterOrdinal = flagParameterOrdinal;
        }

        public string Kind { get; }

        public AcquireTarget Target { get; }

        public AcquireCondition Condition { get; }

        /// <summary>The parameter for <see cref="AcquireTarget.OutParameter"/> and <see cref="AcquireTarget.Argument"/>; otherwise -1.</summary>
        public int ParameterOrdinal { get; }

        /// <summary>The <c>ref bool</c> parameter for <see cref="AcquireCondition.FlagTrue"/>; otherwise -1.</summary>
        public int FlagParameterOrdinal { get; }
    }
}
