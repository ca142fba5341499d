namespace VfioAnalyzers.Contracts
{
    /// <summary>One way a member releases a reference of a kind.</summary>
    public sealed class ReleaseSpec
    {
        public ReleaseSpec(string kind, ReleaseTarget target, int parameterOrdinal = -1)
        {
            Kind = kind;
            Target = target;
            ParameterOrdinal = parameterOrdinal;
        }

        public string Kind { get; }

        public ReleaseTarget Target { get; }

        /// <summary>The released parameter for <see cref="ReleaseTarget.Argument"/>; otherwise -1.</summary>
        public int ParameterOrdinal { get; }
    }
}
