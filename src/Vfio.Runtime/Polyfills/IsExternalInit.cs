#if NETSTANDARD2_0
namespace System.Runtime.CompilerServices
{
    /// <summary>netstandard2.0 lacks the marker type that <c>init</c> accessors need; the compiler finds it by name.</summary>
    internal static class IsExternalInit
    {
    }
}
#endif
