using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using VfioAnalyzers.Contracts;
using VfioAnalyzers.Flow;
using VfioAnalyzers.Options;
using VfioAnalyzers.Reporting;
using VfioAnalyzers.Throwing;

namespace VfioAnalyzers
{
    /// <summary>
    /// What the analysis of one compilation shares across its bodies: the configured pairs and the catalog of contracts,
    /// the pre-filter's index, and the caches of helpers' bodies, summaries and inferred contracts.
    /// </summary>
    /// <remarks>
    /// Made at its first use, not at compilation start, with the start's cancellation token as the index's scan is: a
    /// cancellation is the whole compilation's analysis being cancelled. Resolving the pairs' members
    /// binds the compilation's references, which the compiler does anyway before it compiles any body; at compilation
    /// start it would be done on the analyzer's clock, with the compiler waiting for it (110 ms of a one-method
    /// net10.0 project's 0.3 s, in a cold compiler process).
    /// </remarks>
    internal sealed class CompilationAnalysis
    {
        private CompilationAnalysis(PairsConfiguration configuration, ContractCatalog catalog)
        {
            Configuration = configuration;
            Catalog = catalog;
        }

        public PairsConfiguration Configuration { get; }

        public ContractCatalog Catalog { get; }

        /// <summary>False when no annotated API and no configured pair is in sight: nothing else is made then.</summary>
        public bool IsActive => Catalog.IsActive;

        public ContractNameIndex Index { get; private set; } = null!;

        public FieldLedger Ledger { get; } = new FieldLedger();

        public LoweredBodies Bodies { get; private set; } = null!;

        public ParameterSummaries Summaries { get; private set; } = null!;

        public ContractInference Inference { get; private set; } = null!;

        public SettingsReader Settings { get; private set; } = null!;

        public MayThrowOracle Throws { get; private set; } = null!;

        public static CompilationAnalysis Make(Compilation compilation, AnalyzerOptions options, AnnotationAssemblies annotations, CancellationToken cancellationToken)
        {
            var configuration = PairsConfiguration.Load(compilation, options, cancellationToken);
            var analysis = new CompilationAnalysis(configuration, new ContractCatalog(annotations.Any, configuration.Contracts));
            if (!analysis.IsActive)
            {
                return analysis;
            }

            var catalog = analysis.Catalog;
            var index = ContractNameIndex.Build(compilation, catalog, annotations, configuration.Contracts, cancellationToken);
            var bodies = new LoweredBodies(compilation);
            var summaries = new ParameterSummaries(compilation, catalog, bodies);
            var inference = new ContractInference(compilation, index, cancellationToken) { Catalog = catalog, Summaries = summaries, Bodies = bodies };
            catalog.Inferred = inference.Get;
            index.ConfirmWrapper = method => !inference.Get(method).Acquires.IsEmpty;

            analysis.Index = index;
            analysis.Bodies = bodies;
            analysis.Summaries = summaries;
            analysis.Inference = inference;
            analysis.Settings = new SettingsReader(options.AnalyzerConfigOptionsProvider);
            analysis.Throws = new MayThrowOracle(compilation, catalog, configuration.ThrowListing, bodies);
            return analysis;
        }
    }
}
