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

            // Asked of each assembly, not of the compilation: it answers null when several declare the same name. A
            // metadata assembly's type names (simple, read off its metadata) are checked first: a type lookup builds its
            // namespaces as symbols, which for every reference of a small project costs more than the rest of its
            // start. (An assembly built from source, this one or a referenced project's, answers from its declarations.)
            var declaring = new HashSet<string>(
                all.Where(a => (!IsMetadata(a) || a.TypeNames.Contains(AnnotationNames.Acquires) || a.TypeNames.Contains(AnnotationNames.Releases)) &&
                    (a.GetTypeByMetadataName(AnnotationNames.AcquiresMetadataName) != null || a.GetTypeByMetadataName(AnnotationNames.ReleasesMetadataName) != null))
                    .Select(a => a.Identity.Name),
                System.StringComparer.Ordinal);
            return new AnnotationAssemblies(declaring, all);
        }

        private static bool IsMetadata(IAssemblySymbol assembly) =>
            assembly.Locations.Length > 0 && assembly.Locations.All(location => location.IsInMetadata);

        /// <summary>Assemblies that declare the annotations or reference one that does: only they can carry them.</summary>
        public IEnumerable<IAssemblySymbol> Carriers() =>
            // References are compared by identity, which is read from metadata without resolving any symbol.
            _all.Where(a => _declaring.Contains(a.Identity.Name) || a.Modules.Any(m => m.ReferencedAssemblies.Any(r => _declaring.Contains(r.Name))));
    }
}
