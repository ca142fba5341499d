using System.Threading.Tasks;
using VfioAnalyzers.Tests.Pairs;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Ownership
{
    /// <summary>
    /// Shapes a cold review of the ownership model found mishandled: containers used after what they carry is
    /// released, retry loops, factories that return what they already stored, paths assigned, helpers that release
    /// through a wrapper, and locals read from fields in an inner scope. Each with its leaking twin.
    /// </summary>
    public class ReviewedShapeTests
    {
        private const string Blob = """

            struct Blob
            {
                public int Size;
                public System.IntPtr Data;
            }

            struct Pair
            {
                public byte[] In;
                public byte[] Out;
            }
            """;

        [Fact]
        public Task Container_UsedAfterItsReferenceIsFreed_IsNoUseAfterRelease()
        {
            const string source = """
                using System;
                using System.Buffers;
                using System.Runtime.InteropServices;

                static class Interop
                {
                    public static int Send()
                    {
                        IntPtr p = Marshal.AllocHGlobal(16);
                        var b = new Blob { Size = 16, Data = p };
                        Marshal.FreeHGlobal(b.Data);
                        b.Data = IntPtr.Zero;
                        return b.Size;
                    }

                    public static int Exchange(int n)
                    {
                        var pair = new Pair();
                        pair.In = ArrayPool<byte>.Shared.Rent(n);
                        pair.Out = new byte[n];
                        ArrayPool<byte>.Shared.Return(pair.In);
                        return pair.Out.Length;
                    }

                    public static int SendTwice()
                    {
                        IntPtr p = Marshal.AllocHGlobal(16);
                        var b = new Blob { Size = 16, Data = p };
                        Marshal.FreeHGlobal(b.Data);
                        return {|#0:(int)b.Data|};
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source + Blob, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO003").WithLocation(0).WithArguments("'hglobal'", "p", string.Empty));
        }

        [Fact]
        public Task RetryLoop_EarlierIterationsReleaseAreNotThisOnes()
        {
            const string source = """
                using System.Threading;

                sealed class Gate
                {
                    private readonly SemaphoreSlim _sem = new SemaphoreSlim(1);

                    public bool TryAcquire(int attempts)
                    {
                        for (int i = 0; i < attempts; i++)
                        {
                            if (_sem.Wait(0))
                            {
                                if (Validate())
                                    return true;
                                _sem.Release();
                            }
                        }

                        return false;
                    }

                    public void Release() => _sem.Release();

                    private static bool Validate() => System.Environment.TickCount % 2 == 0;
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task LoopWhoseEarlyReturnKeepsTheLockItsOtherExitGivesBack_Leaks()
        {
            const string source = """
                using System.Threading;

                sealed class Gate
                {
                    private readonly SemaphoreSlim _sem = new SemaphoreSlim(1);

                    public void Drain(int rounds)
                    {
                        for (int i = 0; i < rounds; i++)
                        {
                            if ({|#1:_sem.Wait(100)|})
                            {
                                if (Validate())
                                    {|#0:return;|}
                                _sem.Release();
                            }
                        }
                    }

                    private static bool Validate() => System.Environment.TickCount % 2 == 0;
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'semaphore'", "_sem", "Wait", " (when 'Validate()' is true)"));
        }

        [Fact]
        public Task MethodReturningWhatItStored_IsNoFactory_ARealFactoryIs()
        {
            const string source = """
                using System.Buffers;

                sealed class Buffers
                {
                    private byte[]? _buffer;

                    public byte[] Reset(int n)
                    {
                        _buffer = ArrayPool<byte>.Shared.Rent(n);
                        return _buffer;
                    }

                    public void Free()
                    {
                        if (_buffer != null)
                            ArrayPool<byte>.Shared.Return(_buffer);
                    }

                    public byte[] Fresh(int n) => ArrayPool<byte>.Shared.Rent(n);

                    public static int Use(Buffers o)
                    {
                        var b = o.Reset(8);
                        b[0] = 1;
                        var f = {|#1:o.Fresh(8)|};
                        f[0] = 1;
                        {|#0:return b[0];|}
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'array-pool'", "f", "Fresh", string.Empty));
        }

        [Fact]
        public Task PropertyAssignedBetweenTwoTests_IsReadAgain()
        {
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                sealed class Sender
                {
                    public byte[]? Buffer { get; set; }

                    public int Send(Func<IntPtr, int> native)
                    {
                        GCHandle h = default;
                        if (Buffer == null)
                            Buffer = new byte[16];
                        if (Buffer != null)
                            h = GCHandle.Alloc(Buffer, GCHandleType.Pinned);
                        int rc = native(IntPtr.Zero);
                        if (Buffer != null)
                            h.Free();
                        return rc;
                    }
                }
                """;
            // 'native' stands for a native call that reports failure by value: the explicit paths are the point here.
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset, "vfio_analyzers.exception_paths = none\n");
        }

        [Fact]
        public Task HelperReleasingThroughAWrapper_Releases_HelperThatOnlyReadsDoesNot()
        {
            const string source = """
                using System;
                using System.Buffers;
                using System.Runtime.InteropServices;

                static class Pool
                {
                    private static void Recycle(ArraySegment<byte> segment) => ArrayPool<byte>.Shared.Return(segment.Array!);

                    private static void Drop(Blob blob) => Marshal.FreeHGlobal(blob.Data);

                    private static int Peek(ArraySegment<byte> segment) => segment.Count;

                    public static void Use(int n)
                    {
                        var seg = new ArraySegment<byte>(ArrayPool<byte>.Shared.Rent(n), 0, n);
                        Recycle(seg);
                        var b = new Blob { Size = n, Data = Marshal.AllocHGlobal(n) };
                        Drop(b);
                    }

                    public static int UseLeaky(int n)
                    {
                        var seg = new ArraySegment<byte>({|#1:ArrayPool<byte>.Shared.Rent(n)|}, 0, n);
                        {|#0:return Peek(seg);|}
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source + Blob, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'array-pool'", "seg", "Rent", string.Empty));
        }

        [Fact]
        public Task LocalReadFromAField_KeepsTheLockForTheObject_EvenInAnInnerScope()
        {
            const string source = """
                using System.Threading;

                sealed class Gate
                {
                    private readonly object _sync = new object();

                    public void Enter(bool log)
                    {
                        if (log)
                        {
                            var s = _sync;
                            Monitor.Enter(s);
                        }
                    }

                    public void Exit() => Monitor.Exit(_sync);
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task HalfTypedCode_DoesNotStopTheAnalysis()
        {
            const string source = """
                using System.Buffers;
                using System.Threading;

                sealed class Typing
                {
                    private readonly SemaphoreSlim _sem = new SemaphoreSlim(1);

                    public byte[] Rent() => {|CS1525:.|}Rent(4);

                    public bool Take() => {|CS1525:.|}Wait(0);

                    public int Leak(bool fail)
                    {
                        var buffer = {|#1:ArrayPool<byte>.Shared.Rent(4)|};
                        if (fail)
                            {|#0:return -1;|}
                        ArrayPool<byte>.Shared.Return(buffer);
                        return 0;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'array-pool'", "buffer", "Rent", " (when 'fail' is true)"));
        }
    }
}
