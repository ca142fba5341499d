using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using VfioAnalyzers.Contracts;
using VfioAnalyzers.Options;
using Xunit;

namespace VfioAnalyzers.Tests.Cost
{
    /// <summary>
    /// A compilation configured by presets alone whose files never spell one of their members' names is not analysed at
    /// all (issue 16: resolving the presets' members is most of a small project's start). Any file that spells one, a
    /// pairs file, or an annotated API in sight turns the analysis on as before.
    /// </summary>
    public class PresetGateTests
    {
        private const string Plain = "namespace Demo { public class Plain { public int Count(int[] items) => items.Length; } }";

        [Fact]
        public async Task PresetsAlone_NoFileSpellsAMember_NothingToAnalyse()
        {
            var problems = new List<OptionProblem>();
            Assert.True(PresetGate.NothingToAnalyse(await CompileAsync(Plain, Plain.Replace("Plain", "Other")), Options("dotnet"), problems, CancellationToken.None));
            Assert.Empty(problems);
        }

        [Theory]
        [InlineData("var b = System.Buffers.ArrayPool<byte>.Shared.Rent(4);")]
        [InlineData("gate.Wait();")]
        [InlineData("// Release")]
        [InlineData("gate.Rel\u00ADease();")]
        [InlineData("gate.Rel\\u0065ase();")]
        public async Task AnyFileThatSpellsAMember_IsAnalysed(string statement)
        {
            var spelling = "namespace Demo { public class Uses { public void M(System.Threading.SemaphoreSlim gate) { " + statement + " } } }";
            Assert.False(PresetGate.NothingToAnalyse(await CompileAsync(Plain, spelling), Options("dotnet"), new List<OptionProblem>(), CancellationToken.None));
        }

        [Fact]
        public async Task APairsFile_IsAlwaysRead()
        {
            var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new CallFilterTests.InMemoryText(PairsConfiguration.FileName, "preset dotnet\n")), new PresetOption(null));
            Assert.False(PresetGate.NothingToAnalyse(await CompileAsync(Plain), options, new List<OptionProblem>(), CancellationToken.None));
        }

        [Fact]
        public async Task AnUnknownPreset_IsStillAProblem()
        {
            var problems = new List<OptionProblem>();
            Assert.True(PresetGate.NothingToAnalyse(await CompileAsync(Plain), Options("dotnet, java"), problems, CancellationToken.None));
            Assert.Equal("unknown preset 'java' (known: dotnet)", Assert.Single(problems).Message);
        }

        internal static AnalyzerOptions Options(string presets) =>
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new PresetOption(presets));

        private static async Task<Compilation> CompileAsync(params string[] sources)
        {
            var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            return CSharpCompilation.Create("Demo", sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, path: $"File{i}.cs")), references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        }

        private sealed class PresetOption : AnalyzerConfigOptionsProvider
        {
            private readonly Values _global;

            public PresetOption(string? presets) => _global = new Values(presets);

            public override AnalyzerConfigOptions GlobalOptions => _global;

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Values.Empty;

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Values.Empty;

            private sealed class Values : AnalyzerConfigOptions
            {
                public static readonly Values Empty = new Values(null);
                private readonly string? _presets;

                public Values(string? presets) => _presets = presets;

                public override bool TryGetValue(string key, out string value)
                {
                    value = _presets ?? string.Empty;
                    return key == PairsConfiguration.PresetsOption && _presets != null;
                }
            }
        }
    }
}
