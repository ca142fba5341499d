using System.Threading.Tasks;
using VfioAnalyzers.Tests.Pairs;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Ownership
{
    /// <summary>
    /// Correlated conditions (docs/ownership.md): the acquire and the release guarded by the same null test of
    /// another variable, or by the same read of a property or parameterless call, agree.
    /// </summary>
    public class CorrelationTests
    {
        // The 'native' delegates stand for native calls that report failure by value: the paths these tests are about
        // are the explicit ones (exception paths: ExceptionPaths/).
        private const string ExplicitExitsOnly = "vfio_analyzers.exception_paths = none\n";

        [Fact]
        public Task PinGuardedByTheKeyNullTest_FreedUnderTheSameTest_IsClean()
        {
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                static class Hasher
                {
                    public static int Hash(byte[]? key, Func<IntPtr, int> native)
                    {
                        GCHandle pinned = default;
                        if (key != null)
                            pinned = GCHandle.Alloc(key, GCHandleType.Pinned);
                        try
                        {
                            return native(key != null ? pinned.AddrOfPinnedObject() : IntPtr.Zero);
                        }
                        finally
                        {
                            if (key != null)
                                pinned.Free();
                        }
                    }

                    public static int HashUnguarded(byte[]? key, bool release, Func<IntPtr, int> native)
                    {
                        GCHandle pinned = default;
                        if (key != null)
                            pinned = {|#1:GCHandle.Alloc(key, GCHandleType.Pinned)|};
                        int result = native(IntPtr.Zero);
                        if (key != null && release)
                            pinned.Free();
                        {|#0:return result;|}
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset, ExplicitExitsOnly,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'gc-handle'", "pinned", "Alloc", " (when 'release' is false)"));
        }

        [Fact]
        public Task PinGuardedByARepeatedGetter_IsClean_ADifferentGetterLeaks()
        {
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                sealed class Parameter
                {
                    private byte[]? _bytes;
                    private byte[]? _other;

                    private byte[]? GetValueBytes() => _bytes;

                    public byte[]? Other => _other;

                    public int Bind(Func<IntPtr, int> native)
                    {
                        GCHandle handle = default;
                        if (GetValueBytes() != null)
                            handle = GCHandle.Alloc(GetValueBytes(), GCHandleType.Pinned);
                        int rc = native(IntPtr.Zero);
                        if (GetValueBytes() != null)
                            handle.Free();
                        return rc;
                    }

                    public int BindMismatched(Func<IntPtr, int> native)
                    {
                        GCHandle handle = default;
                        if (GetValueBytes() != null)
                            handle = {|#1:GCHandle.Alloc(GetValueBytes(), GCHandleType.Pinned)|};
                        int rc = native(IntPtr.Zero);
                        if (Other != null)
                            {|#2:handle.Free()|};
                        {|#0:return rc;|}
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset, ExplicitExitsOnly,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'gc-handle'", "handle", "Alloc", " (when 'Other != null' is false)"),
                Verify.Diagnostic("VFIO004").WithLocation(2).WithArguments("'gc-handle'", "handle", "it is null"));
        }

        [Fact]
        public Task ZeroPointerMeansNothingHeld_FreedWhenNotZero_IsClean()
        {
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                static class Marshaller
                {
                    public static int Send(int size, Func<IntPtr, int> native)
                    {
                        IntPtr p = IntPtr.Zero;
                        try
                        {
                            p = Marshal.AllocHGlobal(size);
                            int rc = native(p);
                            if (rc < 0)
                                return rc;
                            return 0;
                        }
                        finally
                        {
                            if (p != IntPtr.Zero)
                                Marshal.FreeHGlobal(p);
                        }
                    }

                    public static int SendDefault(int size, Func<IntPtr, int> native)
                    {
                        IntPtr p = default;
                        try
                        {
                            p = Marshal.AllocHGlobal(size);
                            return native(p);
                        }
                        finally
                        {
                            if (p != default)
                                Marshal.FreeHGlobal(p);
                        }
                    }

                    public static int SendWrongTest(int size, bool done, Func<IntPtr, int> native)
                    {
                        IntPtr p = IntPtr.Zero;
                        p = {|#1:Marshal.AllocHGlobal(size)|};
                        int rc = native(p);
                        if (p != IntPtr.Zero && done)
                            Marshal.FreeHGlobal(p);
                        {|#0:return rc;|}
                    }

                    public static void FreeNothing()
                    {
                        IntPtr p = IntPtr.Zero;
                        {|#2:Marshal.FreeHGlobal(p)|};
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset, ExplicitExitsOnly,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'hglobal'", "p", "AllocHGlobal", " (when 'done' is false)"),
                Verify.Diagnostic("VFIO004").WithLocation(2).WithArguments("'hglobal'", "p", "it is null"));
        }

        [Fact]
        public Task IsAllocated_GuardsTheFree_IsClean()
        {
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                static class Pinner
                {
                    public static int Run(byte[]? data, Func<IntPtr, int> native)
                    {
                        GCHandle h = default;
                        try
                        {
                            if (data != null)
                                h = GCHandle.Alloc(data, GCHandleType.Pinned);
                            return native(h.IsAllocated ? h.AddrOfPinnedObject() : IntPtr.Zero);
                        }
                        finally
                        {
                            if (h.IsAllocated)
                                h.Free();
                        }
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }
    }
}
