using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using VfioAnalyzers.Tests.Verifiers;

namespace VfioAnalyzers.Tests.Robustness
{
    /// <summary>Runs the analyzer directly over arbitrary (even broken) source, collecting any exception it throws.</summary>
    internal static class AnalyzerRunner
    {
        public static readonly ImmutableArray<MetadataReference> References = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();

        public static CSharpCompilation Compile(string source) =>
            CSharpCompilation.Create(
                "Robustness",
                new[] { CSharpSyntaxTree.ParseText(VfioApiSource.Text, path: "VfioApi.cs"), CSharpSyntaxTree.ParseText(source, path: "Test.cs") },
                References,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        /// <summary>The analyzer's diagnostics, sorted; throws with the exception text if the analyzer crashed.</summary>
        public static IReadOnlyList<string> Run(string source, bool concurrent = true, CancellationToken cancellationToken = default)
        {
            var failures = new List<Exception>();
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (e, a, d) => { lock (failures) { failures.Add(e); } },
                concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: false);
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new AcquireReleaseAnalyzer());
            var diagnostics = Compile(source).WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult();
            if (failures.Count > 0 || diagnostics.Any(d => d.Id == "AD0001"))
            {
                throw new InvalidOperationException($"The analyzer crashed on:\n{source}\n\n{string.Join("\n", failures)}{string.Join("\n", diagnostics.Where(d => d.Id == "AD0001"))}");
            }

            return diagnostics.Select(d => d.ToString()).OrderBy(d => d, StringComparer.Ordinal).ToList();
        }
    }
}
