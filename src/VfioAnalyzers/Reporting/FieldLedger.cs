using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using VfioAnalyzers.Contracts;
using VfioAnalyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

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

        // Per field, each helper and parameter it was given to, once (a path revisits a call many times).
        private readonly ConcurrentDictionary<IFieldSymbol, ConcurrentDictionary<(IMethodSymbol Helper, int Ordinal), bool>> _givenTo =
            new ConcurrentDictionary<IFieldSymbol, ConcurrentDictionary<(IMethodSymbol, int), bool>>(SymbolEqualityComparer.Default);

        public void Released(IFieldSymbol field) => _released[field.OriginalDefinition] = true;

        /// <summary>
        /// Noted, not judged: what the helper does with the parameter takes a flow analysis of its body, which only a
        /// field that would be reported needs.
        /// </summary>
        public void GivenTo(IFieldSymbol field, IMethodSymbol helper, int ordinal) =>
            _givenTo.GetOrAdd(field.OriginalDefinition, _ => new ConcurrentDictionary<(IMethodSymbol, int), bool>(HelperOrdinalComparer.Instance))[(helper.OriginalDefinition, ordinal)] = true;

        /// <summary>The fields that receive an acquired reference that no code in the compilation releases (VFIO007).</summary>
        public IEnumerable<(IFieldSymbol Field, string Kind, Location Assignment)> NeverReleased(Compilation compilation, AnalyzerOptions options, ParameterSummaries summaries, CancellationToken cancellationToken)
        {
            foreach (var pair in _stored)
            {
                var field = pair.Key;
                if (_released.ContainsKey(field) || field.Locations.Length == 0 || !field.Locations[0].IsInSource ||
                    GeneratedCode.IsGenerated(field, field.Locations[0], compilation, options, cancellationToken) ||
                    IsGivenToKeepingHelper(field, summaries, cancellationToken) ||
                    IsGivenToReleasingHelper(field, compilation, summaries, cancellationToken))
                {
                    continue;
                }

                yield return (field, pair.Value.Kind, pair.Value.Assignment);
            }
        }

        /// <summary>An analysed body gave the field's value to a helper that releases or keeps that parameter.</summary>
        private bool IsGivenToKeepingHelper(IFieldSymbol field, ParameterSummaries summaries, CancellationToken cancellationToken) =>
            _givenTo.TryGetValue(field, out var helpers) &&
            helpers.Keys.Any(h => summaries.Get(h.Helper, h.Ordinal, 0, cancellationToken) != ParameterFate.Borrowed);

        /// <summary>
        /// Bodies that call no annotated member are never analysed, yet one may hand the field to a helper that puts
        /// it (<c>Drop(_group)</c>): such calls are found by name in the files that spell the field's name.
        /// </summary>
        private static bool IsGivenToReleasingHelper(IFieldSymbol field, Compilation compilation, ParameterSummaries summaries, CancellationToken cancellationToken)
        {
            var scanner = new WordScanner(new[] { field.Name });
            foreach (var tree in compilation.SyntaxTrees)
            {
                var text = tree.GetText(cancellationToken);
                if (!scanner.Mentions(text, new TextSpan(0, text.Length)))
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var argument in tree.GetRoot(cancellationToken).DescendantNodes().OfType<ArgumentSyntax>())
                {
                    if (!Names(argument.Expression, field.Name))
                    {
                        continue;
                    }

#pragma warning disable RS1030 // Runs once per unreleased field at compilation end, only on files that name it.
                    model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    if (model.GetOperation(argument, cancellationToken) is IArgumentOperation { Parameter: { } parameter } &&
                        SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(argument.Expression, cancellationToken).Symbol?.OriginalDefinition, field) &&
                        parameter.ContainingSymbol is IMethodSymbol helper &&
                        summaries.Get(helper, parameter.Ordinal, 0, cancellationToken) != ParameterFate.Borrowed)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool Names(ExpressionSyntax expression, string name) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == name,
            _ => false,
        };

        private static int Compare(Location a, Location b)
        {
            int byPath = string.CompareOrdinal(a.SourceTree?.FilePath, b.SourceTree?.FilePath);
            return byPath != 0 ? byPath : a.SourceSpan.Start.CompareTo(b.SourceSpan.Start);
        }

        private sealed class HelperOrdinalComparer : IEqualityComparer<(IMethodSymbol Helper, int Ordinal)>
        {
            public static readonly HelperOrdinalComparer Instance = new HelperOrdinalComparer();

            public bool Equals((IMethodSymbol Helper, int Ordinal) x, (IMethodSymbol Helper, int Ordinal) y) =>
                x.Ordinal == y.Ordinal && SymbolEqualityComparer.Default.Equals(x.Helper, y.Helper);

            public int GetHashCode((IMethodSymbol Helper, int Ordinal) obj) => SymbolEqualityComparer.Default.GetHashCode(obj.Helper) * 31 + obj.Ordinal;
        }
    }
}
