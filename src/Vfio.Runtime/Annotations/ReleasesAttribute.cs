using System;

namespace Vfio.Annotations
{
    /// <summary>Marks a parameter whose argument the call releases: one held reference of <see cref="Kind"/> is given back.</summary>
    /// <remarks>VfioAnalyzers knows this attribute by its full name, so a project may declare its own internal copy.</remarks>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class ReleasesAttribute : Attribute
    {
        /// <summary>Creates the attribute for references of <paramref name="kind"/>.</summary>
        public ReleasesAttribute(string kind) => Kind = kind;

        /// <summary>The kind of reference released.</summary>
        public string Kind { get; }
    }
}
