using System.Threading.Tasks;
using VfioAnalyzers.Tests.Pairs;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Cost
{
    /// <summary>
    /// End to end, with the dotnet preset: calls named like the preset's members on a type of the project's own are
    /// not contract calls, and a leak next to them, or spelled through a derived type or a `using static` import, is
    /// still reported (issue 16: the pre-filter never skips a body that calls a contract member).
    /// </summary>
    public class LookAlikeNameTests
    {
        private const string Stash = """
            sealed class Stash
            {
                public byte[] Rent(int size) => new byte[size];
                public void Return(byte[] array) { }
                public bool Wait(int timeout) => timeout > 0;
                public void Release() { }
            }
            """;

        [Fact]
        public Task LookAlikeCalls_AreNotContractCalls()
        {
            const string source = """
                class Driver
                {
                    private readonly Stash _stash = new Stash();

                    public int Use(int size, bool fail)
                    {
                        var buffer = _stash.Rent(size);
                        if (fail)
                            return -1;
                        if (!_stash.Wait(10))
                            return -2;
                        _stash.Release();
                        return buffer.Length;
                    }
                }
                """ + Stash;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task RealRent_NextToLookAlikes_LeakIsReported()
        {
            const string source = """
                using System.Buffers;

                class Driver
                {
                    private readonly Stash _stash = new Stash();

                    public int Use(int size, bool fail)
                    {
                        var own = _stash.Rent(size);
                        var buffer = {|#1:ArrayPool<byte>.Shared.Rent(size)|};
                        _stash.Return(own);
                        if (fail)
                            {|#0:return -1;|}
                        ArrayPool<byte>.Shared.Return(buffer);
                        return 0;
                    }
                }
                """ + Stash;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'array-pool'", "buffer", "Rent", " (when 'fail' is true)"));
        }

        [Fact]
        public Task WrapperOfRealRent_NextToWrapperOfLookAlike_LeakIsReported()
        {
            // Both methods look like wrappers: each returns what a call named Rent returned. The wrapper search judges
            // both calls first and keeps its verdicts for the bodies; only the real pool's wrapper acquires.
            const string source = """
                using System.Buffers;

                class Lending
                {
                    private readonly ArrayPool<byte> _pool = ArrayPool<byte>.Shared;
                    private readonly Stash _stash = new Stash();

                    public byte[] Borrow(int size) => _stash.Rent(size);
                    public byte[] Lease(int size) => _pool.Rent(size);
                    public void Give(byte[] array) => _pool.Return(array);

                    public int Use(int size, bool fail)
                    {
                        var mine = Borrow(size);
                        var leased = {|#1:Lease(size)|};
                        if (fail)
                            {|#0:return -1;|}
                        Give(leased);
                        return mine.Length;
                    }
                }
                """ + Stash;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'array-pool'", "leased", "Lease", " (when 'fail' is true)"));
        }

        [Fact]
        public Task WrapperNamedLikeACommonMethod_NextToIntParse_LeakIsReported()
        {
            // The wrapper's name is int's too: the body's mentions of it are judged by their receivers, and the one
            // that reaches the wrapper lets the body through.
            const string source = """
                using System.Buffers;

                class Leases
                {
                    private readonly ArrayPool<byte> _pool = ArrayPool<byte>.Shared;

                    public byte[] Parse(int size) => _pool.Rent(size);
                    public void Give(byte[] array) => _pool.Return(array);
                }

                class Driver
                {
                    private readonly Leases _leases = new Leases();

                    public int Use(string text, bool fail)
                    {
                        int size = int.Parse(text);
                        var leased = {|#1:_leases.Parse(size)|};
                        if (fail)
                            {|#0:return -1;|}
                        _leases.Give(leased);
                        return size;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'array-pool'", "leased", "Parse", " (when 'fail' is true)"));
        }

        [Fact]
        public Task PoolHeldByAGenericBox_LeakIsReported()
        {
            // The box's member is typed by its type parameter: what it holds is the argument written at the use.
            const string source = """
                using System.Buffers;

                class Box<T>
                {
                    public T Item = default!;
                }

                class Driver
                {
                    public static int Use(Box<ArrayPool<byte>> box, int size, bool fail)
                    {
                        var buffer = {|#1:box.Item.Rent(size)|};
                        if (fail)
                            {|#0:return -1;|}
                        box.Item.Return(buffer);
                        return 0;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'array-pool'", "buffer", "Rent", " (when 'fail' is true)"));
        }

        [Fact]
        public Task CallNameWithAnEscape_LeakIsReported()
        {
            // The text scan never sees `Enter` here: the file may hide a name, so its bodies are read as syntax.
            const string source = """
                using System.Threading;

                class Locks
                {
                    public static int Use(object gate, bool fail)
                    {
                        {|#1:Monitor.\u0045nter(gate)|};
                        if (fail)
                            {|#0:return -1;|}
                        Monitor.Exit(gate);
                        return 0;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'monitor-lock'", "gate", "Enter", " (when 'fail' is true)"));
        }

        [Fact]
        public Task WrapperWhoseCallHasAnEscape_LeakThroughItIsReported()
        {
            // The wrapper's text never spells `Rent`: the text check that spares the bodies of methods named like
            // contract members must still infer this one's contract.
            const string source = """
                using System.Buffers;

                class Buffers
                {
                    static byte[] Take(int size) => ArrayPool<byte>.Shared.R\u0065nt(size);

                    public static int Use(int size, bool fail)
                    {
                        var first = ArrayPool<byte>.Shared.Rent(size);
                        ArrayPool<byte>.Shared.Return(first);
                        var buffer = {|#1:Take(size)|};
                        if (fail)
                            {|#0:return -1;|}
                        ArrayPool<byte>.Shared.Return(buffer);
                        return 0;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'array-pool'", "buffer", "Take", " (when 'fail' is true)"));
        }

        [Fact]
        public Task UsingStaticImport_LeakIsReported()
        {
            const string source = """
                using System;
                using static System.Runtime.InteropServices.Marshal;

                class Native
                {
                    public static int Copy(int size, bool fail)
                    {
                        IntPtr block = {|#1:AllocHGlobal(size)|};
                        if (fail)
                            {|#0:return -1;|}
                        FreeHGlobal(block);
                        return 0;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'hglobal'", "block", "AllocHGlobal", " (when 'fail' is true)"));
        }

        [Fact]
        public Task DerivedSemaphore_LeakIsReported()
        {
            const string source = """
                using System.Threading;

                sealed class Gate : SemaphoreSlim
                {
                    public Gate() : base(1) { }
                }

                class Driver
                {
                    public static int Use(Gate gate, bool fail)
                    {
                        if (!{|#1:gate.Wait(100)|})
                            return -1;
                        if (fail)
                            {|#0:return -2;|}
                        gate.Release();
                        return 0;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'semaphore'", "gate", "Wait", " (when 'fail' is true)"));
        }
    }
}
