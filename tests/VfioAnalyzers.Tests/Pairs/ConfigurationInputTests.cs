using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VfioAnalyzers.Rules;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Pairs
{
    /// <summary>
    /// Configuration input that used to be taken silently or echoed unsafely: each is a VFIO900 where it is, declares
    /// nothing, and is printed with its control characters escaped and its words cut to a sensible length.
    /// </summary>
    public class ConfigurationInputTests
    {
        private const string Library = """
            namespace Contoso.Native
            {
                public sealed class Lease { }

                public sealed class Leases
                {
                    public Lease? Open(string name) => new Lease();
                    public void Close(Lease lease) { }
                }
            }
            """;

        private const string Release = "release lease M:Contoso.Native.Leases.Close(Contoso.Native.Lease) argument lease\n";

        /// <summary>Opens a lease and leaks it: reported only while the acquire is declared.</summary>
        private const string Leak = Library + """

            namespace App
            {
                using Contoso.Native;

                class User
                {
                    void Use(Leases leases)
                    {
                        var lease = {|#2:leases.Open("a")|};
                    {|#1:}|}
                }
            }
            """;

        /// <summary>Opens a lease and closes it once: clean, unless the acquire counted twice.</summary>
        private const string OpenAndClose = Library + """

            namespace App
            {
                using Contoso.Native;

                class User
                {
                    void Use(Leases leases)
                    {
                        var lease = leases.Open("a");
                        if (lease != null)
                            leases.Close(lease);
                    }
                }
            }
            """;

        [Fact]
        public Task MemberIdWithAnUnclosedParenthesis_IsReportedAtThatWord_AndDeclaresNothing() =>
            PairsVerifier.VerifyAsync(Leak.Replace("{|#2:", string.Empty).Replace("|};", ";").Replace("{|#1:}|}", "}"),
                "acquire lease {|#0:M:Contoso.Native.Leases.Open(System.String|}  return\n" + Release,
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments(
                    "'vfio_analyzers.pairs.txt' line 1",
                    "'M:Contoso.Native.Leases.Open(System.String' has an unclosed '(': write 'M:Namespace.Type.Method(ParameterTypes)'"));

        [Fact]
        public Task MemberIdWithAnUnmatchedClosingParenthesis_IsReported_OnThrowsLinesToo() =>
            PairsVerifier.VerifyAsync(Library, "throws {|#0:M:Contoso.Native.Leases.Open(System.String))|}\n",
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments(
                    "'vfio_analyzers.pairs.txt' line 1",
                    "'M:Contoso.Native.Leases.Open(System.String))' has an unmatched ')': write 'M:Namespace.Type.Method(ParameterTypes)'"));

        [Fact]
        public Task SecondAcquireOfOneMember_IsReportedAtItsLine_AndTheFirstWins() =>
            // Counted twice, 'when always' would keep a second reference held after the one Close: a false VFIO001.
            PairsVerifier.VerifyAsync(OpenAndClose,
                "acquire lease M:Contoso.Native.Leases.Open(System.String) return when not-null\n" +
                "{|#0:acquire lease M:Contoso.Native.Leases.Open(System.String) return when always|}\n" + Release,
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments(
                    "'vfio_analyzers.pairs.txt' line 2",
                    "an acquire through 'return' of 'Open' is already declared at line 1: the first declaration wins, this line declares nothing"));

        [Fact]
        public Task FileLineRepeatingAPresetMember_IsReported_ThePresetWins()
        {
            const string source = """
                using System.Buffers;

                static class Reader
                {
                    public static void Use(int n)
                    {
                        byte[] buffer = ArrayPool<byte>.Shared.Rent(n);
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source,
                "preset dotnet\n{|#0:acquire pool M:System.Buffers.ArrayPool`1.Rent(System.Int32) return when always|}\n",
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments(
                    "'vfio_analyzers.pairs.txt' line 2",
                    "an acquire through 'return' of 'Rent' is already declared by preset 'dotnet': the first declaration wins, this line declares nothing"));
        }

        [Fact]
        public Task PresetOptionFirst_ThenTheFileLine_IsReportedAtTheFileLine() =>
            PairsVerifier.VerifyAsync("class Plain { }",
                "{|#0:acquire pool M:System.Buffers.ArrayPool`1.Rent(System.Int32) return|}\n",
                editorConfig: "vfio_analyzers.presets = dotnet\n",
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments(
                    "'vfio_analyzers.pairs.txt' line 1",
                    "an acquire through 'return' of 'Rent' is already declared by preset 'dotnet': the first declaration wins, this line declares nothing"));

        [Fact]
        public Task PresetLineAfterTheFilesOwnAcquire_IsReportedAtThePresetName_TheFileLineWins()
        {
            // The file's 'when always' wins: a rented array that is never returned leaks even on the null path.
            const string source = """
                using System.Buffers;

                static class Reader
                {
                    public static void Leak(int n)
                    {
                        byte[] buffer = {|#2:ArrayPool<byte>.Shared.Rent(n)|};
                    {|#1:}|}
                }
                """;
            return PairsVerifier.VerifyAsync(source,
                "acquire my-pool M:System.Buffers.ArrayPool`1.Rent(System.Int32) return when always\npreset {|#0:dotnet|}\n",
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments(
                    "'vfio_analyzers.pairs.txt' line 2",
                    "an acquire through 'return' of 'Rent' is already declared at line 1: the first declaration wins, this line declares nothing"),
                Verify.Diagnostic("VFIO001").WithLocation(1).WithLocation(2).WithArguments("'my-pool'", "buffer", "Rent", ""));
        }

        [Fact]
        public Task BinaryFile_IsReportedOnce_WithoutItsBytes()
        {
            // What an image or archive looks like when read as a pairs file: NULs, ESCs, bytes that decode to nothing.
            string binary = "{|#0:|}\u0089PNG\r\n\u001a\n\0\0\0\rIHDR\0\0\0\u0010\u001b[31m\0acquire\0\0\u001b\n\0\0\u0001\u0002\n" + new string('\0', 64) + "\n\u007f\u0003\n";
            return PairsVerifier.VerifyAsync(Leak.Replace("{|#2:", string.Empty).Replace("|};", ";").Replace("{|#1:}|}", "}"), binary,
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments(
                    "'vfio_analyzers.pairs.txt'",
                    "not a text file (it holds NUL characters): nothing in it is read"));
        }

        [Fact]
        public Task ControlCharactersInAWord_AreEscapedInTheMessage() =>
            PairsVerifier.VerifyAsync(Library, "{|#0:acq\u001b[2Juire|} lease M:Contoso.Native.Leases.Open(System.String) return\n",
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments(
                    "'vfio_analyzers.pairs.txt' line 1",
                    "unknown declaration 'acq\\u001B[2Juire': a line starts with 'acquire', 'release', 'throws', 'nothrow' or 'preset'"));

        [Fact]
        public Task AHugeWord_IsCutInTheMessage()
        {
            string huge = new string('x', 100_000);

            // The echoed word is 'xxx...x': (a quote, the word, a quote and a colon); 200 characters of it are kept.
            string shown = "'" + new string('x', 199) + "...(" + (huge.Length + 3 - 200) + " more characters)";
            return PairsVerifier.VerifyAsync(Library, "{|#0:" + huge + "|} lease\n",
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments(
                    "'vfio_analyzers.pairs.txt' line 1",
                    "unknown declaration " + shown + " a line starts with 'acquire', 'release', 'throws', 'nothrow' or 'preset'"));
        }

        [Fact]
        public Task AHugeOptionValue_IsCutOnce()
        {
            string huge = new string('x', 1000);
            string shown = "'" + new string('x', 199) + "...(" + (huge.Length + 2 - 200) + " more characters)";
            return PairsVerifier.VerifyAsync("class Plain { }", pairsFile: null, editorConfig: "vfio_analyzers.presets = " + huge + "\n",
                Verify.Diagnostic(Descriptors.BadOption).WithNoLocation().WithArguments(
                    "option 'vfio_analyzers.presets' (set by an .editorconfig section for 'Test1.cs')",
                    "unknown preset " + shown + " (known: dotnet)"));
        }

        [Fact]
        public Task ExceptionPathsMaybe_InAGlobalConfig_NamesTheOptionTheValueAndTheAcceptedValues()
        {
            var test = new Verify.Test { TestCode = "class Plain { }" };
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nvfio_analyzers.exception_paths = maybe\n"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.BadOption).WithSeverity(DiagnosticSeverity.Warning).WithNoLocation().WithArguments(
                "option 'vfio_analyzers.exception_paths' (set in a global analyzer config)",
                "unknown value 'maybe' (known: default, none, precise, all_calls; true is precise, false is none)"));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task UnknownPresetInTheOption_NamesTheFileWhoseSectionSetsIt() =>
            PairsVerifier.VerifyAsync("class Plain { }", pairsFile: null, editorConfig: "vfio_analyzers.presets = java\u001b\n",
                Verify.Diagnostic(Descriptors.BadOption).WithNoLocation().WithArguments(
                    "option 'vfio_analyzers.presets' (set by an .editorconfig section for 'Test1.cs')",
                    "unknown preset 'java\\u001B' (known: dotnet)"));
    }
}
