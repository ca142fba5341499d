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
    /// A parameter of a member that returns an integer status may say instead which results mean success, with
    /// <see cref="When"/>: <c>[Acquires("vfio-group", When = AcquiredWhen.Zero)] out VfioGroup? group</c>.
    /// </summary>
    /// <remarks>VfioAnalyzers knows this attribute by its full name, so a project may declare its own internal copy.</remarks>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.ReturnValue | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class AcquiresAttribute : Attribute
    {
        /// <summary>Creates the attribute for references of <paramref name="kind"/>.</summary>
        public AcquiresAttribute(string kind) => Kind = kind;

        /// <summary>The kind of reference; an acquire is paired only with releases of the same kind.</summary>
        public string Kind { get; }

        /// <summary>
        /// For a parameter of a member that returns an integer status (<c>int</c>, <c>long</c>, <c>short</c>,
        /// <c>sbyte</c>): the results that mean it acquired. Unset, the rules above apply.
        /// </summary>
        public AcquiredWhen When { get; set; }
    }
}
