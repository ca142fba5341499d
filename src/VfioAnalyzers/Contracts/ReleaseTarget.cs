namespace VfioAnalyzers.Contracts
{
    /// <summary>What a call releases.</summary>
    public enum ReleaseTarget
    {
        /// <summary>The argument passed to a parameter.</summary>
        Argument,

        /// <summary>The object the member is called on.</summary>
        Receiver,
    }
}
