namespace VfioAnalyzers.Contracts
{
    /// <summary>When a call counts as having acquired.</summary>
    public enum AcquireCondition
    {
        /// <summary>Whenever the call returns (failure is an exception).</summary>
        Always,

        /// <summary>When the acquired value is not null.</summary>
        NonNull,

        /// <summary>When the member returns <c>true</c>.</summary>
        ReturnsTrue,

        /// <summary>When a <c>ref bool</c> argument comes back <c>true</c> (as <c>DangerousAddRef(ref bool)</c>).</summary>
        FlagTrue,
    }
}
