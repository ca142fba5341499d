using System.Collections.Concurrent;
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
using VfioAnalyzers.Throwing;

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
            Descriptors.InferredContract,
            Descriptors.BadConfiguration,
            Descriptors.BadOption);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();

            // Generated code is not analysed. Reports are not filtered by the driver, which would walk every token
            // of each file that receives one: body reports can only land in analysed (hand-written) code, and
            // the one report made elsewhere (VFIO007, at a field) asks GeneratedCode itself.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            var annotations = AnnotationAssemblies.Find(context.Compilation, context.CancellationToken);
            var gatedProblems = new List<Options.OptionProblem>();
            if (!annotations.Any && PresetGate.NothingToAnalyse(context.Compilation, context.Options, gatedProblems, context.CancellationToken))
            {
                // Presets alone, and no file spells one of their members: nothing to resolve, nothing to analyse.
                ReportOptionProblems(context, gatedProblems);
                return;
            }

            var compilation = context.Compilation;
            var options = context.Options;
            var startToken = context.CancellationToken;
            System.Lazy<CompilationAnalysis> made;
            if (PairsConfiguration.HasPairsFile(options))
            {
                // A pairs file may declare nothing this compilation can resolve, which only resolving it tells: resolved
                // here, so that such a compilation registers nothing but the file's problems. This start binds the
                // references, on the analyzer's clock.
                var analysis = CompilationAnalysis.Make(compilation, options, annotations, startToken);
                ReportConfigurationProblems(context, analysis.Configuration.Problems);
                if (!analysis.IsActive)
                {
                    ReportOptionProblems(context, analysis.Configuration.OptionProblems);
                    return;
                }

                made = new System.Lazy<CompilationAnalysis>(() => analysis);
            }
            else
            {
                // An annotated API, or presets whose members a file spells (the gate): active, the presets naming the
                // framework's own types. Made by the first action that needs it, once the compiler has bound the
                // references to compile a body (CompilationAnalysis).
                made = new System.Lazy<CompilationAnalysis>(() => CompilationAnalysis.Make(compilation, options, annotations, startToken), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
            }

            // Declared in source only: a referenced assembly's attributes were checked when it was built. Without the
            // annotation types in sight (a preset alone), no method can carry one.
            var conditions = annotations.Any ? new ConditionArgumentText() : null;
            if (conditions != null)
            {
                // A partial member's parts carry the same attributes, and the driver passes one part or both (a generated
                // declaring part is not analysed; Roslyn 5 passes only the implementing part of a partial constructor):
                // each problem is reported once, at its attribute.
                var reported = new ConcurrentDictionary<Location, bool>();
                context.RegisterSymbolAction(
                    symbol =>
                    {
                        var method = (IMethodSymbol)symbol.Symbol;
                        if (!conditions.MayBeWrittenFor(method, symbol.CancellationToken))
                        {
                            return;
                        }

                        foreach (var problem in AttributeConditionCheck.Check(method))
                        {
                            if (reported.TryAdd(problem.Location, true))
                            {
                                symbol.ReportDiagnostic(problem);
                            }
                        }
                    },
                    SymbolKind.Method);
            }

            // A code-block action, not an operation-block one: the driver would bind every body of the compilation
            // for the latter, while most bodies never call an annotated member and are dismissed on their syntax.
            context.RegisterCodeBlockAction(block =>
            {
                // No symbol action sees a local function: its attributes are checked with the body it is declared in.
                if (conditions != null && conditions.MayBeWrittenWithin(block.CodeBlock.SyntaxTree, block.CodeBlock.Span, block.CancellationToken))
                {
                    foreach (var problem in AttributeConditionCheck.CheckLocalFunctions(block.CodeBlock, block.SemanticModel, block.CancellationToken))
                    {
                        block.ReportDiagnostic(problem);
                    }
                }

                try
                {
                    var analysis = made.Value;
                    if (analysis.IsActive && analysis.Index.MayCall(block.CodeBlock, block.SemanticModel, block.CancellationToken))
                    {
                        if (AnalyzeCodeBlock(block, analysis))
                        {
                            InferredContractNote.Report(block, analysis.Catalog, analysis.Inference, analysis.Index);
                        }
                    }
                }
                finally
                {
                    MemberText.Forget();
                }
            });
            context.RegisterCompilationEndAction(end =>
            {
                var analysis = made.Value;
                ReportBadOptions(end, analysis.Configuration.OptionProblems.Concat(SettingsReader.Validate(end.Compilation, end.Options.AnalyzerConfigOptionsProvider)));
                if (!analysis.IsActive)
                {
                    return;
                }

                // Made here, not in the ledger, so that RS1037 sees the descriptor reported at compilation end.
                foreach (var (field, kind, assignment) in analysis.Ledger.NeverReleased(end.Compilation, end.Options, analysis.Summaries, end.CancellationToken))
                {
                    end.ReportDiagnostic(Diagnostic.Create(Descriptors.FieldNeverReleased, field.Locations[0], new[] { assignment }, kind, field.Name));
                }
            });
        }

        /// <summary>
        /// A bad option value has no place in a file the compiler knows: reported without one, once the compilation
        /// ends, with the problems of the analyzer's other options.
        /// </summary>
#pragma warning disable RS1013 // A helper of the start action: the start action registers the analysis itself.
        private static void ReportOptionProblems(CompilationStartAnalysisContext context, IEnumerable<Options.OptionProblem> problems)
#pragma warning restore RS1013
        {
            var optionProblems = problems.Concat(SettingsReader.Validate(context.Compilation, context.Options.AnalyzerConfigOptionsProvider)).ToList();
            if (optionProblems.Count > 0)
            {
                context.RegisterCompilationEndAction(end => ReportBadOptions(end, optionProblems));
            }
        }

        /// <summary>Bad lines are reported in the pairs file they come from, when the driver analyses that file.</summary>
        private static void ReportConfigurationProblems(CompilationStartAnalysisContext context, IReadOnlyList<Diagnostic> problems)
        {
            if (problems.Count == 0)
            {
                return;
            }

            context.RegisterAdditionalFileAction(file =>
            {
                foreach (var problem in problems)
                {
                    if (problem.Location.GetLineSpan().Path == file.AdditionalFile.Path)
                    {
                        file.ReportDiagnostic(problem);
                    }
                }
            });
        }

        private static void ReportBadOptions(CompilationAnalysisContext end, IEnumerable<Options.OptionProblem> problems)
        {
            foreach (var problem in problems)
            {
                end.ReportDiagnostic(Diagnostic.Create(Descriptors.BadOption, Location.None, problem.Subject, SafeMessage.Of(problem.Message)));
            }
        }

        /// <summary>Analyses the block's bodies; answers whether one of them behaves like a wrapper.</summary>
        private static bool AnalyzeCodeBlock(CodeBlockAnalysisContext context, CompilationAnalysis analysis)
        {
            bool looksLikeWrapper = false;
            foreach (var syntax in ExecutableRoots(context.CodeBlock))
            {
                var lowered = analysis.Bodies.Get(syntax, context.SemanticModel, context.CancellationToken);
                if (lowered == null)
                {
                    continue;
                }

                // The text named a contract member; whether the body calls one is settled before building its graph.
                var facts = BodyFacts.Of(lowered.Root, analysis.Catalog);
                var graph = facts.Kinds.Count == 0 ? null : lowered.Graph(context.CancellationToken);
                if (graph == null)
                {
                    continue;
                }

                var settings = analysis.Settings.For(syntax.SyntaxTree);
                var body = new BodyRunner(analysis.Catalog, analysis.Ledger, analysis.Summaries, settings, analysis.Throws, context.ReportDiagnostic, context.CancellationToken);
                looksLikeWrapper |= body.Analyze(graph, OwnerOf(syntax, context), facts);
            }

            return looksLikeWrapper;
        }

        /// <summary>A property's accessor body belongs to the accessor, whose annotations it is held to (VFIO008).</summary>
        private static ISymbol OwnerOf(SyntaxNode root, CodeBlockAnalysisContext context)
        {
            switch (root)
            {
                case Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax accessor:
                    return context.SemanticModel.GetDeclaredSymbol(accessor, context.CancellationToken) ?? context.OwningSymbol;
                case Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax _ when context.OwningSymbol is IPropertySymbol { GetMethod: { } getter }:
                    return getter;
                default:
                    return context.OwningSymbol;
            }
        }

        /// <summary>The syntax whose operation roots a graph: the member itself, or its initializer or arrow body.</summary>
        private static IEnumerable<SyntaxNode> ExecutableRoots(SyntaxNode codeBlock)
        {
            switch (codeBlock)
            {
                case Microsoft.CodeAnalysis.CSharp.Syntax.BasePropertyDeclarationSyntax property:
                    foreach (var accessor in property.AccessorList?.Accessors ?? default)
                    {
                        if (accessor.Body != null || accessor.ExpressionBody != null)
                        {
                            yield return accessor;
                        }
                    }

                    if (property is Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax { ExpressionBody: { } arrow })
                    {
                        yield return arrow;
                    }

                    if (property is Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax { Initializer: { } initializer })
                    {
                        yield return initializer;
                    }

                    if (property is Microsoft.CodeAnalysis.CSharp.Syntax.IndexerDeclarationSyntax { ExpressionBody: { } indexerArrow })
                    {
                        yield return indexerArrow;
                    }

                    break;
                case Microsoft.CodeAnalysis.CSharp.Syntax.BaseFieldDeclarationSyntax field:
                    foreach (var variable in field.Declaration.Variables)
                    {
                        if (variable.Initializer != null)
                        {
                            yield return variable.Initializer;
                        }
                    }

                    break;
                case Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer: { } fieldInitializer }:
                    yield return fieldInitializer;
                    break;
                case Microsoft.CodeAnalysis.CSharp.Syntax.BaseTypeDeclarationSyntax _:
                    break;
                case Microsoft.CodeAnalysis.CSharp.Syntax.ParameterSyntax _:
                case Microsoft.CodeAnalysis.CSharp.Syntax.EnumMemberDeclarationSyntax _:
                    break;
                default:
                    yield return codeBlock;
                    break;
            }
        }

        /// <summary>Analyses one body and each lambda and local function inside it as bodies of their own.</summary>
        private sealed class BodyRunner
        {
            private readonly ContractCatalog _catalog;
            private readonly FieldLedger _ledger;
            private readonly ParameterSummaries _summaries;
            private readonly AnalysisSettings _settings;
            private readonly MayThrowOracle _throws;
            private readonly System.Action<Diagnostic> _report;
            private readonly System.Threading.CancellationToken _cancellationToken;
            private HashSet<ISymbol>? _methodDecisive;
            private HashSet<ISymbol>? _methodRetested;

            public BodyRunner(ContractCatalog catalog, FieldLedger ledger, ParameterSummaries summaries, AnalysisSettings settings, MayThrowOracle throws, System.Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
            {
                _throws = throws;
                _catalog = catalog;
                _ledger = ledger;
                _summaries = summaries;
                _settings = settings;
                _report = report;
                _cancellationToken = cancellationToken;
            }

            /// <summary>Analyses the body and its nested ones; answers whether the body itself behaves like a wrapper.</summary>
            public bool Analyze(ControlFlowGraph graph, ISymbol owner, BodyFacts facts)
            {
                var kinds = facts.Kinds;
                var sites = new SiteRegistry();
                var sink = new DiagnosticSink(_catalog, _ledger, sites);
                var bodyContext = new BodyContext(_catalog, _settings, sink, _summaries, _cancellationToken, sites) { Throws = _throws };
                // The method's own body comes first; its walk found the variables every condition in the method
                // tests, which is the set its lambdas and local functions use too: no body walks the method again.
                _methodDecisive ??= facts.Decisive;
                _methodRetested ??= facts.Retested;
                bodyContext.Decisive = _methodDecisive;
                bodyContext.Retested = _methodRetested;

                var (entry, promise) = EntryFor(owner, kinds, graph.OriginalOperation, bodyContext);
                var analysis = BodyAnalysis.Report(bodyContext, graph, owner, promise, entry);
                if (!analysis.GaveUp)
                {
                    sink.CommitFieldStores();
                    foreach (var diagnostic in sink.Diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id))
                    {
                        _report(diagnostic);
                    }
                }

                foreach (var localFunction in graph.LocalFunctions)
                {
                    AnalyzeNested(graph.GetLocalFunctionControlFlowGraph(localFunction, _cancellationToken), localFunction);
                }

                if (!facts.HasLambdas)
                {
                    // Finding them means walking every operation of the graph: only done when the body has some.
                    return analysis.LooksLikeWrapper;
                }

                foreach (var lambda in graph.Blocks.SelectMany(b => b.Operations.Concat(b.BranchValue != null ? new[] { b.BranchValue } : Enumerable.Empty<IOperation>()))
                    .SelectMany(o => o.DescendantsAndSelf()).OfType<IFlowAnonymousFunctionOperation>())
                {
                    AnalyzeNested(graph.GetAnonymousFunctionControlFlowGraph(lambda, _cancellationToken), lambda.Symbol);
                }

                return analysis.LooksLikeWrapper;
            }

            private void AnalyzeNested(ControlFlowGraph graph, IMethodSymbol owner)
            {
                var facts = BodyFacts.Of(graph.OriginalOperation, _catalog);
                if (facts.Kinds.Count > 0)
                {
                    Analyze(graph, owner, facts);
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

                var promised = contract.Acquires.Where(a => kinds.Contains(a.Kind) && (a.Target == AcquireTarget.ReturnValue || a.Target == AcquireTarget.OutParameter || a.Target == AcquireTarget.Argument)).ToImmutableArray();
                return (entry, promised.IsEmpty ? OwnerPromise.None : new OwnerPromise(method, promised));
            }
        }
    }
}
