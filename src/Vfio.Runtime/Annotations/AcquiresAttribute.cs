using System;

namespace Vfio.Annotations
{
    /// <summary>
    /// Marks where a held reference of <see cref="Kind"/> comes from.
    /// On a method or its return value: the returned value, when not null, is a newly held reference.
    /// On an <c>out</c> parameter: it receives a held reference when the call succeeds
    /// (returns <c>true</c>, or the value is not null).
    /// On a by-value parameter: the call acquires that argument (as <c>Monitor.Enter</c> does);
    /// when the member returns <c>bool</c>, only if it returns <c>true</c>.
    /// </summary>
    /// <remarks>VfioAnalyzers knows this attribute by its full name, so a project may declare its own internal copy.</remarks>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.ReturnValue | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class AcquiresAttribute : Attribute
    {
        /// <summary>Creates the attribute for references of <paramref name="kind"/>.</summary>
        public AcquiresAttribute(string kind) => Kind = kind;

        /// <summary>The kind of reference; an acquire is paired only with releases of the same kind.</summary>
        public string Kind { get; }
    }
}
