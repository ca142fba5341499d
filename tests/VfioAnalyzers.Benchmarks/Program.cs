using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using VfioAnalyzers.Benchmarks;

// One command, one table: see README "Performance". Pass --quick for a smaller run, --profile
// mixed|acquiring|branches|lookalike|othernames|mixedlookalike|noapi [--runs N] [--analyzer DLL ...] for a steady loop of the analyzer alone on one corpus (3 runs
// unless told), to run under a profiler (dotnet-trace collect -- ...), or --real RSP DIR [--analyzer DLL ...] to time
// builds of the analyzer on a real project's compilation (RealRun).
if (Array.IndexOf(args, "--profile") is int at && at >= 0)
{
    string corpusName = at + 1 < args.Length ? args[at + 1] : "mixed";
    string[] profiled = corpusName switch
    {
        "branches" => new[] { CorpusGenerator.SequentialBranches(2000) },
        "acquiring" => CorpusGenerator.Corpus(5000, 1, disposable: false),
        "lookalike" => CorpusGenerator.LookAlikeCorpus(4000, 0, lookAlikeNames: true),
        "othernames" => CorpusGenerator.LookAlikeCorpus(4000, 0, lookAlikeNames: false),
        "mixedlookalike" => CorpusGenerator.LookAlikeCorpus(4000, 20, lookAlikeNames: true),
        "noapi" => CorpusGenerator.Corpus(25000, 0, disposable: false),
        _ => CorpusGenerator.Corpus(20000, 20, disposable: false),
    };

    int profiledRuns = Array.IndexOf(args, "--runs") is int r && r >= 0 && r + 1 < args.Length ? int.Parse(args[r + 1], CultureInfo.InvariantCulture) : 3;
    var options = corpusName == "lookalike" || corpusName == "othernames" || corpusName == "mixedlookalike" ? LookAlikeRows.Preset : new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.AdditionalText>.Empty);

    // --analyzer A.dll --analyzer B.dll: builds compared on the corpus, one run of each in turn, medians printed.
    var builds = args.Select((arg, i) => (arg, i)).Where(p => p.arg == "--analyzer" && p.i + 1 < args.Length)
        .Select(p => (Name: args[p.i + 1], Analyzer: RealCompilation.LoadAnalyzer(args[p.i + 1]))).ToList();
    if (builds.Count == 0)
    {
        builds.Add(("this build", new VfioAnalyzers.AcquireReleaseAnalyzer()));
    }

    var profiledTimes = builds.Select(_ => new List<double>()).ToList();
    for (int i = 0; i < profiledRuns; i++)
    {
        for (int b = 0; b < builds.Count; b++)
        {
            // Allocations are printed too: unlike the time, which a collection may fall into, they repeat exactly.
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            var (time, diagnostics) = Measure.AnalyzerRun(() => Measure.Compile(corpusName == "noapi" ? CorpusGenerator.PlainApi : CorpusGenerator.Api, profiled), builds[b].Analyzer, options);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            profiledTimes[b].Add(time.TotalMilliseconds);
            Console.WriteLine($"{corpusName} ({builds[b].Name}): {time.TotalMilliseconds:0} ms, {diagnostics.Length} diagnostics, {allocated / 1e6:0.0} MB allocated in the run (compiler included)");
        }
    }

    if (builds.Count > 1)
    {
        for (int b = 0; b < builds.Count; b++)
        {
            Console.WriteLine($"{corpusName} ({builds[b].Name}): median {profiledTimes[b].OrderBy(t => t).ElementAt(profiledTimes[b].Count / 2):0.0} ms of {profiledRuns} runs");
        }
    }

    return;
}

if (args.Contains("--lookalike"))
{
    // The look-alike rows alone, after a short warm-up: for iterating on the pre-filter.
    var warm = new VfioAnalyzers.AcquireReleaseAnalyzer();
    for (int i = 0; i < 3; i++)
    {
        Measure.AnalyzerRun(() => Measure.Compile(CorpusGenerator.Api, CorpusGenerator.LookAlikeCorpus(1000, 20, true)), warm, LookAlikeRows.Preset);
    }

    LookAlikeRows.Print(LookAlikeRows.Measure(warm, 5, 4000));
    return;
}

if (Array.IndexOf(args, "--real") is int real && real >= 0)
{
    RealRun.Run(args, real);
    return;
}

bool quick = args.Contains("--quick");
int runs = quick ? 3 : 5;
var sizes = quick ? new[] { 1000, 2000, 4000 } : new[] { 1000, 5000, 20000, 50000 };
var ours = new VfioAnalyzers.AcquireReleaseAnalyzer();
var ca2000 = Measure.Ca2000();
var rows = new List<(string What, string Value, string Target, string Verdict)>();
string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
string Pass(bool ok) => ok ? "met" : "MISSED";

// Warm up every measured party until the JIT has settled: the compiler ships precompiled, the analyzers do not, and
// a first run of tier-0 code would measure the JIT rather than the analysis.
var warmVfio = CorpusGenerator.Corpus(1000, 1, disposable: false);
var warmDisposable = CorpusGenerator.Corpus(1000, 1, disposable: true);
for (int i = 0; i < 4; i++)
{
    Measure.AnalyzerTime(() => Measure.Compile(CorpusGenerator.Api, warmVfio), ours);
    Measure.AnalyzerTime(() => Measure.Compile(CorpusGenerator.Api, warmVfio), new VfioAnalyzers.FloorProbe.GraphFloorAnalyzer());
    Measure.AnalyzerTime(() => Measure.Compile(CorpusGenerator.Api, warmDisposable), ca2000);
    Measure.CompilerTime(() => Measure.Compile(CorpusGenerator.Api, warmVfio));
    System.Threading.Thread.Sleep(200);
}

// 1. Against CA2000 on the equivalent IDisposable corpus (every method acquires).
int comparison = quick ? 2000 : 5000;
var vfioAll = CorpusGenerator.Corpus(comparison, 1, disposable: false);
var disposableAll = CorpusGenerator.Corpus(comparison, 1, disposable: true);
var oursAll = Measure.Median(runs, () => Measure.AnalyzerTime(() => Measure.Compile(CorpusGenerator.Api, vfioAll), ours).Time);
var caAll = Measure.Median(runs, () => Measure.AnalyzerTime(() => Measure.Compile(CorpusGenerator.Api, disposableAll), ca2000).Time);
double speedup = caAll.TotalMilliseconds / Math.Max(oursAll.TotalMilliseconds, 0.001);
rows.Add(($"VfioAnalyzers, {comparison} acquiring methods", Ms(oursAll), "", ""));
rows.Add(($"CA2000, same shapes with IDisposable", Ms(caAll), "", ""));
rows.Add(("CA2000 time / VfioAnalyzers time", speedup.ToString("0.0", CultureInfo.InvariantCulture) + "x", ">= 10x", Pass(speedup >= 10)));

// 1b. The same corpus with every exception path judged (exception_paths = precise): what the may-throw judgement costs.
var precise = new FixedOptions(("vfio_analyzers.exception_paths", "precise")).ToAnalyzerOptions();
var oursPrecise = Measure.Median(runs, () => Measure.AnalyzerRun(() => Measure.Compile(CorpusGenerator.Api, vfioAll), ours, precise).Time);
double preciseRatio = oursPrecise.TotalMilliseconds / Math.Max(oursAll.TotalMilliseconds, 0.001);
rows.Add(($"VfioAnalyzers, {comparison} acquiring methods, exception_paths = precise", Ms(oursPrecise), "", ""));
rows.Add(("exception_paths = precise / default", preciseRatio.ToString("0.00", CultureInfo.InvariantCulture) + "x", "<= 1.10x", Pass(preciseRatio <= 1.10)));

// 2. Against the floor: building the graphs of the bodies that acquire.
var floor = Measure.Median(runs, () => Measure.AnalyzerTime(() => Measure.Compile(CorpusGenerator.Api, vfioAll), new VfioAnalyzers.FloorProbe.GraphFloorAnalyzer()).Time);
double overFloor = oursAll.TotalMilliseconds / Math.Max(floor.TotalMilliseconds, 0.001);
rows.Add(("Operations and graphs of those bodies (floor)", Ms(floor), "", ""));
rows.Add(("VfioAnalyzers time / floor", overFloor.ToString("0.00", CultureInfo.InvariantCulture) + "x", "<= 2x", Pass(overFloor <= 2)));

// 3. Share of the compilation on a realistic mixed corpus (one method in twenty acquires), and growth with N.
var points = new List<(double N, double Ms)>();
double worstShare = 0;
foreach (int n in sizes)
{
    var corpus = CorpusGenerator.Corpus(n, 20, disposable: false);
    var compile = Measure.Median(runs, () => Measure.CompilerTime(() => Measure.Compile(CorpusGenerator.Api, corpus)));
    var analyze = Measure.Median(runs, () => Measure.AnalyzerTime(() => Measure.Compile(CorpusGenerator.Api, corpus), ours).Time);
    double share = analyze.TotalMilliseconds / compile.TotalMilliseconds * 100;
    worstShare = Math.Max(worstShare, share);
    points.Add((n, analyze.TotalMilliseconds));
    rows.Add(($"Mixed corpus N={n}: compiler / VfioAnalyzers", $"{Ms(compile)} / {Ms(analyze)} ({share.ToString("0.00", CultureInfo.InvariantCulture)}%)", "<= 5%", Pass(share <= 5)));
}

double exponent = Fit.Exponent(points);
rows.Add(("Growth exponent (time ~ N^k), fitted", exponent.ToString("0.00", CultureInfo.InvariantCulture), "~1 (linear)", Pass(exponent <= 1.2)));

// 3b. Calls named like the dotnet preset's members on unrelated types: the names alone must not cost.
rows.AddRange(LookAlikeRows.Measure(ours, runs, quick ? 2000 : 4000));

// 4. Pathological single bodies.
foreach (var (name, source) in new[]
{
    ("2,000 sequential branches", CorpusGenerator.SequentialBranches(2000)),
    ("200 nested loops and try blocks", CorpusGenerator.NestedLoopsAndTries(200)),
    ("500 goto labels", CorpusGenerator.GotoLabels(500)),
})
{
    var time = Measure.Median(runs, () => Measure.AnalyzerTime(() => Measure.Compile(new[] { CorpusGenerator.Api, source }), ours).Time);
    var bodyFloor = Measure.Median(runs, () => Measure.AnalyzerTime(() => Measure.Compile(new[] { CorpusGenerator.Api, source }), new VfioAnalyzers.FloorProbe.GraphFloorAnalyzer()).Time);
    rows.Add(($"Pathological body: {name}", $"{Ms(time)} (floor {Ms(bodyFloor)})", "< 50 ms", Pass(time.TotalMilliseconds < 50)));
}

// 5. A compilation that references no annotated member pays (almost) nothing.
var plain = CorpusGenerator.Corpus(sizes[^1] / 2, 0, disposable: false);
var plainCompile = Measure.Median(runs, () => Measure.CompilerTime(() => Measure.Compile(CorpusGenerator.PlainApi, plain)));
var plainAnalyze = Measure.Median(runs, () => Measure.AnalyzerTime(() => Measure.Compile(CorpusGenerator.PlainApi, plain), ours).Time);
double plainShare = plainAnalyze.TotalMilliseconds / plainCompile.TotalMilliseconds * 100;
rows.Add(($"No annotated API, N={sizes[^1] / 2}: compiler / VfioAnalyzers", $"{Ms(plainCompile)} / {Ms(plainAnalyze)} ({plainShare.ToString("0.00", CultureInfo.InvariantCulture)}%)", "< 1%", Pass(plainShare < 1)));

Console.WriteLine($"VfioAnalyzers benchmark ({(quick ? "quick" : "full")}, median of {runs}) on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}, Roslyn {typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version}, {DateTime.UtcNow:yyyy-MM-dd}");
Console.WriteLine();
Console.WriteLine("| Measurement | Value | Target | Verdict |");
Console.WriteLine("| --- | --- | --- | --- |");
foreach (var row in rows)
{
    Console.WriteLine($"| {row.What} | {row.Value} | {row.Target} | {row.Verdict} |");
}
