namespace Vfio.Annotations
{
    /// <summary>
    /// For an <see cref="AcquiresAttribute"/> on a parameter of a member that returns an integer status: which results
    /// mean the reference was acquired. Every other result means nothing is held.
    /// </summary>
    /// <remarks>VfioAnalyzers reads the member's name, so a project's own internal copy may number them differently.</remarks>
    public enum AcquiredWhen
    {
        /// <summary>The rules of <see cref="AcquiresAttribute"/> without <c>When</c>: <c>true</c> for a bool member, otherwise not null.</summary>
        Default = 0,

        /// <summary>Acquired exactly when the member returns 0: the kernel's <c>0</c> or negative errno, <c>S_OK</c>.</summary>
        Zero = 1,

        /// <summary>Acquired exactly when the member returns 0 or more (a descriptor, a count); a negative result is an error.</summary>
        NonNegative = 2,
    }
}
