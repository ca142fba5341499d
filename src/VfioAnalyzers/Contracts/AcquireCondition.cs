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

        /// <summary>When the member returns 0; a failure is a negative errno (the kernel's convention: never positive).</summary>
        ReturnsZero,

        /// <summary>When the member returns 0 or more (a descriptor, a count); a negative result holds nothing.</summary>
        ReturnsNonNegative,

        /// <summary>When a <c>ref bool</c> argument comes back <c>true</c> (as <c>DangerousAddRef(ref bool)</c>).</summary>
        FlagTrue,
    }
}
