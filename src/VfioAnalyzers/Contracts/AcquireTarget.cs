namespace VfioAnalyzers.Contracts
{
    /// <summary>What a call makes into a held reference.</summary>
    public enum AcquireTarget
    {
        /// <summary>The value the member returns.</summary>
        ReturnValue,

        /// <summary>The variable passed to an <c>out</c> (or <c>ref</c>) parameter.</summary>
        OutParameter,

        /// <summary>The argument passed to a by-value parameter (as <c>Monitor.Enter(obj)</c>).</summary>
        Argument,

        /// <summary>The object the member is called on (as <c>SafeHandle.DangerousAddRef</c>).</summary>
        Receiver,
    }
}
