using System.Threading.Tasks;
using VfioAnalyzers.Tests.Pairs;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.DeclareInferredContractCodeFixProvider>;
using VerifyAnalyzer = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Ownership
{
    /// <summary>VFIO009: a public wrapper whose contract is only inferred, and the fix that declares it.</summary>
    public class InferredContractNoteTests
    {
        private const string DotNetPreset = "vfio_analyzers.presets = dotnet\n";

        [Fact]
        public Task PublicFactory_GetsItsReturnAnnotation()
        {
            const string source = """
                using System.Buffers;

                public static class Scratch
                {
                    public static byte[] {|#0:Rent|}(int size) => ArrayPool<byte>.Shared.Rent(size);
                }
                """;
            const string fixedSource = """
                using System.Buffers;
                using Vfio.Annotations;

                public static class Scratch
                {
                    [return: Acquires("array-pool")]
                    public static byte[] Rent(int size) => ArrayPool<byte>.Shared.Rent(size);
                }
                """;
            return Verify.VerifyCodeFixAsync(source, DotNetPreset,
                new[] { Verify.Diagnostic("VFIO009").WithLocation(0).WithArguments("Rent", "returns a 'array-pool' reference it acquired", "[return: Acquires(\"array-pool\")]") },
                fixedSource);
        }

        [Fact]
        public Task PublicParameterWrapper_GetsItsParameterAnnotation()
        {
            const string source = """
                using System.Threading;

                public static class Locks
                {
                    public static bool TryLock(object {|#0:gate|}) => Monitor.TryEnter(gate);
                }
                """;
            const string fixedSource = """
                using System.Threading;
                using Vfio.Annotations;

                public static class Locks
                {
                    public static bool TryLock([Acquires("monitor-lock")] object gate) => Monitor.TryEnter(gate);
                }
                """;
            return Verify.VerifyCodeFixAsync(source, DotNetPreset,
                new[] { Verify.Diagnostic("VFIO009").WithLocation(0).WithArguments("TryLock", "returns holding the 'monitor-lock' reference it acquired on 'gate' when it returns true", "[Acquires(\"monitor-lock\")] on 'gate'") },
                fixedSource);
        }

        [Fact]
        public Task PublicReceiverWrapper_IsGivenThePairsFileLines()
        {
            const string source = """
                using System.Threading;

                namespace Contoso
                {
                    public sealed class Gate
                    {
                        private readonly SemaphoreSlim _mutex = new SemaphoreSlim(1, 1);

                        public bool {|#0:TryTake|}() => _mutex.Wait(0);

                        public void {|#1:Release|}() => _mutex.Release();
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                VerifyAnalyzer.Diagnostic("VFIO009").WithLocation(0).WithArguments("TryTake", "returns holding a 'semaphore' reference acquired on this object when it returns true",
                    "'acquire semaphore M:Contoso.Gate.TryTake receiver when true' in vfio_analyzers.pairs.txt"),
                VerifyAnalyzer.Diagnostic("VFIO009").WithLocation(1).WithArguments("Release", "gives back the 'semaphore' reference this object holds",
                    "'release semaphore M:Contoso.Gate.Release receiver' in vfio_analyzers.pairs.txt"));
        }

        [Fact]
        public Task AsyncBoolWrapper_IsGivenThePairsFileLine_TheAttributeWouldSayAlways()
        {
            const string source = """
                using System.Threading;
                using System.Threading.Tasks;

                namespace Contoso
                {
                    public static class Gates
                    {
                        public static async Task<bool> TryEnterAsync(SemaphoreSlim {|#0:gate|}) => await gate.WaitAsync(0);
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                VerifyAnalyzer.Diagnostic("VFIO009").WithLocation(0).WithArguments("TryEnterAsync", "returns holding the 'semaphore' reference it acquired on 'gate' when it returns true",
                    "'acquire semaphore M:Contoso.Gates.TryEnterAsync(System.Threading.SemaphoreSlim) argument gate when true' in vfio_analyzers.pairs.txt"));
        }

        [Fact]
        public Task InternalOrAnnotatedWrappers_AreNotReported()
        {
            const string source = """
                using System.Buffers;
                using Vfio.Annotations;

                internal static class Internal
                {
                    public static byte[] Rent(int size) => ArrayPool<byte>.Shared.Rent(size);
                }

                public static class Declared
                {
                    [return: Acquires("array-pool")]
                    public static byte[] Rent(int size) => ArrayPool<byte>.Shared.Rent(size);

                    public static int Use(int size)
                    {
                        var buffer = ArrayPool<byte>.Shared.Rent(size);
                        try
                        {
                            return buffer.Length;
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
    }
}
