using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;

namespace VfioAnalyzers.Benchmarks
{
    /// <summary>
    /// <c>--real RSP DIR [--analyzer DLL ...] [--runs N] [--vfio-only | --no-ca2000]</c>: one real compilation (the compiler's response file as a
    /// build log shows it, and the project directory it ran in), measured as the corpora are: the compiler's time,
    /// CA2000's, and each given build of VfioAnalyzers (this one when none is given), median of N warm runs, with what
    /// each reported. Two builds side by side (before, after) are compared on the same compilation in one process.
    /// </summary>
    internal static class RealRun
    {
        public static void Run(string[] args, int at)
        {
            var project = RealCompilation.Load(args[at + 1], args[at + 2]);
            int runs = Option(args, "--runs") is string n ? int.Parse(n, CultureInfo.InvariantCulture) : 5;
            var analyzers = new List<(string Name, DiagnosticAnalyzer Analyzer)>();
            for (int i = 0; i < args.Length - 1; i++)
            {
                if (args[i] == "--analyzer")
                {
                    analyzers.Add((args[i + 1], RealCompilation.LoadAnalyzer(args[i + 1])));
                }
            }

            if (analyzers.Count == 0)
            {
                analyzers.Add(("VfioAnalyzers (this build)", new AcquireReleaseAnalyzer()));
            }

            var ca2000 = Measure.Ca2000();
            string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

            // Warm every party up first: the JIT's first pass over an analyzer is not its cost in a build server. The
            // first run is printed too: it is what a build without the server (one compiler process) pays.
            var first = new List<TimeSpan>();
            foreach (var (_, analyzer) in analyzers)
            {
                first.Add(Measure.AnalyzerRun(project.Fresh, analyzer, project.Options).Time);
                Measure.AnalyzerRun(project.Fresh, analyzer, project.Options);
            }

            // --vfio-only: the analyzers alone, for a profiler (dotnet-trace collect -- ...).
            var compile = TimeSpan.FromMilliseconds(1);
            if (Array.IndexOf(args, "--vfio-only") < 0)
            {
                compile = Measure.Median(runs, () => Measure.CompilerTime(project.Fresh, allowErrors: true));
                Console.WriteLine($"{project.Name}: compiler {Ms(compile)} (median of {runs})");

                // --no-ca2000: CA2000 takes ten times the compiler on large projects; its number does not change.
                if (Array.IndexOf(args, "--no-ca2000") < 0)
                {
                    Measure.AnalyzerRun(project.Fresh, ca2000, project.Options);
                    var ca = Measure.Median(runs, () => Measure.AnalyzerRun(project.Fresh, ca2000, project.Options).Time);
                    Console.WriteLine($"  CA2000: {Ms(ca)} ({ca.TotalMilliseconds / compile.TotalMilliseconds * 100:0.00}% of the compiler)");
                }
            }
            // Interleaved, one run of each build in turn: the JIT's later tiers and the machine's noise then fall on every
            // build alike, where runs one build after the other favoured whichever came last.
            var times = analyzers.Select(_ => new List<TimeSpan>()).ToList();
            var found = new System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic>[analyzers.Count];
            for (int i = 0; i < runs; i++)
            {
                for (int a = 0; a < analyzers.Count; a++)
                {
                    var run = Measure.AnalyzerRun(project.Fresh, analyzers[a].Analyzer, project.Options);
                    times[a].Add(run.Time);
                    found[a] = run.Diagnostics;
                }
            }

            for (int a = 0; a < analyzers.Count; a++)
            {
                var median = times[a].OrderBy(t => t).ElementAt(times[a].Count / 2);
                var byId = string.Join(", ", found[a].Where(d => d.Id.StartsWith("VFIO", StringComparison.Ordinal)).GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}"));
                Console.WriteLine($"  {analyzers[a].Name}: {Ms(median)} ({median.TotalMilliseconds / compile.TotalMilliseconds * 100:0.00}% of the compiler; runs {string.Join(" ", times[a].Select(t => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)))}; first run, JIT included, {Ms(first[a])}); {byId}");
            }
        }

        private static string? Option(string[] args, string name)
        {
            int at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }
    }
}
