using System.Threading.Tasks;
using VfioAnalyzers.Tests.Pairs;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Ownership
{
    /// <summary>
    /// Escape through derived values (docs/ownership.md): a token or a wrapper made from a held reference takes it
    /// along when it is handed on; a value that only points into it is lent like the reference itself. Each shape from
    /// real code has its leaking twin.
    /// </summary>
    public class DerivedValueTests
    {
        private const string Native = """
            static class Native
            {
                [System.Runtime.InteropServices.DllImport("native")] public static extern int Submit(System.IntPtr state);
                [System.Runtime.InteropServices.DllImport("native")] public static extern int Read(System.IntPtr buffer, int length);
                [System.Runtime.InteropServices.DllImport("native")] public static extern int Use(ref Blob blob);
            }

            struct Blob
            {
                public int Size;
                public System.IntPtr Data;
            }
            """;

        [Fact]
        public Task GCHandleToken_HandedToNativeCode_IsClean()
        {
            const string source = """
                using System.Runtime.InteropServices;
                using System.Threading.Tasks;

                class Client
                {
                    public Task<int> StartAsync()
                    {
                        var tcs = new TaskCompletionSource<int>();
                        var gch = GCHandle.Alloc(tcs);             // freed later by the completion callback
                        Native.Submit(GCHandle.ToIntPtr(gch));     // handed on
                        return tcs.Task;
                    }

                    public Task<int> StartWithCastAsync()
                    {
                        var tcs = new TaskCompletionSource<int>();
                        var gch = GCHandle.Alloc(tcs);
                        Native.Submit((System.IntPtr)gch);
                        return tcs.Task;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source + Native, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task GCHandleToken_TakenBackOnFailure_IsClean()
        {
            const string source = """
                using System.Runtime.InteropServices;

                class Producer
                {
                    public int Produce(object callbackState)
                    {
                        var gch = GCHandle.Alloc(callbackState);
                        int err = Native.Submit(GCHandle.ToIntPtr(gch));
                        if (err != 0)
                            gch.Free();   // the callee gave it back
                        return err;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source + Native, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task TokenTurnedBackIntoTheHandle_FreesIt()
        {
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                static class Callback
                {
                    public static void RoundTrip(object state)
                    {
                        IntPtr token = GCHandle.ToIntPtr(GCHandle.Alloc(state));
                        GCHandle.FromIntPtr(token).Free();
                    }

                    public static int RoundTripOrFail(object state, bool fail)
                    {
                        IntPtr token = GCHandle.ToIntPtr({|#1:GCHandle.Alloc(state)|});
                        if (fail)
                            {|#0:return -1;|}
                        GCHandle.FromIntPtr(token).Free();
                        return 0;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'gc-handle'", "token", "Alloc", " (when 'fail' is true)"));
        }

        [Fact]
        public Task PinnedAddress_OnlyLentToNativeCode_LeaksOnTheErrorPath()
        {
            const string source = """
                using System.Runtime.InteropServices;

                class Reader
                {
                    public int Read(byte[] buffer)
                    {
                        var h = {|#1:GCHandle.Alloc(buffer, GCHandleType.Pinned)|};
                        int rc = Native.Read(h.AddrOfPinnedObject(), buffer.Length);
                        if (rc < 0)
                            {|#0:return rc;|}
                        h.Free();
                        return rc;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source + Native, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'gc-handle'", "h", "Alloc", " (when 'rc < 0' is true)"));
        }

        [Fact]
        public Task GCHandleToken_OnlyComputed_StillLeaks()
        {
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                class Client
                {
                    public IntPtr Peek(object state)
                    {
                        var gch = {|#1:GCHandle.Alloc(state)|};
                        var token = GCHandle.ToIntPtr(gch);
                        Console.WriteLine(token == IntPtr.Zero);
                        {|#0:return IntPtr.Zero;|}
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'gc-handle'", "gch", "Alloc", string.Empty));
        }

        [Fact]
        public Task MemoryHandle_WrapsThePin_ReturnedIsClean_DroppedLeaks()
        {
            const string source = """
                using System.Buffers;
                using System.Runtime.InteropServices;

                unsafe class Block
                {
                    private readonly byte[] _array = new byte[64];

                    public MemoryHandle Pin(int elementIndex)
                    {
                        GCHandle handle = GCHandle.Alloc(_array, GCHandleType.Pinned);
                        byte* ptr = (byte*)handle.AddrOfPinnedObject();
                        return new MemoryHandle(ptr + elementIndex, handle);
                    }

                    public MemoryHandle PinChecked(int elementIndex)
                    {
                        GCHandle handle = {|#1:GCHandle.Alloc(_array, GCHandleType.Pinned)|};
                        var pinned = new MemoryHandle((byte*)handle.AddrOfPinnedObject(), handle);
                        if (elementIndex < 0)
                            {|#0:return default;|}
                        return pinned;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'gc-handle'", "handle", "Alloc", " (when 'elementIndex < 0' is true)"));
        }

        [Fact]
        public Task RentedArray_WrappedAndStored_IsClean()
        {
            const string source = """
                using System;
                using System.Buffers;

                sealed class WriteState
                {
                    public ArraySegment<int> Data { get; set; }
                    public ArrayPool<int>? Pool { get; set; }
                }

                class Converter
                {
                    public void Bind(WriteState state, int n)
                    {
                        var array = ArrayPool<int>.Shared.Rent(n);
                        state.Data = new ArraySegment<int>(array, 0, n);
                    }

                    public WriteState Create(int n)
                    {
                        var data = ArrayPool<int>.Shared.Rent(n);
                        Array.Clear(data, 0, n);
                        return new WriteState { Pool = ArrayPool<int>.Shared, Data = new(data, 0, n) };
                    }

                    public void BindInitializer(ref object? writeState, int n)
                    {
                        var data = ArrayPool<int>.Shared.Rent(n);
                        writeState = new WriteState { Data = new(data, 0, n) };
                        for (int i = 0; i < n; i++)
                        {
                            if (i > 100)
                                throw new ArgumentException("too many");
                            data[i] = i;
                        }
                    }

                    public (ArraySegment<char> Chars, byte[]? Bytes) ReadRented(int n)
                    {
                        var chars = ArrayPool<char>.Shared.Rent(n);
                        return (new(chars, 0, n), null);
                    }

                    public ReadOnlyMemory<byte> Slice(int n)
                    {
                        var rented = ArrayPool<byte>.Shared.Rent(n);
                        return rented.AsMemory()[..n];
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task RentedArray_WrappedButOnlyLent_Leaks()
        {
            const string source = """
                using System;
                using System.Buffers;
                using System.IO;
                using System.Threading.Tasks;

                class Copier
                {
                    public async Task<int> CopyAsync(Stream stream, int n)
                    {
                        var rented = {|#1:ArrayPool<byte>.Shared.Rent(n)|};
                        int read = await stream.ReadAsync(rented.AsMemory(0, n));
                        if (read == 0)
                            {|#0:return 0;|}
                        ArrayPool<byte>.Shared.Return(rented);
                        return read;
                    }

                    public int Sum(int n)
                    {
                        var segment = new ArraySegment<int>({|#3:ArrayPool<int>.Shared.Rent(n)|}, 0, n);
                        int sum = Total(segment);
                        if (sum < 0)
                            {|#2:return -1;|}
                        ArrayPool<int>.Shared.Return(segment.Array!);
                        return sum;
                    }

                    private static int Total(ArraySegment<int> values)
                    {
                        int sum = 0;
                        foreach (var v in values)
                            sum += v;
                        return sum;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'array-pool'", "rented", "Rent", " (when 'read == 0' is true)"),
                Verify.Diagnostic("VFIO001").WithLocation(2).WithLocation(3).WithArguments("'array-pool'", "segment", "Rent", " (when 'sum < 0' is true)"));
        }

        [Fact]
        public Task RentedArray_ReleasedThroughTheWrapper_IsClean()
        {
            const string source = """
                using System;
                using System.Buffers;
                using System.Threading;
                using System.Threading.Tasks;

                class Numeric
                {
                    public static async ValueTask<long> ReadAsync(Func<ArraySegment<short>, ValueTask<long>> read, short digitCount)
                    {
                        var digits = new ArraySegment<short>(ArrayPool<short>.Shared.Rent(digitCount), 0, digitCount);
                        var value = await read(digits).ConfigureAwait(false);
                        ArrayPool<short>.Shared.Return(digits.Array!);
                        return value;
                    }

                    public static int Match(int fieldCount)
                    {
                        var indices = new ArraySegment<int>(ArrayPool<int>.Shared.Rent(fieldCount), 0, fieldCount);
                        for (var i = 0; i < fieldCount; i++)
                            indices[i] = -1;
                        if (fieldCount == 1)
                        {
                            ArrayPool<int>.Shared.Return(indices.Array!);
                            return 0;
                        }

                        ArrayPool<int>.Shared.Return(indices.Array!);
                        return 1;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task InteropStruct_TokenInAFieldHandedToNative_IsClean_KeptLocalLeaks()
        {
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                class Options
                {
                    public int Start()
                    {
                        var opts = new Blob();
                        opts.Data = GCHandle.ToIntPtr(GCHandle.Alloc(this));
                        return Native.Use(ref opts);
                    }

                    public int Measure()
                    {
                        var opts = new Blob();
                        opts.Data = GCHandle.ToIntPtr({|#1:GCHandle.Alloc(this)|});
                        {|#0:return opts.Size;|}
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source + Native, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'gc-handle'", "opts", "Alloc", string.Empty));
        }

        [Fact]
        public Task InteropStruct_PointerFreedInFinally_IsCleanAndNoFieldFinding()
        {
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                class Sender
                {
                    public int Send()
                    {
                        IntPtr p = Marshal.AllocHGlobal(16);
                        try
                        {
                            var b = new Blob { Size = 16, Data = p };
                            return Native.Use(ref b);
                        }
                        finally
                        {
                            Marshal.FreeHGlobal(p);
                        }
                    }

                    public int SendOrFail(bool ready)
                    {
                        IntPtr p = {|#1:Marshal.AllocHGlobal(16)|};
                        var b = new Blob { Size = 16, Data = p };
                        if (!ready)
                            {|#0:return -1;|}
                        int rc = Native.Use(ref b);
                        Marshal.FreeHGlobal(p);
                        return rc;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source + Native, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'hglobal'", "p", "AllocHGlobal", " (when '!ready' is true)"));
        }
    }
}
