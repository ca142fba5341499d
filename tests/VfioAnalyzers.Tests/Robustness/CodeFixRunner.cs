using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using VfioAnalyzers.CodeFixes;
using VfioAnalyzers.Tests.Verifiers;

namespace VfioAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Runs every code fix of the package, one diagnostic at a time and as Fix All over the document, on whatever
    /// the analyzer reports in arbitrary (even broken) source; throws with the source if a fix throws.
    /// </summary>
    internal sealed class CodeFixRunner : IDisposable
    {
        private static readonly ImmutableArray<CodeFixProvider> Providers = typeof(VfioCodeFixProvider).Assembly.GetTypes()
            .Where(type => typeof(CodeFixProvider).IsAssignableFrom(type) && !type.IsAbstract)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
            .ToImmutableArray();

        private readonly AdhocWorkspace _workspace = new AdhocWorkspace();
        private readonly DocumentId _testDocument;

        public CodeFixRunner()
        {
            var project = _workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(),
                VersionStamp.Default,
                "Robustness",
                "Robustness",
                LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                metadataReferences: AnalyzerRunner.References));
            _workspace.AddDocument(project.Id, "VfioApi.cs", SourceText.From(VfioApiSource.Text));
            _testDocument = _workspace.AddDocument(project.Id, "Test.cs", SourceText.From(string.Empty)).Id;
        }

        /// <summary>How many fixes were computed, so a test can tell that it exercised them.</summary>
        public int FixesComputed { get; private set; }

        public async Task RunAsync(string source)
        {
            var document = _workspace.CurrentSolution.WithDocumentText(_testDocument, SourceText.From(source)).GetDocument(_testDocument)!;
            var tree = await document.GetSyntaxTreeAsync().ConfigureAwait(false);
            var compilation = (await document.Project.GetCompilationAsync().ConfigureAwait(false))!;
            var diagnostics = await compilation
                .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new AcquireReleaseAnalyzer()))
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                foreach (var provider in Providers)
                {
                    var fixable = diagnostics.Where(d => provider.FixableDiagnosticIds.Contains(d.Id) && d.Location.SourceTree == tree).ToImmutableArray();
                    string? equivalenceKey = null;
                    foreach (var diagnostic in fixable)
                    {
                        var actions = new List<CodeAction>();
                        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None)).ConfigureAwait(false);
                        foreach (var action in actions)
                        {
                            equivalenceKey ??= action.EquivalenceKey;
                            await ApplyAsync(action).ConfigureAwait(false);
                        }
                    }

                    if (equivalenceKey != null && provider.GetFixAllProvider() is { } fixAllProvider)
                    {
                        var context = new FixAllContext(document, provider, FixAllScope.Document, equivalenceKey, provider.FixableDiagnosticIds, new KnownDiagnostics(fixable), CancellationToken.None);
                        if (await fixAllProvider.GetFixAsync(context).ConfigureAwait(false) is { } fixAll)
                        {
                            await ApplyAsync(fixAll).ConfigureAwait(false);
                        }
                    }
                }
            }
            catch (Exception exception) when (!(exception is OperationCanceledException))
            {
                throw new InvalidOperationException($"A code fix threw on:\n{source}\n\n{exception}");
            }
        }

        public void Dispose() => _workspace.Dispose();

        private async Task ApplyAsync(CodeAction action)
        {
            foreach (var operation in await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (operation is ApplyChangesOperation apply)
                {
                    // Reading the changed text runs the whole edit, formatting and simplification included.
                    await apply.ChangedSolution.GetDocument(_testDocument)!.GetTextAsync().ConfigureAwait(false);
                    FixesComputed++;
                }
            }
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
