using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

using Microsoft.CodeAnalysis.Diagnostics;

namespace VfioAnalyzers.Benchmarks
{
    /// <summary>One measured run: compile a corpus, or run one analyzer over it with Roslyn's execution-time telemetry.</summary>
    internal static class Measure
    {
        private static readonly ImmutableArray<MetadataReference> References = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll" || Path.GetFileName(p) == "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();

        public static CSharpCompilation Compile(string api, params string[] sources) => Compile(new[] { api }.Concat(sources).ToArray());

        public static CSharpCompilation Compile(string[] sources) =>
            CSharpCompilation.Create(
                "Corpus",
                sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest), path: $"Corpus{i}.cs")),
                References,
                // Single-threaded, as the analyzer's telemetry sums its own time: both sides are CPU time.
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false)
                    .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["CA2000"] = ReportDiagnostic.Warn }));

        /// <summary>The compiler's own work: binding and flow analysis of every body, as a build does before emit.</summary>
        public static TimeSpan CompilerTime(Func<CSharpCompilation> create, bool allowErrors = false)
        {
            var compilation = create();
            CollectEarlierRuns();
            var watch = Stopwatch.StartNew();
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            watch.Stop();
            if (errors.Count > 0 && !allowErrors)
            {
                throw new InvalidOperationException("The generated corpus does not compile: " + errors[0]);
            }

            return watch.Elapsed;
        }

        /// <summary>Runs one analyzer over a fresh compilation; answers its own execution time and what it reported.</summary>
        public static (TimeSpan Time, int Diagnostics) AnalyzerTime(Func<CSharpCompilation> create, DiagnosticAnalyzer analyzer, CancellationToken cancellationToken = default) =>
            AnalyzerRun(create, analyzer, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), cancellationToken) is var run ? (run.Time, run.Diagnostics.Length) : default;

        /// <summary>As <see cref="AnalyzerTime"/>, with the project's options and the diagnostics themselves.</summary>
        public static (TimeSpan Time, ImmutableArray<Diagnostic> Diagnostics) AnalyzerRun(Func<CSharpCompilation> create, DiagnosticAnalyzer analyzer, AnalyzerOptions analyzerOptions, CancellationToken cancellationToken = default)
        {
            var compilation = create();

            // A build has bound its references before any analyzer starts: that is the compiler's work, not the
            // analyzer's, so it is done here, outside the analyzer's clock, for every analyzer alike.
            _ = compilation.Assembly;
            CollectEarlierRuns();
            var options = new CompilationWithAnalyzersOptions(
                analyzerOptions,
                onAnalyzerException: (e, a, d) => throw new InvalidOperationException($"{a} threw: {e}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true);
            var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), options);
            var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult();
            var crash = diagnostics.FirstOrDefault(d => d.Id == "AD0001");
            if (crash != null)
            {
                throw new InvalidOperationException("Analyzer crashed: " + crash);
            }

            var telemetry = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken).GetAwaiter().GetResult();
            return (telemetry.ExecutionTime, diagnostics);
        }

        /// <summary>
        /// Earlier runs leave whole compilations behind as garbage: collected here, off the clock, so that no run
        /// pays a full collection for the one before it.
        /// </summary>
        private static void CollectEarlierRuns()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        public static DiagnosticAnalyzer Ca2000()
        {
            var directory = typeof(Measure).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NetAnalyzersDirectory").Value!;
            foreach (var file in new[] { "Microsoft.CodeAnalysis.NetAnalyzers.dll", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll" })
            {
                var reference = new AnalyzerFileReference(Path.Combine(directory, file), new Loader());
                foreach (var analyzer in reference.GetAnalyzers(LanguageNames.CSharp))
                {
                    if (analyzer.SupportedDiagnostics.Any(d => d.Id == "CA2000"))
                    {
                        return analyzer;
                    }
                }
            }

            throw new InvalidOperationException("CA2000 not found in " + directory);
        }

        public static TimeSpan Median(int runs, Func<TimeSpan> measure)
        {
            var times = Enumerable.Range(0, runs).Select(_ => measure()).OrderBy(t => t).ToList();
            return times[times.Count / 2];
        }

        private sealed class Loader : IAnalyzerAssemblyLoader
        {
            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
        }
    }
}
