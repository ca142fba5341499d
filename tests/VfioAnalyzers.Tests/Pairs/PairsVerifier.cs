using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Pairs
{
    /// <summary>Runs the analyzer with a pairs file (markup allowed in it) and optional .editorconfig lines.</summary>
    internal static class PairsVerifier
    {
        public const string FileName = "vfio_analyzers.pairs.txt";

        public const string DotNetPreset = "preset dotnet\n";

        public static Task VerifyAsync(string source, string? pairsFile, params DiagnosticResult[] expected) =>
            VerifyAsync(source, pairsFile, editorConfig: null, expected);

        public static Task VerifyAsync(string source, string? pairsFile, string? editorConfig, params DiagnosticResult[] expected)
        {
            var test = new Verify.Test { TestCode = source };
            if (pairsFile != null)
            {
                test.TestState.AdditionalFiles.Add((FileName, pairsFile));
            }

            if (editorConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }
    }
}
