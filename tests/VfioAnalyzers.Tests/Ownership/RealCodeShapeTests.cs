using System.Threading.Tasks;
using VfioAnalyzers.Tests.Pairs;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Ownership
{
    /// <summary>
    /// Shapes from public projects that were reported falsely (docs/real-world.md), each with its leaking twin:
    /// an awaited ConfigureAwait, grow-and-swap through a ref parameter, releases after unmodelled waits, and a catch
    /// that cannot be reached after the release.
    /// </summary>
    public class RealCodeShapeTests
    {
        [Fact]
        public Task WaitAsyncWithConfigureAwait_TheAwaitedResultDecides()
        {
            const string source = """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                sealed class Feedback
                {
                    private readonly SemaphoreSlim _feedback = new SemaphoreSlim(1);
                    private readonly SemaphoreSlim _setup = new SemaphoreSlim(1);

                    public async Task SendAsync(bool wait, CancellationToken ct)
                    {
                        var taken = wait
                            ? await _feedback.WaitAsync(Timeout.Infinite, ct).ConfigureAwait(false)
                            : await _feedback.WaitAsync(TimeSpan.Zero, ct).ConfigureAwait(false);
                        if (!taken)
                            return;
                        try
                        {
                            await Task.Delay(1, ct).ConfigureAwait(false);
                        }
                        finally
                        {
                            _feedback.Release();
                        }
                    }

                    public async Task BootstrapAsync(bool async, TimeSpan timeout, CancellationToken ct)
                    {
                        var hasSemaphore = async
                            ? await _setup.WaitAsync(timeout, ct).ConfigureAwait(false)
                            : _setup.Wait(timeout, ct);
                        if (!hasSemaphore)
                            throw new TimeoutException();
                        try
                        {
                            await Task.Delay(1, ct).ConfigureAwait(false);
                        }
                        finally
                        {
                            _setup.Release();
                        }
                    }

                    public async Task SendLeakyAsync(bool skip, CancellationToken ct)
                    {
                        var taken = await {|#1:_feedback.WaitAsync(100, ct)|}.ConfigureAwait(false);
                        if (!taken)
                            return;
                        if (skip)
                            {|#0:return;|}
                        _feedback.Release();
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'semaphore'", "_feedback", "WaitAsync", " (when 'skip' is true)"));
        }

        [Fact]
        public Task GrowAndSwapThroughARefParameter_IsClean_UseOfTheOldArrayIsNot()
        {
            const string source = """
                using System;
                using System.Buffers;

                static class Reader
                {
                    public static Span<byte> Gather(ReadOnlySpan<byte> current, ref byte[] pooled, int count)
                    {
                        Span<byte> target = pooled;
                        int offset = 0;
                        for (int i = 0; i < count; i++)
                        {
                            if (current.TryCopyTo(target.Slice(offset)))
                            {
                                offset += current.Length;
                            }
                            else
                            {
                                var bigger = ArrayPool<byte>.Shared.Rent(offset + current.Length);
                                target.Slice(0, offset).CopyTo(bigger);
                                ArrayPool<byte>.Shared.Return(pooled);
                                target = pooled = bigger;
                                current.CopyTo(target.Slice(offset));
                            }
                        }

                        return target.Slice(0, offset);
                    }

                    public static void Grow(ref byte[] pooled, int size)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(size);
                        pooled.AsSpan().CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(pooled);
                        pooled = bigger;
                        pooled[0] = 1;
                    }

                    public static void GrowWrong(ref byte[] pooled, int size)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(size);
                        ArrayPool<byte>.Shared.Return(pooled);
                        bigger[0] = {|#0:pooled|}[0];
                        pooled = bigger;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO003").WithLocation(0).WithArguments("'array-pool'", "pooled", string.Empty));
        }

        [Fact]
        public Task ReleaseAfterAnUnmodelledWait_IsNotJudged_AfterAFailedWaitItIs()
        {
            const string source = """
                using System.Threading;

                sealed class Pump
                {
                    private readonly SemaphoreSlim _semaphore = new SemaphoreSlim(1);

                    public void Run()
                    {
                        if (!_semaphore.Wait(0))
                            _semaphore.Wait();
                        try
                        {
                            Step();
                        }
                        finally
                        {
                            _semaphore.Release();
                        }
                    }

                    public void RunWrong()
                    {
                        if (!_semaphore.Wait(0))
                            _skipped++;
                        {|#0:_semaphore.Release()|};
                    }

                    private int _skipped;

                    private static void Step() { }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO004").WithLocation(0).WithArguments("'semaphore'", "_semaphore", "the acquire failed"));
        }

        [Fact]
        public Task CatchAfterATryThatFreedAndReturned_IsNotReachedAfterTheFree()
        {
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                static class Interop
                {
                    public static int Call(int size, Func<IntPtr, int> native)
                    {
                        IntPtr p = Marshal.AllocHGlobal(size);
                        try
                        {
                            int rc = native(p);
                            Marshal.FreeHGlobal(p);
                            return rc;
                        }
                        catch
                        {
                            Marshal.FreeHGlobal(p);
                            throw;
                        }
                    }

                    public static int CallForgetful(int size, Func<IntPtr, int> native)
                    {
                        IntPtr p = {|#1:Marshal.AllocHGlobal(size)|};
                        try
                        {
                            int rc = native(p);
                            Marshal.FreeHGlobal(p);
                            return rc;
                        }
                        catch (InvalidOperationException)
                        {
                            {|#0:throw;|}
                        }
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'hglobal'", "p", "AllocHGlobal", string.Empty));
        }
    }
}
