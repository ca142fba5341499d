using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using VfioAnalyzers.Contracts;
using VfioAnalyzers.Flow;
using VfioAnalyzers.Options;
using VfioAnalyzers.Reporting;
using VfioAnalyzers.Rules;

namespace VfioAnalyzers
{
    /// <summary>
    /// Flags every path on which an acquired reference is not released, and releases that are wrong
    /// (twice, after use, of nothing held), for every acquire/release pair the compilation declares.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AcquireReleaseAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.NotReleasedOnPath,
            Descriptors.ReleasedTwice,
            Descriptors.UsedAfterRelease,
            Descriptors.ReleaseNotHeld,
            Descriptors.Discarded,
            Descriptors.OverwrittenWhileHeld,
            Descriptors.FieldNeverReleased,
            Descriptors.AnnotationBroken,
            Descriptors.BadConfiguration);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            var configuration = PairsConfiguration.Load(context.Compilation, context.Options, context.CancellationToken);
            ReportConfigurationProblems(context, configuration.Problems);

            var catalog = new ContractCatalog(
                ContractCatalog.CompilationHasAnnotations(context.Compilation),
                configuration.Contracts);
            if (!catalog.IsActive)
            {
                // No annotated API and no configured pair in sight: this compilation pays nothing more.
                return;
            }

            var ledger = new FieldLedger();
            var summaries = new ParameterSummaries(context.Compilation, catalog);
            var optionsProvider = context.Options.AnalyzerConfigOptionsProvider;
            context.RegisterOperationBlockAction(block => AnalyzeBlocks(block, catalog, ledger, summaries, optionsProvider));
            context.RegisterCompilationEndAction(end => ledger.Report(end.ReportDiagnostic));
        }

        /// <summary>Bad lines are reported in the pairs file they come from; a bad option value, without a place.</summary>
        private static void ReportConfigurationProblems(CompilationStartAnalysisContext context, IReadOnlyList<Diagnostic> problems)
        {
            if (problems.Count == 0)
            {
                return;
            }

            if (problems.Any(p => p.Location.IsInSource || p.Location.Kind == LocationKind.ExternalFile))
            {
                context.RegisterAdditionalFileAction(file =>
                {
                    foreach (var problem in problems)
                    {
                        if (problem.Location.Kind == LocationKind.ExternalFile && problem.Location.GetLineSpan().Path == file.AdditionalFile.Path)
                        {
                            file.ReportDiagnostic(problem);
                        }
                    }
                });
            }

            if (problems.Any(p => p.Location == Location.None))
            {
                context.RegisterCompilationEndAction(end =>
                {
                    foreach (var problem in problems)
                    {
                        if (problem.Location == Location.None)
                        {
                            end.ReportDiagnostic(problem);
                        }
                    }
                });
            }
        }

        private static void AnalyzeBlocks(OperationBlockAnalysisContext context, ContractCatalog catalog, FieldLedger ledger, ParameterSummaries summaries, AnalyzerConfigOptionsProvider options)
        {
            // A constructor's initializer and body are two blocks of one root: analyse each root once.
            var roots = new HashSet<IOperation>();
            foreach (var block in context.OperationBlocks)
            {
                if (block.Kind == OperationKind.Attribute || block.Kind == OperationKind.ParameterInitializer)
                {
                    continue;
                }

                var root = block;
                while (root.Parent != null)
                {
                    root = root.Parent;
                }

                if (!roots.Add(root))
                {
                    continue;
                }

                var kinds = KindsUsed(root, catalog);
                if (kinds.Count == 0)
                {
                    continue;
                }

                var settings = SettingsReader.Read(options, block.Syntax.SyntaxTree);
                var graph = context.GetControlFlowGraph(block);
                var body = new BodyRunner(catalog, ledger, summaries, settings, context);
                body.Analyze(graph, context.OwningSymbol, kinds);
            }
        }

        /// <summary>The kinds of the annotated members a body calls; empty when it calls none.</summary>
        internal static HashSet<string> KindsUsed(IOperation root, ContractCatalog catalog)
        {
            var kinds = new HashSet<string>();
            foreach (var operation in root.DescendantsAndSelf())
            {
                IMethodSymbol? target = operation switch
                {
                    IInvocationOperation invocation => invocation.TargetMethod,
                    IObjectCreationOperation creation => creation.Constructor,
                    _ => null,
                };

                if (target == null)
                {
                    continue;
                }

                var contract = catalog.Get(target);
                foreach (var acquire in contract.Acquires)
                {
                    kinds.Add(acquire.Kind);
                }

                foreach (var release in contract.Releases)
                {
                    kinds.Add(release.Kind);
                }
            }

            return kinds;
        }

        /// <summary>Analyses one body and each lambda and local function inside it as bodies of their own.</summary>
        private sealed class BodyRunner
        {
            private readonly ContractCatalog _catalog;
            private readonly FieldLedger _ledger;
            private readonly ParameterSummaries _summaries;
            private readonly AnalysisSettings _settings;
            private readonly OperationBlockAnalysisContext _context;

            public BodyRunner(ContractCatalog catalog, FieldLedger ledger, ParameterSummaries summaries, AnalysisSettings settings, OperationBlockAnalysisContext context)
            {
                _catalog = catalog;
                _ledger = ledger;
                _summaries = summaries;
                _settings = settings;
                _context = context;
            }

            public void Analyze(ControlFlowGraph graph, ISymbol owner, HashSet<string> kinds)
            {
                var sink = new DiagnosticSink(_catalog, _ledger);
                var bodyContext = new BodyContext(_catalog, _settings, sink, _summaries, _context.CancellationToken);
                var (entry, promise) = EntryFor(owner, kinds, graph.OriginalOperation, bodyContext);
                var analysis = BodyAnalysis.Report(bodyContext, graph, owner, promise, entry);
                if (!analysis.GaveUp)
                {
                    foreach (var diagnostic in sink.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id))
                    {
                        _context.ReportDiagnostic(diagnostic);
                    }
                }

                foreach (var localFunction in graph.LocalFunctions)
                {
                    AnalyzeNested(graph.GetLocalFunctionControlFlowGraph(localFunction, _context.CancellationToken), localFunction);
                }

                foreach (var lambda in graph.Blocks.SelectMany(b => b.Operations.Concat(b.BranchValue != null ? new[] { b.BranchValue } : Enumerable.Empty<IOperation>()))
                    .SelectMany(o => o.DescendantsAndSelf()).OfType<IFlowAnonymousFunctionOperation>())
                {
                    AnalyzeNested(graph.GetAnonymousFunctionControlFlowGraph(lambda, _context.CancellationToken), lambda.Symbol);
                }
            }

            private void AnalyzeNested(ControlFlowGraph graph, IMethodSymbol owner)
            {
                var kinds = KindsUsed(graph.OriginalOperation, _catalog);
                if (kinds.Count > 0)
                {
                    Analyze(graph, owner, kinds);
                }
            }

            /// <summary>
            /// A wrapper (a member whose body uses annotated members of the kind it declares) starts holding each
            /// [Releases] parameter and is held to its [Acquires]; primitives are taken at their word.
            /// </summary>
            private (FlowState Entry, OwnerPromise Promise) EntryFor(ISymbol owner, HashSet<string> kinds, IOperation body, BodyContext bodyContext)
            {
                if (!(owner is IMethodSymbol method))
                {
                    return (FlowState.Empty, OwnerPromise.None);
                }

                var contract = AttributeContractReader.Read(method);
                var entry = FlowState.Empty;
                foreach (var release in contract.Releases)
                {
                    if (release.Target == ReleaseTarget.Argument && kinds.Contains(release.Kind) && release.ParameterOrdinal < method.Parameters.Length)
                    {
                        var parameter = method.Parameters[release.ParameterOrdinal];
                        var site = bodyContext.Sites.ForEntry(body, parameter, release.Kind);
                        entry = entry.With(ValueKey.For(parameter), AbstractValue.Reference(site.Id, maybeNull: false)).WithStatus(site.Id, ResourceStatus.Held);
                    }
                }

                var promised = contract.Acquires.Where(a => kinds.Contains(a.Kind) && (a.Target == AcquireTarget.ReturnValue || a.Target == AcquireTarget.OutParameter)).ToImmutableArray();
                return (entry, promised.IsEmpty ? OwnerPromise.None : new OwnerPromise(method, promised));
            }
        }
    }
}
