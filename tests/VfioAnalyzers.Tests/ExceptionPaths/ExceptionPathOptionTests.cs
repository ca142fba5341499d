using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VfioAnalyzers.Tests.Pairs;
using VfioAnalyzers.Rules;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.ExceptionPaths
{
    /// <summary>
    /// <c>vfio_analyzers.exception_paths</c> and <c>vfio_analyzers.exception_paths_kinds</c>: which calls count, for
    /// which kinds, and what a value that cannot be read reports. A pinned handle and a rented array are held across
    /// a call that throws (<c>Check</c>) and one that does not (<c>Note</c>).
    /// </summary>
    public class ExceptionPathOptionTests
    {
        private const string Source = """
            using System;
            using System.Buffers;
            using System.Runtime.InteropServices;

            class Pinner
            {
                int _notes;

                public void Pin(byte[] data)
                {
                    var h = {|#1:GCHandle.Alloc(data, GCHandleType.Pinned)|};
                    var buffer = {|#3:ArrayPool<byte>.Shared.Rent(16)|};
                    {|#2:Note()|};
                    {|#0:Check(data)|};
                    ArrayPool<byte>.Shared.Return(buffer);
                    h.Free();
                }

                void Note() => _notes++;

                static void Check(byte[] data)
                {
                    if (data.Length == 0) throw new ArgumentException("empty", nameof(data));
                }
            }
            """;

        private const string Thrown = " (if 'Check(data)' throws: it throws 'ArgumentException')";

        private static DiagnosticResult Handle(int exit, string suffix) =>
            Verify.Diagnostic("VFIO001").WithLocation(exit).WithLocation(1).WithArguments("'gc-handle'", "h", "Alloc", suffix);

        private static DiagnosticResult Buffer(int exit, string suffix) =>
            Verify.Diagnostic("VFIO001").WithLocation(exit).WithLocation(3).WithArguments("'array-pool'", "buffer", "Rent", suffix);

        [Fact]
        public Task Unset_ThrowingCallsCount_ForThePermanentKindsOnly() =>
            PairsVerifier.VerifyAsync(Source, PairsVerifier.DotNetPreset, Handle(0, Thrown));

        [Theory]
        [InlineData("default")]
        [InlineData("DEFAULT ")]
        public Task Default_IsTheUnsetBehaviour(string value) =>
            PairsVerifier.VerifyAsync(Source, PairsVerifier.DotNetPreset, $"vfio_analyzers.exception_paths = {value}\n", Handle(0, Thrown));

        [Theory]
        [InlineData("none")]
        [InlineData("false")]
        public Task None_OnlyExplicitExitsCount(string value) =>
            PairsVerifier.VerifyAsync(Source, PairsVerifier.DotNetPreset, $"vfio_analyzers.exception_paths = {value}\n");

        [Theory]
        [InlineData("precise")]
        [InlineData("true")]
        public Task Precise_ThrowingCallsCount_ForEveryKind(string value) =>
            PairsVerifier.VerifyAsync(Source, PairsVerifier.DotNetPreset, $"vfio_analyzers.exception_paths = {value}\n",
                Handle(0, Thrown), Buffer(0, Thrown));

        [Fact]
        public Task AllCalls_EveryCallCounts_TheAcquiresInBetweenToo() =>
            PairsVerifier.VerifyAsync(Source, PairsVerifier.DotNetPreset, "vfio_analyzers.exception_paths = all_calls\n",
                Handle(3, " (if 'ArrayPool<byte>.Shared.Rent(16)' throws)"),
                Handle(2, " (if 'Note()' throws)"), Buffer(2, " (if 'Note()' throws)"),
                Handle(0, " (if 'Check(data)' throws)"), Buffer(0, " (if 'Check(data)' throws)"));

        [Fact]
        public Task Kinds_ChooseWhichKindsCount() =>
            PairsVerifier.VerifyAsync(Source, PairsVerifier.DotNetPreset, "vfio_analyzers.exception_paths_kinds = array-pool\n", Buffer(0, Thrown));

        [Fact]
        public Task Kinds_PermanentPlusOwnKinds() =>
            PairsVerifier.VerifyAsync(Source, PairsVerifier.DotNetPreset, "vfio_analyzers.exception_paths = precise\nvfio_analyzers.exception_paths_kinds = permanent, vfio-group\n", Handle(0, Thrown));

        [Fact]
        public Task Kinds_All() =>
            PairsVerifier.VerifyAsync(Source, PairsVerifier.DotNetPreset, "vfio_analyzers.exception_paths_kinds = all\n", Handle(0, Thrown), Buffer(0, Thrown));

        [Fact]
        public Task UnknownMode_IsReported_AndTheDefaultApplies() =>
            PairsVerifier.VerifyAsync(Source, PairsVerifier.DotNetPreset, "vfio_analyzers.exception_paths = sometimes\n",
                Handle(0, Thrown),
                Verify.Diagnostic(Descriptors.BadOption).WithSeverity(DiagnosticSeverity.Warning).WithNoLocation()
                    .WithArguments("option 'vfio_analyzers.exception_paths' (set by an .editorconfig section for 'Test1.cs')", "unknown value 'sometimes' (known: default, none, precise, all_calls; true is precise, false is none)"));

        [Fact]
        public Task EmptyKinds_IsReported_AndThePermanentKindsApply() =>
            PairsVerifier.VerifyAsync(Source, PairsVerifier.DotNetPreset, "vfio_analyzers.exception_paths_kinds = ,\n",
                Handle(0, Thrown),
                Verify.Diagnostic(Descriptors.BadOption).WithSeverity(DiagnosticSeverity.Warning).WithNoLocation()
                    .WithArguments("option 'vfio_analyzers.exception_paths_kinds' (set by an .editorconfig section for 'Test1.cs')", "no kind listed: write 'all', 'permanent' or kinds such as 'gc-handle, vfio-group'"));

        [Fact]
        public Task ExplicitThrow_CountsForEveryKind_InEveryMode()
        {
            const string source = """
                using System;
                using System.Buffers;

                class Reader
                {
                    public int Read(int n)
                    {
                        var buffer = {|#1:ArrayPool<byte>.Shared.Rent(n)|};
                        if (n > 4096)
                            {|#0:throw new ArgumentOutOfRangeException(nameof(n));|}
                        ArrayPool<byte>.Shared.Return(buffer);
                        return n;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset, "vfio_analyzers.exception_paths = none\n",
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'array-pool'", "buffer", "Rent", " (when 'n > 4096' is true)"));
        }
    }
}
