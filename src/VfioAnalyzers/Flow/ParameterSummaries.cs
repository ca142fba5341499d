using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using VfioAnalyzers.Contracts;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// Learns, once per compilation, whether a helper in source always releases or stores a parameter, by running
    /// the same flow analysis over its body with that parameter held on entry.
    /// </summary>
    internal sealed class ParameterSummaries
    {
        private const int MaxDepth = 3;

        [System.ThreadStatic]
        private static HashSet<(IMethodSymbol, int, Carrier)>? t_inProgress;

        private readonly Compilation _compilation;
        private readonly ContractCatalog _catalog;
        private readonly ConcurrentDictionary<(IMethodSymbol, int, Carrier), ParameterFate> _cache =
            new ConcurrentDictionary<(IMethodSymbol, int, Carrier), ParameterFate>(new MethodOrdinalComparer());

        private readonly LoweredBodies _bodies;

        public ParameterSummaries(Compilation compilation, ContractCatalog catalog, LoweredBodies bodies)
        {
            _compilation = compilation;
            _catalog = catalog;
            _bodies = bodies;
        }

        /// <summary>
        /// What <paramref name="method"/> does with an argument at <paramref name="ordinal"/>: the reference itself, or a
        /// value that carries it (<paramref name="carrier"/>), which the helper may hand on where it would only lend
        /// the reference.
        /// </summary>
        public ParameterFate Get(IMethodSymbol method, int ordinal, int depth, CancellationToken cancellationToken, Carrier carrier = Carrier.Itself)
        {
            method = method.OriginalDefinition;
            if (_cache.TryGetValue((method, ordinal, carrier), out var known))
            {
                return known;
            }

            if (PrimaryConstructorParameters.TryGetFate(_compilation, method, ordinal, cancellationToken, out bool stores))
            {
                var fate = stores ? ParameterFate.Consumes : ParameterFate.Borrowed;
                _cache.TryAdd((method, ordinal, carrier), fate);
                return fate;
            }

            if (!HasOwnBody(method))
            {
                return ParameterFate.Borrowed;
            }

            var inProgress = t_inProgress ??= new HashSet<(IMethodSymbol, int, Carrier)>(new MethodOrdinalComparer());
            if (depth >= MaxDepth || inProgress.Contains((method, ordinal, carrier)))
            {
                // Too deep or recursive to know: answer the fate that reports nothing.
                AnalysisRecursion.CutShort();
                return ParameterFate.Consumes;
            }

            inProgress.Add((method, ordinal, carrier));
            bool outer = AnalysisRecursion.Begin();
            bool ended = false;
            try
            {
                var fate = Compute(method, ordinal, depth, cancellationToken, carrier);
                ended = true;
                if (!AnalysisRecursion.End(outer))
                {
                    _cache.TryAdd((method, ordinal, carrier), fate);
                }

                return fate;
            }
            finally
            {
                if (!ended)
                {
                    AnalysisRecursion.End(outer);
                }

                inProgress.Remove((method, ordinal, carrier));
            }
        }

        private static bool HasOwnBody(IMethodSymbol method) =>
            !method.IsAbstract && !method.IsExtern && method.DeclaringSyntaxReferences.Length == 1 &&
            (method.MethodKind == MethodKind.Ordinary || method.MethodKind == MethodKind.Constructor);

        private ParameterFate Compute(IMethodSymbol method, int ordinal, int depth, CancellationToken cancellationToken, Carrier carrier)
        {
            var lowered = _bodies.Get(method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken), model: null, cancellationToken);
            var graph = lowered?.Graph(cancellationToken);
            if (graph == null)
            {
                return ParameterFate.Borrowed;
            }

            var body = lowered!.Root;
            var context = new BodyContext(_catalog, AnalysisSettings.ExplicitExitsOnly, NullFindingSink.Instance, this, cancellationToken);
            var parameter = method.Parameters[ordinal];
            var site = carrier == Carrier.Itself
                ? context.Sites.ForEntry(body, parameter, ResourceSite.AnyKind)
                : context.Sites.ForCarriedEntry(body, parameter, ResourceSite.AnyKind);
            var entry = FlowState.Empty
                .With(ValueKey.For(parameter), AbstractValue.Reference(site.Id, maybeNull: false).CarriedAs(carrier))
                .WithStatus(site.Id, ResourceStatus.Held);

            var analysis = BodyAnalysis.Collect(context, graph, method, entry, depth + 1);
            if (analysis.GaveUp || analysis.Exits.Count == 0)
            {
                return ParameterFate.Borrowed;
            }

            var fates = analysis.Exits.Select(e => e.State.Status(site.Id)).ToList();
            if (fates.All(s => s == ResourceStatus.Released))
            {
                return ParameterFate.Releases;
            }

            return fates.All(s => s == ResourceStatus.Released || s == ResourceStatus.Escaped) ? ParameterFate.Consumes : ParameterFate.Borrowed;
        }

        private sealed class MethodOrdinalComparer : IEqualityComparer<(IMethodSymbol Method, int Ordinal, Carrier Carrier)>
        {
            public bool Equals((IMethodSymbol Method, int Ordinal, Carrier Carrier) x, (IMethodSymbol Method, int Ordinal, Carrier Carrier) y) =>
                x.Ordinal == y.Ordinal && x.Carrier == y.Carrier && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

            public int GetHashCode((IMethodSymbol Method, int Ordinal, Carrier Carrier) obj) =>
                (SymbolEqualityComparer.Default.GetHashCode(obj.Method) * 31 + obj.Ordinal) * 3 + (int)obj.Carrier;
        }
    }
}
