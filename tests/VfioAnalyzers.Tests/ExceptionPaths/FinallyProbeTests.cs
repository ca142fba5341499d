using System.Threading.Tasks;
using VfioAnalyzers.Tests.Pairs;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.ExceptionPaths
{
    /// <summary>
    /// A call made while holding, inside a try with a finally: the finally regions are run on the exception path
    /// first, and the call is judged only when that path still holds a reference or finds something (issue 16,
    /// judging reads the callee's body). Each shape is shown with a callee that throws and one that does not.
    /// </summary>
    public class FinallyProbeTests
    {
        private static string Pin(string body, bool throws) => $$"""
            using System;
            using System.Runtime.InteropServices;

            class Pinner
            {
                static void Work(int n) { if (n > 0) {{(throws ? "throw new InvalidOperationException()" : "Console.WriteLine(n)")}}; }

                public void Pin(byte[] data, byte[] more)
                {
                    {{body}}
                }
            }
            """;

        // The finally frees only when the try finished: the exception path keeps the handle.
        private const string FreedOnlyOnSuccess = """
            var h = {|#1:GCHandle.Alloc(data, GCHandleType.Pinned)|};
                    bool done = false;
                    try
                    {
                        {|#0:Work(data.Length)|};
                        done = true;
                    }
                    finally
                    {
                        if (done) h.Free();
                    }
            """;

        // The finally frees a second handle that the exception path never allocated.
        private const string FreesWhatTheTryAllocates = """
            var h = GCHandle.Alloc(data, GCHandleType.Pinned);
                    var other = default(GCHandle);
                    try
                    {
                        Work(data.Length);
                        other = GCHandle.Alloc(more, GCHandleType.Pinned);
                    }
                    finally
                    {
                        {|#0:other.Free()|};
                        h.Free();
                    }
            """;

        [Fact]
        public Task FinallyFreesEverything_ThrowingCall_IsClean() =>
            PairsVerifier.VerifyAsync(Pin("""
                var h = GCHandle.Alloc(data, GCHandleType.Pinned);
                        try { Work(data.Length); }
                        finally { h.Free(); }
                """, throws: true), PairsVerifier.DotNetPreset);

        [Fact]
        public Task FinallyFreesOnlyOnSuccess_ThrowingCall_Leaks() =>
            PairsVerifier.VerifyAsync(Pin(FreedOnlyOnSuccess, throws: true), PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1)
                    .WithArguments("'gc-handle'", "h", "Alloc", " (when 'done' is false, if 'Work(data.Length)' throws: it throws 'InvalidOperationException')"));

        [Fact]
        public Task FinallyFreesOnlyOnSuccess_CallThatCannotThrow_IsClean() =>
            PairsVerifier.VerifyAsync(Pin(FreedOnlyOnSuccess.Replace("{|#1:", string.Empty).Replace(")|};", ");").Replace("{|#0:", string.Empty), throws: false), PairsVerifier.DotNetPreset);

        [Fact]
        public Task FinallyFindsSomethingOnlyOnTheExceptionPath_ThrowingCall_IsReported() =>
            PairsVerifier.VerifyAsync(Pin(FreesWhatTheTryAllocates, throws: true), PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO004").WithLocation(0).WithArguments("'gc-handle'", "other", "it is null"));

        [Fact]
        public Task FinallyFindsSomethingOnlyOnTheExceptionPath_CallThatCannotThrow_IsClean() =>
            PairsVerifier.VerifyAsync(Pin(FreesWhatTheTryAllocates.Replace("{|#0:", string.Empty).Replace(")|};", ");"), throws: false), PairsVerifier.DotNetPreset);

        // A getter that may throw, under a catch: its exception reaches the handler, which returns holding the handle
        // (reported where the method ends). A getter is judged there as before; only the finally probe is skipped.
        [Fact]
        public Task ThrowingGetterInsideACatch_TheHandlersExitLeaks() =>
            PairsVerifier.VerifyAsync("""
                using System;
                using System.Runtime.InteropServices;

                class Pinner
                {
                    bool _disposed;
                    int Length => _disposed ? throw new ObjectDisposedException("p") : 1;

                    public void Pin(byte[] data)
                    {
                        var h = {|#1:GCHandle.Alloc(data, GCHandleType.Pinned)|};
                        try { var n = Length; }
                        catch (ObjectDisposedException) { return; }
                        h.Free();
                    {|#0:}|}
                }
                """, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'gc-handle'", "h", "Alloc", ""));
    }
}
