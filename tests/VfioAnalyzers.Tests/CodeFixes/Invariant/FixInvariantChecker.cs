using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using VfioAnalyzers.CodeFixes;
using VfioAnalyzers.Tests.Verifiers;

namespace VfioAnalyzers.Tests.CodeFixes.Invariant
{
    /// <summary>
    /// Applies every code fix of the package to a source, one diagnostic at a time and as Fix All over the document,
    /// and checks what every fix must guarantee: the fixed code has no compiler diagnostic the source did not have,
    /// no more VFIO findings of any rule than before, and fewer of the rule it fixed. A fix that adds a second
    /// release, a release of nothing held or a leak elsewhere breaks the second; one that does not compile, the first.
    /// Findings are counted per rule, not matched one by one (a fix moves code, and messages name conditions), and
    /// the analyzer is the judge: a bug it cannot see (a put of what a field keeps) is for the fixes' own tests.
    /// </summary>
    internal sealed class FixInvariantChecker : IDisposable
    {
        private static readonly ImmutableArray<CodeFixProvider> Providers = typeof(VfioCodeFixProvider).Assembly.GetTypes()
            .Where(type => typeof(CodeFixProvider).IsAssignableFrom(type) && !type.IsAbstract)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
            .ToImmutableArray();

        private static readonly Lazy<ImmutableArray<MetadataReference>> References = new Lazy<ImmutableArray<MetadataReference>>(() =>
            ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None).GetAwaiter().GetResult());

        private readonly AdhocWorkspace _workspace = new AdhocWorkspace();
        private readonly DocumentId _testDocument;

        private readonly Func<string, Diagnostic, bool> _tolerated;

        /// <param name="editorConfig">Lines under <c>[*]</c> of the project's .editorconfig (analyzer options).</param>
        /// <param name="tolerated">Findings a fix (by equivalence key) may add without breaking its promise, with the reason at the caller.</param>
        public FixInvariantChecker(string editorConfig = "", Func<string, Diagnostic, bool>? tolerated = null)
        {
            _tolerated = tolerated ?? ((_, _) => false);
            var projectId = ProjectId.CreateNewId();
            var solution = _workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Invariant",
                "Invariant",
                LanguageNames.CSharp,
                filePath: "/src/Invariant.csproj",
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: References.Value));
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), "VfioApi.cs", SourceText.From(VfioApiSource.Text), filePath: "/src/VfioApi.cs");
            _testDocument = DocumentId.CreateNewId(projectId);
            solution = solution.AddDocument(_testDocument, "Test.cs", SourceText.From(string.Empty), filePath: "/src/Test.cs");
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From("root = true\n\n[*]\n" + editorConfig), filePath: "/src/.editorconfig");
            _workspace.TryApplyChanges(solution);
        }

        /// <summary>How many fixed documents were checked, so a test can tell that it exercised the fixes.</summary>
        public int FixesChecked { get; private set; }

        /// <summary>Every broken promise, each with the fix, the diagnostic and the fixed code; empty when all hold.</summary>
        public async Task<IReadOnlyList<string>> CheckAsync(string source)
        {
            var document = _workspace.CurrentSolution.WithDocumentText(_testDocument, SourceText.From(source)).GetDocument(_testDocument)!;
            var before = await StateOf(document).ConfigureAwait(false);
            var violations = new List<string>();
            foreach (var provider in Providers)
            {
                var fixable = before.Analyzer.Where(d => provider.FixableDiagnosticIds.Contains(d.Id)).ToImmutableArray();
                string? equivalenceKey = null;
                foreach (var diagnostic in fixable)
                {
                    var actions = new List<CodeAction>();
                    await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None)).ConfigureAwait(false);
                    foreach (var action in actions)
                    {
                        equivalenceKey ??= action.EquivalenceKey;
                        await CheckActionAsync(action, before, diagnostic.Id, action.EquivalenceKey ?? action.Title, $"{action.EquivalenceKey} on {Describe(diagnostic)}", violations).ConfigureAwait(false);
                    }
                }

                // Fix All over one diagnostic is that diagnostic's fix, checked above.
                if (equivalenceKey != null && fixable.Length > 1 && provider.GetFixAllProvider() is { } fixAllProvider)
                {
                    var context = new FixAllContext(document, provider, FixAllScope.Document, equivalenceKey, provider.FixableDiagnosticIds, new KnownDiagnostics(fixable), CancellationToken.None);
                    if (await fixAllProvider.GetFixAsync(context).ConfigureAwait(false) is { } fixAll)
                    {
                        await CheckActionAsync(fixAll, before, fixable[0].Id, equivalenceKey, $"Fix All {equivalenceKey}", violations).ConfigureAwait(false);
                    }
                }
            }

            return violations.Select(v => v + "\n--- in:\n" + source).ToList();
        }

        public void Dispose() => _workspace.Dispose();

        private async Task CheckActionAsync(CodeAction action, DocumentState before, string fixedId, string key, string what, List<string> violations)
        {
            foreach (var operation in await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (!(operation is ApplyChangesOperation apply))
                {
                    continue;
                }

                var fixedDocument = apply.ChangedSolution.GetDocument(_testDocument)!;
                var after = await StateOf(fixedDocument).ConfigureAwait(false);
                FixesChecked++;
                var problems = new List<string>();
                problems.AddRange(Added(before.Compiler, after.Compiler).Select(d => "does not compile cleanly: " + d));
                problems.AddRange(Added(before.Analyzer, after.Analyzer.Where(d => !_tolerated(key, d)).ToImmutableArray()).Select(d => "adds a finding: " + d));
                if (after.Analyzer.Count(d => d.Id == fixedId) >= before.Analyzer.Count(d => d.Id == fixedId))
                {
                    problems.Add($"leaves as many {fixedId} as before");
                }

                if (problems.Count > 0)
                {
                    var text = await fixedDocument.GetTextAsync().ConfigureAwait(false);
                    violations.Add($"{what}:\n  {string.Join("\n  ", problems)}\n--- fixed:\n{text}");
                }
            }
        }

        /// <summary>The diagnostics of <paramref name="after"/> whose rule has more of them than in <paramref name="before"/>.</summary>
        private static IEnumerable<string> Added(ImmutableArray<Diagnostic> before, ImmutableArray<Diagnostic> after) =>
            after.GroupBy(d => d.Id)
                .Where(g => g.Count() > before.Count(d => d.Id == g.Key))
                .SelectMany(g => g.Select(Describe));

        private static string Describe(Diagnostic diagnostic) =>
            $"{diagnostic.Id} at {diagnostic.Location.GetLineSpan().StartLinePosition}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";

        private async Task<DocumentState> StateOf(Document document)
        {
            var tree = (await document.GetSyntaxTreeAsync().ConfigureAwait(false))!;
            var compilation = (await document.Project.GetCompilationAsync().ConfigureAwait(false))!;
            var compiler = compilation.GetSemanticModel(tree).GetDiagnostics()
                .Where(d => d.Severity >= DiagnosticSeverity.Warning)
                .ToImmutableArray();
            var analyzer = await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new AcquireReleaseAnalyzer()), document.Project.AnalyzerOptions)
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            return new DocumentState(compiler, analyzer.Where(d => d.Location.SourceTree == tree).ToImmutableArray());
        }

        private sealed class DocumentState
        {
            public DocumentState(ImmutableArray<Diagnostic> compiler, ImmutableArray<Diagnostic> analyzer)
            {
                Compiler = compiler;
                Analyzer = analyzer;
            }

            public ImmutableArray<Diagnostic> Compiler { get; }

            public ImmutableArray<Diagnostic> Analyzer { get; }
        }

        private sealed class KnownDiagnostics : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(ImmutableArray<Diagnostic>.Empty);
        }
    }
}
