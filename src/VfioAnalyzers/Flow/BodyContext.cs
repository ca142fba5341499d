using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using VfioAnalyzers.Contracts;

namespace VfioAnalyzers.Flow
{
    /// <summary>What one analysed body and the local functions inlined into it share.</summary>
    internal sealed class BodyContext
    {
        /// <param name="sites">The body's resources, when the sink needs them too (to tell what paths hold).</param>
        public BodyContext(ContractCatalog catalog, AnalysisSettings settings, IFindingSink sink, ParameterSummaries summaries, CancellationToken cancellationToken, SiteRegistry? sites = null)
        {
            Sites = sites ?? new SiteRegistry();
            Catalog = catalog;
            Settings = settings;
            Sink = sink;
            Summaries = summaries;
            CancellationToken = cancellationToken;
        }

        public ContractCatalog Catalog { get; }

        public AnalysisSettings Settings { get; }

        /// <summary>Judges which calls may throw, for the precise exception-path mode; null where exception paths never count.</summary>
        public Throwing.MayThrowOracle? Throws { get; set; }

        public IFindingSink Sink { get; }

        public ParameterSummaries Summaries { get; }

        public CancellationToken CancellationToken { get; }

        public SiteRegistry Sites { get; }

        /// <summary>Graphs of local functions, registered as their enclosing graphs are analysed, for inlining calls.</summary>
        public Dictionary<IMethodSymbol, ControlFlowGraph> LocalFunctions { get; } = new Dictionary<IMethodSymbol, ControlFlowGraph>(SymbolEqualityComparer.Default);

        /// <summary>The variables whose constants are worth tracking, found once for the whole body (lambdas included).</summary>
        public HashSet<ISymbol>? Decisive { get; set; }

        /// <summary>The places tested for null more than once, found with <see cref="Decisive"/>.</summary>
        public HashSet<ISymbol>? Retested { get; set; }

        /// <summary>Local functions being inlined now, so recursion stops.</summary>
        public HashSet<IMethodSymbol> Inlining { get; } = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);

        public void RegisterLocalFunctions(ControlFlowGraph graph)
        {
            foreach (var localFunction in graph.LocalFunctions)
            {
                if (!LocalFunctions.ContainsKey(localFunction))
                {
                    var inner = graph.GetLocalFunctionControlFlowGraph(localFunction, CancellationToken);
                    LocalFunctions.Add(localFunction, inner);
                    RegisterLocalFunctions(inner);
                }
            }
        }
    }
}
