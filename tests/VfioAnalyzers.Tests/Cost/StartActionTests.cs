using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace VfioAnalyzers.Tests.Cost
{
    /// <summary>
    /// The compilation start binds none of the compilation's references, even when a file spells a preset's member: the
    /// compiler binds them before it compiles any body, and the analysis is made by the first action that needs it, on
    /// the compiler's time rather than the analyzer's (issue 16). A compilation that spells nothing registers nothing,
    /// and neither does one whose pairs file declares nothing.
    /// </summary>
    public class StartActionTests
    {
        private const string Waits = "namespace Demo { public class Uses { public void M(System.Threading.SemaphoreSlim gate) { gate.Wait(); gate.Release(); } } }";

        [Fact]
        public async Task AFileSpellsAPresetMember_TheStartRegistersTheAnalysis_AndBindsNoReference()
        {
            var compilation = await CompileAsync(Waits);

            var start = Start(compilation);

            Assert.Equal(1, start.CodeBlockActions);
            Assert.Null(AssemblySymbol(compilation));
        }

        [Fact]
        public async Task NoFileSpellsAPresetMember_TheStartRegistersNothing_AndBindsNoReference()
        {
            var compilation = await CompileAsync(Waits.Replace("Wait", "Poll").Replace("Release", "Clear"));

            var start = Start(compilation);

            Assert.Equal(0, start.CodeBlockActions + start.OtherActions);
            Assert.Null(AssemblySymbol(compilation));
        }

        [Fact]
        public async Task APairsFileThatDeclaresNothing_TheStartRegistersNothing()
        {
            // Resolved at the start, unlike presets: otherwise every body would get a callback that does nothing.
            var start = Start(await CompileAsync(Waits), PairsFile("# pairs to come\n"));

            Assert.Equal(0, start.CodeBlockActions + start.OtherActions);
        }

        [Fact]
        public async Task APairsFileThatDeclaresPairs_TheStartRegistersTheAnalysis()
        {
            var start = Start(await CompileAsync(Waits), PairsFile("preset dotnet\n"));

            Assert.Equal(1, start.CodeBlockActions);
        }

        [Fact]
        public async Task TheCheck_SeesABoundCompilation()
        {
            var compilation = await CompileAsync(Waits);
            _ = compilation.Assembly;
            Assert.NotNull(AssemblySymbol(compilation));
        }

        // Roslyn keeps the assembly it makes when it binds the references here (the test pins its version).
        private static object? AssemblySymbol(Compilation compilation)
        {
            var field = typeof(CSharpCompilation).GetField("_lazyAssemblySymbol", BindingFlags.NonPublic | BindingFlags.Instance);
            Assert.NotNull(field);
            return field!.GetValue(compilation);
        }

        private static AnalyzerOptions PairsFile(string text) =>
            new AnalyzerOptions(System.Collections.Immutable.ImmutableArray.Create<AdditionalText>(new CallFilterTests.InMemoryText(VfioAnalyzers.Contracts.PairsConfiguration.FileName, text)));

        private static RecordingStart Start(Compilation compilation, AnalyzerOptions? options = null)
        {
            var analysis = new RecordingAnalysis();
            new AcquireReleaseAnalyzer().Initialize(analysis);
            var start = new RecordingStart(compilation, options ?? PresetGateTests.Options("dotnet"));
            Assert.NotNull(analysis.StartAction);
            analysis.StartAction!(start);
            return start;
        }

        private static async Task<Compilation> CompileAsync(string source)
        {
            var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            return CSharpCompilation.Create("Demo", new[] { CSharpSyntaxTree.ParseText(source, path: "Uses.cs") }, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        }

        private sealed class RecordingAnalysis : AnalysisContext
        {
            public Action<CompilationStartAnalysisContext>? StartAction { get; private set; }

            public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => StartAction = action;

            public override void EnableConcurrentExecution()
            {
            }

            public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
            {
            }

            public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw new NotSupportedException();

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw new NotSupportedException();

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, System.Collections.Immutable.ImmutableArray<SymbolKind> symbolKinds) => throw new NotSupportedException();

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException();

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw new NotSupportedException();

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw new NotSupportedException();

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, System.Collections.Immutable.ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw new NotSupportedException();
        }

        private sealed class RecordingStart : CompilationStartAnalysisContext
        {
            public RecordingStart(Compilation compilation, AnalyzerOptions options)
                : base(compilation, options, CancellationToken.None)
            {
            }

            public int CodeBlockActions { get; private set; }

            public int OtherActions { get; private set; }

            public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => CodeBlockActions++;

            public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => OtherActions++;

            public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, System.Collections.Immutable.ImmutableArray<SymbolKind> symbolKinds) => OtherActions++;

            public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => OtherActions++;

            public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => OtherActions++;

            public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => OtherActions++;

            public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => OtherActions++;

            public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, System.Collections.Immutable.ImmutableArray<TLanguageKindEnum> syntaxKinds) => OtherActions++;
        }
    }
}
