using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Reporting
{
    /// <summary>
    /// Across the compilation: which fields receive acquired references and which fields' values are ever released
    /// (VFIO007 needs both, so it is reported when the compilation ends).
    /// </summary>
    internal sealed class FieldLedger
    {
        private readonly ConcurrentDictionary<IFieldSymbol, (string Kind, Location Assignment)> _stored =
            new ConcurrentDictionary<IFieldSymbol, (string, Location)>(SymbolEqualityComparer.Default);

        private readonly ConcurrentDictionary<IFieldSymbol, bool> _released =
            new ConcurrentDictionary<IFieldSymbol, bool>(SymbolEqualityComparer.Default);

        public void Stored(IFieldSymbol field, string kind, Location assignment) =>
            _stored.AddOrUpdate(field.OriginalDefinition, (kind, assignment), (_, existing) =>
                // Keep the first store in source order, so the report does not depend on analysis order.
                Compare(assignment, existing.Assignment) < 0 ? (kind, assignment) : existing);

        public void Released(IFieldSymbol field) => _released[field.OriginalDefinition] = true;

        public void Report(System.Action<Diagnostic> report)
        {
            foreach (var pair in _stored)
            {
                var field = pair.Key;
                if (_released.ContainsKey(field) || field.Locations.Length == 0 || !field.Locations[0].IsInSource)
                {
                    continue;
                }

                report(Diagnostic.Create(
                    Rules.Descriptors.FieldNeverReleased,
                    field.Locations[0],
                    new[] { pair.Value.Assignment },
                    pair.Value.Kind,
                    field.Name));
            }
        }

        private static int Compare(Location a, Location b)
        {
            int byPath = string.CompareOrdinal(a.SourceTree?.FilePath, b.SourceTree?.FilePath);
            return byPath != 0 ? byPath : a.SourceSpan.Start.CompareTo(b.SourceSpan.Start);
        }
    }
}
