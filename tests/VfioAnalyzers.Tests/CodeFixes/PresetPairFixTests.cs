using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.PutBeforeExitCodeFixProvider>;

namespace VfioAnalyzers.Tests.CodeFixes
{
    /// <summary>Put before exit for pairs of the <c>dotnet</c> preset: release on the reference, on the same receiver, on a static type.</summary>
    public class PresetPairFixTests
    {
        private const string DotNetPreset = "vfio_analyzers.presets = dotnet\n";

        [Fact]
        public Task GCHandleAlloc_FreedOnTheHandle()
        {
            const string source = """
                using System.Runtime.InteropServices;

                static class Pinning
                {
                    public static int Pin(byte[] data, bool dryRun)
                    {
                        var handle = {|#1:GCHandle.Alloc(data, GCHandleType.Pinned)|};
                        if (dryRun)
                            {|#0:return 0;|}
                        int address = (int)handle.AddrOfPinnedObject();
                        handle.Free();
                        return address;
                    }
                }
                """;
            const string fixedSource = """
                using System.Runtime.InteropServices;

                static class Pinning
                {
                    public static int Pin(byte[] data, bool dryRun)
                    {
                        var handle = GCHandle.Alloc(data, GCHandleType.Pinned);
                        if (dryRun)
                        {
                            handle.Free();
                            return 0;
                        }
                        int address = (int)handle.AddrOfPinnedObject();
                        handle.Free();
                        return address;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, DotNetPreset,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'gc-handle'", "handle", "Alloc", " (when 'dryRun' is true)") },
                fixedSource);
        }

        [Fact]
        public Task ArrayPoolRent_ReturnedToTheSameSharedPool()
        {
            const string source = """
                using System.Buffers;
                using System.IO;

                static class Copier
                {
                    public static int CopyOnce(Stream from, Stream to)
                    {
                        byte[] buffer = {|#1:ArrayPool<byte>.Shared.Rent(4096)|};
                        int read = from.Read(buffer, 0, buffer.Length);
                        if (read == 0)
                            {|#0:return 0;|}
                        to.Write(buffer, 0, read);
                        ArrayPool<byte>.Shared.Return(buffer);
                        return read;
                    }
                }
                """;
            const string fixedSource = """
                using System.Buffers;
                using System.IO;

                static class Copier
                {
                    public static int CopyOnce(Stream from, Stream to)
                    {
                        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
                        int read = from.Read(buffer, 0, buffer.Length);
                        if (read == 0)
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                            return 0;
                        }
                        to.Write(buffer, 0, read);
                        ArrayPool<byte>.Shared.Return(buffer);
                        return read;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, DotNetPreset,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'array-pool'", "buffer", "Rent", " (when 'read == 0' is true)") },
                fixedSource);
        }

        [Fact]
        public Task AllocHGlobalFullyQualified_FreeHGlobalShortWithItsUsingAdded()
        {
            const string source = """
                using System;

                static class Native
                {
                    public static IntPtr Scratch(int size, bool probe)
                    {
                        IntPtr memory = {|#1:System.Runtime.InteropServices.Marshal.AllocHGlobal(size)|};
                        if (probe)
                            {|#0:return IntPtr.Zero;|}
                        return memory;
                    }
                }
                """;
            const string fixedSource = """
                using System;
                using System.Runtime.InteropServices;

                static class Native
                {
                    public static IntPtr Scratch(int size, bool probe)
                    {
                        IntPtr memory = System.Runtime.InteropServices.Marshal.AllocHGlobal(size);
                        if (probe)
                        {
                            Marshal.FreeHGlobal(memory);
                            return IntPtr.Zero;
                        }
                        return memory;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, DotNetPreset,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'hglobal'", "memory", "AllocHGlobal", " (when 'probe' is true)") },
                fixedSource);
        }
    }
}
