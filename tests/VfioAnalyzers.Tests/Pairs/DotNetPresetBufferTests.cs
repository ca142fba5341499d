using System;
using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Pairs
{
    /// <summary>ArrayPool&lt;T&gt;.Rent/Return, GCHandle.Alloc/Free and Marshal.AllocHGlobal/FreeHGlobal from the dotnet preset.</summary>
    public class DotNetPresetBufferTests
    {
        [Fact]
        public Task Rent_ReturnedInFinally_IsClean()
        {
            const string source = """
                using System.Buffers;
                using System.IO;

                static class Copier
                {
                    public static void Copy(Stream from, Stream to)
                    {
                        byte[] buffer = ArrayPool<byte>.Shared.Rent(81920);
                        try
                        {
                            int read;
                            while ((read = from.Read(buffer, 0, buffer.Length)) > 0)
                                to.Write(buffer, 0, read);
                        }
                        finally
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                        }
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task Rent_ReturnedToTheCaller_IsClean()
        {
            const string source = """
                using System;
                using System.Buffers;

                static class Builder
                {
                    /// <summary>The caller returns the array to ArrayPool&lt;char&gt;.Shared.</summary>
                    public static char[] Grow(char[] old, int used, ArrayPool<char> pool)
                    {
                        char[] larger = pool.Rent(old.Length * 2);
                        Array.Copy(old, larger, used);
                        pool.Return(old, clearArray: true);
                        return larger;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task Rent_NotReturnedOnErrorPath()
        {
            const string source = """
                using System;
                using System.Buffers;
                using System.IO;

                static class Reader
                {
                    public static int Checksum(Stream stream, int length)
                    {
                        byte[] buffer = {|#1:ArrayPool<byte>.Shared.Rent(length)|};
                        int read = stream.Read(buffer, 0, length);
                        if (read < length)
                            {|#0:throw new EndOfStreamException();|}
                        int sum = 0;
                        for (int i = 0; i < read; i++)
                            sum += buffer[i];
                        ArrayPool<byte>.Shared.Return(buffer);
                        return sum;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1)
                    .WithArguments("'array-pool'", "buffer", "Rent", " (when 'read < length' is true)"));
        }

        [Fact]
        public Task Rent_UsedAfterReturn()
        {
            const string source = """
                using System.Buffers;

                static class Reader
                {
                    public static byte First(int length)
                    {
                        byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
                        ArrayPool<byte>.Shared.Return(buffer);
                        return {|#0:buffer|}[0];
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO003").WithLocation(0).WithArguments("'array-pool'", "buffer", ""));
        }

        [Fact]
        public Task GCHandle_FreedInFinally_IsClean()
        {
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                static class Native
                {
                    public static IntPtr Pin(byte[] data, Func<IntPtr, IntPtr> call)
                    {
                        GCHandle handle = GCHandle.Alloc(data, GCHandleType.Pinned);
                        try
                        {
                            return call(handle.AddrOfPinnedObject());
                        }
                        finally
                        {
                            handle.Free();
                        }
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task GCHandle_NotFreedWhenTheCallThrows()
        {
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                static class Native
                {
                    public static int Send(byte[] data, Func<IntPtr, int> call)
                    {
                        GCHandle handle = {|#1:GCHandle.Alloc(data, GCHandleType.Pinned)|};
                        int result = {|#2:call(handle.AddrOfPinnedObject())|};
                        if (result < 0)
                            {|#0:throw new InvalidOperationException("send failed");|}
                        handle.Free();
                        return result;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1)
                    .WithArguments("'gc-handle'", "handle", "Alloc", " (when 'result < 0' is true)"),
                Verify.Diagnostic("VFIO001").WithLocation(2).WithLocation(1)
                    .WithArguments("'gc-handle'", "handle", "Alloc", " (if 'call(handle.AddrOfPinnedObject())' throws: it invokes a delegate it was given)"));
        }

        [Fact]
        public Task AllocHGlobal_FreedInFinally_IsClean()
        {
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                static class Native
                {
                    public static string Roundtrip(string text)
                    {
                        IntPtr memory = Marshal.AllocHGlobal((text.Length + 1) * 2);
                        try
                        {
                            Marshal.Copy(text.ToCharArray(), 0, memory, text.Length);
                            return Marshal.PtrToStringUni(memory, text.Length);
                        }
                        finally
                        {
                            Marshal.FreeHGlobal(memory);
                        }
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task AllocHGlobal_LeakedOnEarlyReturn()
        {
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                static class Native
                {
                    public static int Query(int size, Func<IntPtr, int> call)
                    {
                        IntPtr memory = {|#1:Marshal.AllocHGlobal(size)|};
                        int result = {|#2:call(memory)|};
                        if (result != 0)
                            {|#0:return result;|}
                        Marshal.FreeHGlobal(memory);
                        return 0;
                    }
                }
                """;
            // The caller's callback may throw too: the memory is permanent loss, so that path counts by default.
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1)
                    .WithArguments("'hglobal'", "memory", "AllocHGlobal", " (when 'result != 0' is true)"),
                Verify.Diagnostic("VFIO001").WithLocation(2).WithLocation(1)
                    .WithArguments("'hglobal'", "memory", "AllocHGlobal", " (if 'call(memory)' throws: it invokes a delegate it was given)"));
        }
    }
}
