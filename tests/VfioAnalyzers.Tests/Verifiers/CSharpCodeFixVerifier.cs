using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace VfioAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// Runs an analyzer and one code fix over markup source with the VFIO API stubs and .NET 8 references:
    /// the fix one diagnostic at a time, then Fix All in document, project and solution scope.
    /// </summary>
    public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static DiagnosticResult Diagnostic(string id) => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(id);

        public static Task VerifyCodeFixAsync(string source, string fixedSource) =>
            VerifyCodeFixAsync(source, DiagnosticResult.EmptyDiagnosticResults, fixedSource);

        public static Task VerifyCodeFixAsync(string source, DiagnosticResult[] expected, string fixedSource, params DiagnosticResult[] fixedExpected) =>
            VerifyCodeFixAsync(source, editorConfig: null, expected, fixedSource, fixedExpected);

        public static Task VerifyCodeFixAsync(string source, string? editorConfig, DiagnosticResult[] expected, string fixedSource, params DiagnosticResult[] fixedExpected)
        {
            var test = new Test { TestCode = source, FixedCode = fixedSource, EditorConfig = editorConfig };
            test.ExpectedDiagnostics.AddRange(expected);
            test.FixedState.ExpectedDiagnostics.AddRange(fixedExpected);
            return test.RunAsync(CancellationToken.None);
        }

        public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            private string? _editorConfig;

            public Test()
            {
                ReferenceAssemblies = ReferenceAssemblies.Net.Net80;
                TestState.Sources.Add(("VfioApi.cs", VfioApiSource.Text));
                FixedState.Sources.Add(("VfioApi.cs", VfioApiSource.Text));
            }

            /// <summary>Lines under <c>[*]</c> of an .editorconfig for the test and fixed states.</summary>
            public string? EditorConfig
            {
                get => _editorConfig;
                set
                {
                    _editorConfig = value;
                    if (value != null)
                    {
                        var file = ("/.editorconfig", "root = true\n\n[*]\n" + value);
                        TestState.AnalyzerConfigFiles.Add(file);
                        FixedState.AnalyzerConfigFiles.Add(file);
                    }
                }
            }

            /// <summary>Further fixes offered together with <typeparamref name="TCodeFix"/> (several rules in one method).</summary>
            public List<Func<CodeFixProvider>> OtherFixes { get; } = new List<Func<CodeFixProvider>>();

            protected override IEnumerable<CodeFixProvider> GetCodeFixProviders() =>
                base.GetCodeFixProviders().Concat(OtherFixes.Select(create => create()));
        }
    }
}
