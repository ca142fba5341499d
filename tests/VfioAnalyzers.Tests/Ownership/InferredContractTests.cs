using System.Threading.Tasks;
using VfioAnalyzers.Tests.Pairs;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Ownership
{
    /// <summary>
    /// Inferred contracts for source wrappers (docs/ownership.md): a member that returns holding what it acquired,
    /// or always gives back what this holds, is checked at its callers as if it were annotated.
    /// </summary>
    public class InferredContractTests
    {
        private const string Mutex = """

            namespace Helpers
            {
                using System.Threading;
                using System.Threading.Tasks;

                sealed class Mutex2
                {
                    private readonly SemaphoreSlim _mutex = new SemaphoreSlim(1, 1);

                    public bool TryTake() => _mutex.Wait(0);

                    public ValueTask<bool> TryTakeAsync(CancellationToken cancellationToken) => new(_mutex.WaitAsync(100, cancellationToken));

                    public void Give() => _mutex.Release();
                }
            }
            """;

        [Fact]
        public Task CallerOfAnInferredWrapper_LeaksOnTheEarlyReturn()
        {
            const string source = """
                using System.Threading.Tasks;
                using Helpers;

                class Worker
                {
                    public int Run(bool busy)
                    {
                        var m = new Mutex2();
                        if ({|#1:m.TryTake()|})
                        {
                            if (busy)
                                {|#0:return 1;|}
                            m.Give();
                        }

                        return 0;
                    }

                    public async Task<int> RunAsync(System.Threading.CancellationToken ct)
                    {
                        var m = new Mutex2();
                        if (!await m.TryTakeAsync(ct))
                            return -1;
                        try
                        {
                            await Task.Delay(1, ct);
                            return 0;
                        }
                        finally
                        {
                            m.Give();
                        }
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source + Mutex, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'semaphore'", "m", "TryTake", " (when 'busy' is true)"));
        }

        [Fact]
        public Task CallerOfAnInferredWrapper_CallingNothingElse_IsStillAnalysed()
        {
            const string source = """
                using Helpers;

                class Worker
                {
                    public void Probe()
                    {
                        var m = new Mutex2();
                        if ({|#1:m.TryTake()|})
                        {
                            System.Console.WriteLine("taken");
                            {|#0:return;|}
                        }
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source + Mutex, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'semaphore'", "m", "TryTake", " (when 'm.TryTake()' is true)"));
        }

        [Fact]
        public Task InferredFactory_ItsResultMustBeGivenBack()
        {
            const string source = """
                using System.Buffers;

                static class Scratch
                {
                    public static byte[] Rent(int size) => ArrayPool<byte>.Shared.Rent(size);

                    public static int Fill(int size, bool fail)
                    {
                        var buffer = {|#1:Rent(size)|};
                        if (fail)
                            {|#0:return -1;|}
                        ArrayPool<byte>.Shared.Return(buffer);
                        return 0;
                    }

                    public static int FillChecked(int size)
                    {
                        var buffer = Rent(size);
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
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'array-pool'", "buffer", "Rent", " (when 'fail' is true)"));
        }

        [Fact]
        public Task AnnotatedMembers_KeepTheirAnnotations()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                sealed class Groups
                {
                    private readonly VfioCore _core = new VfioCore();

                    // Declared: the caller gets a 'vfio-group' reference, whatever the body looks like.
                    [return: Acquires("vfio-group")]
                    public VfioGroup Open(VfioGroupFile file) => _core.GetExternalUser(file);

                    // Not annotated: inferred from the body.
                    public VfioGroup OpenInferred(VfioGroupFile file) => _core.GetExternalUser(file);

                    public void Use(VfioGroupFile file, bool fail)
                    {
                        var a = {|#1:Open(file)|};
                        var b = {|#3:OpenInferred(file)|};
                        if (fail)
                            {|#0:{|#2:return;|}|}
                        _core.PutExternalUser(a);
                        _core.PutExternalUser(b);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "a", "Open", " (when 'fail' is true)"),
                Verify.Diagnostic("VFIO001").WithLocation(2).WithLocation(3).WithArguments("'vfio-group'", "b", "OpenInferred", " (when 'fail' is true)"));
        }
    }
}
