using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;

namespace VfioAnalyzers.Benchmarks
{
    /// <summary>
    /// The rows for issue 16: with the dotnet preset on, a corpus that acquires nothing but calls members named like
    /// the preset's on types of its own, against the same corpus with other names; and the mixed corpus (one method in
    /// twenty acquires) with look-alike names, as a share of the compile.
    /// </summary>
    internal static class LookAlikeRows
    {
        public static readonly AnalyzerOptions Preset = new FixedOptions(("vfio_analyzers.presets", "dotnet")).ToAnalyzerOptions();

        public static List<(string What, string Value, string Target, string Verdict)> Measure(DiagnosticAnalyzer analyzer, int runs, int methods)
        {
            var rows = new List<(string, string, string, string)>();
            TimeSpan Analyze(string[] corpus) =>
                Benchmarks.Measure.Median(runs, () => Benchmarks.Measure.AnalyzerRun(() => Benchmarks.Measure.Compile(CorpusGenerator.Api, corpus), analyzer, Preset).Time);

            var lookAlike = Analyze(CorpusGenerator.LookAlikeCorpus(methods, 0, lookAlikeNames: true));
            var otherNames = Analyze(CorpusGenerator.LookAlikeCorpus(methods, 0, lookAlikeNames: false));
            double ratio = lookAlike.TotalMilliseconds / Math.Max(otherNames.TotalMilliseconds, 0.001);
            rows.Add(($"Preset on, N={methods}, no acquire: look-alike names / other names", $"{Ms(lookAlike)} / {Ms(otherNames)} ({ratio.ToString("0.0", CultureInfo.InvariantCulture)}x)", "<= 3x", Verdict(ratio <= 3)));

            var mixed = CorpusGenerator.LookAlikeCorpus(methods, 20, lookAlikeNames: true);
            var compile = Benchmarks.Measure.Median(runs, () => Benchmarks.Measure.CompilerTime(() => Benchmarks.Measure.Compile(CorpusGenerator.Api, mixed)));
            var analyze = Analyze(mixed);
            rows.Add(($"Preset on, mixed N={methods} with look-alike names: compiler / VfioAnalyzers", $"{Ms(compile)} / {Ms(analyze)} ({Share(analyze, compile)})", "<= 5%", Verdict(analyze.TotalMilliseconds <= compile.TotalMilliseconds * 0.05)));

            // What the row is made of: the same corpus with other names (the look-alike names' part is the
            // difference), and the floor of its acquiring bodies, which any analysis on their graphs pays first.
            var mixedOtherNames = Analyze(CorpusGenerator.LookAlikeCorpus(methods, 20, lookAlikeNames: false));
            rows.Add(($"  the same with other names", $"{Ms(mixedOtherNames)} ({Share(mixedOtherNames, compile)})", "", ""));
            var floor = Benchmarks.Measure.Median(runs, () => Benchmarks.Measure.AnalyzerRun(() => Benchmarks.Measure.Compile(CorpusGenerator.Api, mixed), new FloorProbe.GraphFloorAnalyzer(), Preset).Time);
            rows.Add(($"  operations and graphs of its acquiring bodies (floor)", $"{Ms(floor)} ({Share(floor, compile)})", "", ""));
            return rows;
        }

        public static void Print(IEnumerable<(string What, string Value, string Target, string Verdict)> rows)
        {
            foreach (var row in rows)
            {
                Console.WriteLine($"| {row.What} | {row.Value} | {row.Target} | {row.Verdict} |");
            }
        }

        private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

        private static string Share(TimeSpan part, TimeSpan whole) => (part.TotalMilliseconds / whole.TotalMilliseconds * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%";

        private static string Verdict(bool ok) => ok ? "met" : "MISSED";
    }
}
