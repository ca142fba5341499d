using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace VfioAnalyzers.Tests.Verifiers
{
    /// <summary>Runs an analyzer over markup source with the VFIO API stubs and .NET 8 references.</summary>
    public static class CSharpAnalyzerVerifier<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(id);

        /// <summary>For an id with more than one descriptor (VFIO900: in a file, or for an option at compilation end).</summary>
        public static DiagnosticResult Diagnostic(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(descriptor);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected) =>
            VerifyAnalyzerAsync(source, editorConfig: null, expected);

        public static Task VerifyAnalyzerAsync(string source, string? editorConfig, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            if (editorConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + editorConfig));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
                TestState.Sources.Add(("VfioApi.cs", VfioApiSource.Text));

                // Interop code pins and converts pointers: tests may use unsafe code as such projects do.
                SolutionTransforms.Add((solution, projectId) =>
                    solution.WithProjectCompilationOptions(projectId, ((CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!).WithAllowUnsafe(true)));
            }
        }
    }
}
