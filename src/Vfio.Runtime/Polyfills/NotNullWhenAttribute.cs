#if NETSTANDARD2_0
namespace System.Diagnostics.CodeAnalysis
{
    /// <summary>
    /// netstandard2.0 lacks the nullable attributes. The compiler reads this one by name, so callers on .NET Framework
    /// and .NET alike learn that a <c>true</c> from <c>TryGetExternalUser</c> means a group that is not null.
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
    internal sealed class NotNullWhenAttribute : Attribute
    {
        public NotNullWhenAttribute(bool returnValue) => ReturnValue = returnValue;

        public bool ReturnValue { get; }
    }
}
#endif
