using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Which assemblies of a compilation declare the annotation attributes, found once at start-up: whether
    /// attributes are read at all, and which assemblies can carry annotated members, both follow from it.
    /// </summary>
    internal sealed class AnnotationAssemblies
    {
        private readonly HashSet<string> _declaring;
        private readonly IReadOnlyList<IAssemblySymbol> _all;

        private AnnotationAssemblies(HashSet<string> declaring, IReadOnlyList<IAssemblySymbol> all)
        {
            _declaring = declaring;
            _all = all;
        }

        /// <summary>True when some assembly (the compilation's own included) declares the annotations.</summary>
        public bool Any => _declaring.Count > 0;

        public static AnnotationAssemblies Find(Compilation compilation)
        {
            var all = new[] { compilation.Assembly }.Concat(compilation.SourceModule.ReferencedAssemblySymbols).ToList();

            // Asked of each assembly, not of the compilation: it answers null when several declare the same name.
            var declaring = new HashSet<string>(
                all.Where(a => a.GetTypeByMetadataName(AnnotationNames.AcquiresMetadataName) != null || a.GetTypeByMetadataName(AnnotationNames.ReleasesMetadataName) != null)
                    .Select(a => a.Identity.Name),
                System.StringComparer.Ordinal);
            return new AnnotationAssemblies(declaring, all);
        }

        /// <summary>Assemblies that declare the annotations or reference one that does: only they can carry them.</summary>
        public IEnumerable<IAssemblySymbol> Carriers() =>
            // References are compared by identity, which is read from metadata without resolving any symbol.
            _all.Where(a => _declaring.Contains(a.Identity.Name) || a.Modules.Any(m => m.ReferencedAssemblies.Any(r => _declaring.Contains(r.Name))));
    }
}
