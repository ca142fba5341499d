using System.Threading.Tasks;
using VfioAnalyzers.Tests.Pairs;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Ownership
{
    /// <summary>
    /// Ownership that outlives the method (docs/ownership.md): an acquire in place on a field, on this or on a
    /// parameter, still held when the method reports success, belongs to the object or the caller. Failure exits
    /// unwind; exits of one class agree.
    /// </summary>
    public class OutlivingOwnerTests
    {
        private const string RuntimePm = """
            namespace Contoso
            {
                using Vfio;
                using Vfio.Annotations;

                public interface IRuntimePm
                {
                    bool TryResume([Acquires("pm")] VfioDevice device);

                    void Suspend([Releases("pm")] VfioDevice device);
                }
            }
            """;

        [Fact]
        public Task AcquireWrappers_ReturnHoldingTheResource_AreClean()
        {
            const string source = """
                using System.Threading;
                using System.Threading.Tasks;

                struct AwaitableMutex
                {
                    private readonly int _timeoutMilliseconds;
                    private readonly SemaphoreSlim _mutex;

                    public AwaitableMutex(int timeoutMilliseconds)
                    {
                        _timeoutMilliseconds = timeoutMilliseconds;
                        _mutex = new(1, 1);
                    }

                    public bool TryTakeInstant() => _mutex.Wait(0);

                    public ValueTask<bool> TryTakeAsync(CancellationToken cancellationToken)
                        => new(_mutex.WaitAsync(_timeoutMilliseconds, cancellationToken));

                    public bool TryTakeSync() => _mutex.Wait(_timeoutMilliseconds);

                    public void Release() => _mutex.Release();
                }

                abstract class Writer
                {
                    protected void TakeLock(ref bool lockTaken)
                    {
                        if (!lockTaken)
                        {
                            Monitor.TryEnter(this, 10_000, ref lockTaken);
                            if (!lockTaken) Throw();
                        }

                        static void Throw() => throw new System.TimeoutException("Unable to acquire writer lock");
                    }

                    protected void ReleaseLock() => Monitor.Exit(this);
                }

                static class Locks
                {
                    // Takes the caller's lock object for it: the caller keeps the lock.
                    public static void Close(object gate) => Monitor.Enter(gate);
                }

                sealed class Gate
                {
                    private readonly object _sync = new object();

                    public void Wait() => Monitor.Enter(_sync);

                    public void Release() => Monitor.Exit(_sync);
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task RaiiGuard_AndRendezvous_AreClean()
        {
            const string source = """
                using System;
                using System.Threading;

                readonly struct LockGuard : IDisposable
                {
                    private readonly object _sync;

                    public LockGuard(object sync)
                    {
                        _sync = sync;
                        Monitor.Enter(_sync);
                    }

                    public void Dispose() => Monitor.Exit(_sync);
                }

                sealed class Rendezvous
                {
                    private readonly SemaphoreSlim _ready = new SemaphoreSlim(0);

                    public bool WaitForPeer(TimeSpan timeout) => _ready.Wait(timeout);

                    public void Signal() => _ready.Release();
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task FieldHeldSemaphore_NeverReleasedAnywhere_IsVFIO007()
        {
            const string source = """
                using System;
                using System.Threading;

                sealed class Turnstile
                {
                    private readonly SemaphoreSlim {|#0:_slots|} = new SemaphoreSlim(4);

                    public bool Enter(TimeSpan timeout) => {|#1:_slots.Wait(timeout)|};
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO007").WithLocation(0).WithLocation(1).WithArguments("'semaphore'", "_slots"));
        }

        [Fact]
        public Task OpenRelease_SuccessKeeps_FailureUnwinds()
        {
            const string source = """
                using Contoso;
                using Vfio;

                sealed class MdevOpen
                {
                    private readonly VfioDevice _device = new VfioDevice();
                    private readonly IRuntimePm _pm;

                    public MdevOpen(IRuntimePm pm) => _pm = pm;

                    public int Open(bool configured)
                    {
                        if (!_pm.TryResume(_device))
                            return -16;
                        if (!configured)
                        {
                            _pm.Suspend(_device);
                            return -22;
                        }

                        return 0;
                    }

                    public int OpenLeaky(bool configured)
                    {
                        if (!{|#1:_pm.TryResume(_device)|})
                            return -16;
                        if (!configured)
                            {|#0:return -22;|}
                        return 0;
                    }

                    public void Release() => _pm.Suspend(_device);
                }
                """;
            return Verify.VerifyAnalyzerAsync(source + RuntimePm,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'pm'", "_device", "TryResume", " (when '!configured' is true)"));
        }

        [Fact]
        public Task ErrnoStatusFromACallee_IsAFailureExit()
        {
            const string source = """
                using Contoso;
                using Vfio;

                sealed class MdevOpen
                {
                    private readonly VfioDevice _device = new VfioDevice();
                    private readonly IRuntimePm _pm;

                    public MdevOpen(IRuntimePm pm) => _pm = pm;

                    public int Open()
                    {
                        if (!{|#1:_pm.TryResume(_device)|})
                            return -16;
                        int ret = Configure();
                        if (ret != 0)
                            {|#0:return ret;|}
                        return 0;
                    }

                    private static int Configure() => System.Environment.TickCount % 2 == 0 ? 0 : -5;

                    public void Release() => _pm.Suspend(_device);
                }
                """;
            return Verify.VerifyAnalyzerAsync(source + RuntimePm,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'pm'", "_device", "TryResume", " (when 'ret != 0' is true)"));
        }

        [Fact]
        public Task BoolWrapper_ReturnsFalseStillHolding_Leaks()
        {
            const string source = """
                using System.Threading;

                sealed class Channel
                {
                    private readonly SemaphoreSlim _sem = new SemaphoreSlim(1);
                    private bool _closed;

                    public bool TryOpen()
                    {
                        if (!{|#1:_sem.Wait(0)|})
                            return false;
                        if (_closed)
                            {|#0:return false;|}
                        return true;
                    }

                    public bool TryOpenChecked()
                    {
                        if (!_sem.Wait(0))
                            return false;
                        if (_closed)
                        {
                            _sem.Release();
                            return false;
                        }

                        return true;
                    }

                    public void Close() => _sem.Release();
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'semaphore'", "_sem", "Wait", " (when '_closed' is true)"));
        }

        [Fact]
        public Task ExitsDisagree_EarlyReturnKeepsTheLockTheNormalPathReleases()
        {
            const string source = """
                using System.Threading;

                sealed class Journal
                {
                    private readonly object _sync = new object();
                    private int _count;

                    public int Flush()
                    {
                        {|#1:Monitor.Enter(_sync)|};
                        if (_count == 0)
                            {|#0:return 0;|}
                        _count = 0;
                        Monitor.Exit(_sync);
                        return 0;
                    }

                    public void Append()
                    {
                        {|#3:Monitor.Enter(_sync)|};
                        if (_count > 100)
                            {|#2:return;|}
                        _count++;
                        Monitor.Exit(_sync);
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'monitor-lock'", "_sync", "Enter", " (when '_count == 0' is true)"),
                Verify.Diagnostic("VFIO001").WithLocation(2).WithLocation(3).WithArguments("'monitor-lock'", "_sync", "Enter", " (when '_count > 100' is true)"));
        }

        [Fact]
        public Task ThrowAfterTakingTheFieldsLock_Leaks()
        {
            const string source = """
                using System;
                using System.Threading;

                sealed class Gate
                {
                    private readonly object _sync = new object();

                    public void Enter(bool disposed)
                    {
                        {|#1:Monitor.Enter(_sync)|};
                        if (disposed)
                            {|#0:throw new ObjectDisposedException(nameof(Gate));|}
                    }

                    public void Exit() => Monitor.Exit(_sync);
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'monitor-lock'", "_sync", "Enter", " (when 'disposed' is true)"));
        }

        [Fact]
        public Task ByValueAcquiresWrapper_KeepsItsPromise_IsClean_FailureLeaks()
        {
            const string source = """
                using Contoso;
                using Vfio;
                using Vfio.Annotations;

                sealed class Power
                {
                    private readonly IRuntimePm _pm;

                    public Power(IRuntimePm pm) => _pm = pm;

                    public bool TryResume([Acquires("pm")] VfioDevice device) => _pm.TryResume(device);

                    public bool TryResumeNamed([Acquires("pm")] VfioDevice device)
                    {
                        if (!{|#1:_pm.TryResume(device)|})
                            return false;
                        if (device.Name.Length == 0)
                            {|#0:return false;|}
                        return true;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source + RuntimePm,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'pm'", "device", "TryResume", " (when 'device.Name.Length == 0' is true)"));
        }

        [Fact]
        public Task LocalObject_IsNotAnOwner_StillLeaks()
        {
            const string source = """
                using System.Threading;

                sealed class Worker
                {
                    public bool Run(SemaphoreSlim shared)
                    {
                        var local = new SemaphoreSlim(1);
                        if (!{|#1:local.Wait(0)|})
                            return false;
                        {|#0:return true;|}
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'semaphore'", "local", "Wait", " (when '!local.Wait(0)' is false)"));
        }
    }
}
