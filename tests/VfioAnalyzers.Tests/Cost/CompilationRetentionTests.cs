using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using VfioAnalyzers.Tests.Robustness;
using Xunit;

namespace VfioAnalyzers.Tests.Cost
{
    /// <summary>
    /// A compiler server and the IDE keep their threads, and the analyzer instance, from one compilation to the next:
    /// once a compilation's analysis is over, nothing the analyzer kept may hold its trees alive. The pre-filter's memo
    /// of the member it read last (per thread) held that member's tree, and the tokens it had found there. Run apart from
    /// other tests: another analysis on the same thread before the collection would replace the memo and hide the leak.
    /// </summary>
    [Collection(nameof(CompilationRetentionTests))]
    public class CompilationRetentionTests
    {
        private const string Leak = """
            using Vfio;
            class Device
            {
                int Open(VfioCore core, VfioGroupFile file, bool ok)
                {
                    var group = core.GetExternalUser(file);
                    if (!ok) return -19;
                    core.PutExternalUser(group);
                    return 0;
                }
            }
            """;

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void AfterTheAnalysis_NothingTheAnalyzerKeptHoldsTheCompilationsTrees(bool concurrent)
        {
            var analyzer = new AcquireReleaseAnalyzer();

            var (trees, findings) = AnalyseAndLetGo(analyzer, concurrent);

            Assert.Equal(1, findings);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.All(trees, tree => Assert.False(tree.TryGetTarget(out _), "a tree of the analysed compilation is still alive"));
            GC.KeepAlive(analyzer);
        }

        // Not inlined: the compilation, its trees and its driver are only reachable from this frame while it runs.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static (WeakReference<SyntaxTree>[] Trees, int Findings) AnalyseAndLetGo(DiagnosticAnalyzer analyzer, bool concurrent)
        {
            var compilation = AnalyzerRunner.Compile(Leak);
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: concurrent, logAnalyzerExecutionTime: false);
            var diagnostics = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            var trees = new WeakReference<SyntaxTree>[compilation.SyntaxTrees.Length];
            for (int i = 0; i < trees.Length; i++)
            {
                trees[i] = new WeakReference<SyntaxTree>(compilation.SyntaxTrees[i]);
            }

            return (trees, diagnostics.Length);
        }
    }

    [CollectionDefinition(nameof(CompilationRetentionTests), DisableParallelization = true)]
    public class CompilationRetentionCollection
    {
    }
}
