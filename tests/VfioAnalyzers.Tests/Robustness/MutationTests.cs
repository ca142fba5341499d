using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Xunit;

namespace VfioAnalyzers.Tests.Robustness
{
    /// <summary>The analyzer never throws, whatever the source: cut short, mangled, half typed, or deeply nested.</summary>
    public class MutationTests
    {
        private const int VariantsPerSource = 600;

        [Fact]
        public void CorpusBuildsAndIsAnalysedWithoutCrash()
        {
            foreach (var source in RobustnessCorpus.Sources)
            {
                Assert.DoesNotContain(AnalyzerRunner.Compile(source).GetDiagnostics(), d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
                AnalyzerRunner.Run(source);
            }
        }

        [Fact]
        public void RandomTruncationsAndMutationsNeverCrash()
        {
            var random = new Random(20261124);
            int analysed = 0;
            foreach (var source in RobustnessCorpus.Sources)
            {
                for (int i = 0; i < VariantsPerSource; i++)
                {
                    AnalyzerRunner.Run(Mutate(source, random), concurrent: false);
                    analysed++;
                }
            }

            Assert.Equal(RobustnessCorpus.Sources.Length * VariantsPerSource, analysed);
        }

        [Fact]
        public void TestSnippetsAndSamples_MutatedNeverCrash()
        {
            // Every snippet of the rule and code-fix tests and every sample file, as written and mangled.
            var random = new Random(20261125);
            int analysed = 0;
            foreach (var (source, variants) in RepositorySources.TestSnippets().Select(s => (s, 6)).Concat(RepositorySources.SampleFiles().Select(s => (s, 60))))
            {
                AnalyzerRunner.Run(source, concurrent: false);
                for (int i = 0; i < variants; i++)
                {
                    AnalyzerRunner.Run(Mutate(source, random), concurrent: false);
                    analysed++;
                }
            }

            // Together with the corpus above: a few thousand variants in all.
            Assert.True(analysed > 1500, $"only {analysed} variants");
        }

        [Fact]
        public async System.Threading.Tasks.Task CodeFixesNeverThrowOnMangledSources()
        {
            var random = new Random(20261126);
            using var runner = new CodeFixRunner();
            foreach (var source in RobustnessCorpus.Sources.Concat(RepositorySources.TestSnippets()))
            {
                await runner.RunAsync(source);
                for (int i = 0; i < 2; i++)
                {
                    await runner.RunAsync(Mutate(source, random));
                }
            }

            // The fixes did run: most snippets have something to fix.
            Assert.True(runner.FixesComputed > 300, $"only {runner.FixesComputed} fixes computed");
        }

        [Fact]
        public void HalfTypedCodeNeverCrashes()
        {
            var source = RobustnessCorpus.Sources[0];
            for (int cut = source.IndexOf("class Driver", StringComparison.Ordinal); cut < source.Length; cut += 7)
            {
                // Every prefix of the file: what the IDE analyses while the user types.
                AnalyzerRunner.Run(source.Substring(0, cut), concurrent: false);
            }
        }

        [Fact]
        public void DeepNestingNeverCrashes()
        {
            var text = new StringBuilder("using Vfio; class Deep { int M(VfioCore core, VfioGroupFile file, int n) { var g = core.GetExternalUser(file); int s = 0;\n");
            for (int i = 0; i < 300; i++)
            {
                text.Append(i % 3 == 0 ? "if (n > " + i + ") {\n" : i % 3 == 1 ? "try {\n" : "{\n");
            }

            text.Append("s++;\n");
            for (int i = 299; i >= 0; i--)
            {
                text.Append(i % 3 == 1 ? "} finally { s--; }\n" : "}\n");
            }

            text.Append("core.PutExternalUser(g); return s; } }");
            Assert.Empty(AnalyzerRunner.Run(text.ToString()));
        }

        [Fact]
        public void SameInputGivesSameDiagnosticsEveryRun()
        {
            foreach (var source in RobustnessCorpus.Sources)
            {
                var first = AnalyzerRunner.Run(source, concurrent: true);
                for (int run = 0; run < 5; run++)
                {
                    Assert.Equal(first, AnalyzerRunner.Run(source, concurrent: true));
                }
            }
        }

        [Fact]
        public void CancellationIsHonoured()
        {
            // A large body of work, cancelled before it starts: the analyzer must stop with cancellation, not finish.
            var big = string.Join("\n", Enumerable.Range(0, 200).Select(i => RobustnessCorpus.Sources[1].Replace("class Switches", "class Switches" + i)));
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => AnalyzerRunner.Run(big, cancellationToken: cancelled.Token));
        }

        [Fact]
        public void CancellationDuringAnalysisIsHonoured()
        {
            // Cancelled 100 ms into a run that takes seconds (while compiling or analysing, as timing has it): the run
            // stops with cancellation instead of finishing.
            var big = string.Join("\n", Enumerable.Range(0, 400).Select(i => RobustnessCorpus.Sources[1].Replace("class Switches", "class Switches" + i)));
            using var cancellation = new CancellationTokenSource();
            cancellation.CancelAfter(100);
            Assert.ThrowsAny<OperationCanceledException>(() => AnalyzerRunner.Run(big, concurrent: false, cancellationToken: cancellation.Token));
        }

        private static string Mutate(string source, Random random)
        {
            var text = new StringBuilder(source);
            switch (random.Next(4))
            {
                case 0:
                    return source.Substring(0, random.Next(source.Length));
                case 1:
                    for (int i = random.Next(1, 8); i > 0 && text.Length > 1; i--)
                    {
                        text.Remove(random.Next(text.Length), 1);
                    }

                    return text.ToString();
                case 2:
                    const string noise = "{}();!?:=.,\"'gN0 ";
                    for (int i = random.Next(1, 8); i > 0; i--)
                    {
                        text.Insert(random.Next(text.Length), noise[random.Next(noise.Length)]);
                    }

                    return text.ToString();
                default:
                    // Drop one whole line, as an edit in progress does.
                    var lines = source.Split('\n').ToList();
                    lines.RemoveAt(random.Next(lines.Count));
                    return string.Join("\n", lines);
            }
        }
    }
}
