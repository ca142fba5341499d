using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Pairs
{
    /// <summary>SafeHandle.DangerousAddRef/DangerousRelease and SemaphoreSlim.Wait/Release from the dotnet preset.</summary>
    public class DotNetPresetHandleTests
    {
        [Fact]
        public Task DangerousAddRef_SuccessFlagInFinally_IsClean()
        {
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                static class Interop
                {
                    public static int Call(SafeHandle handle, Func<IntPtr, int> native)
                    {
                        bool success = false;
                        try
                        {
                            handle.DangerousAddRef(ref success);
                            return native(handle.DangerousGetHandle());
                        }
                        finally
                        {
                            if (success)
                                handle.DangerousRelease();
                        }
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task DangerousAddRef_ReleaseMissedOnError()
        {
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                static class Interop
                {
                    public static int Call(SafeHandle handle, Func<IntPtr, int> native)
                    {
                        bool success = false;
                        {|#1:handle.DangerousAddRef(ref success)|};
                        int result = {|#2:native(handle.DangerousGetHandle())|};
                        if (result < 0)
                            {|#0:return result;|}
                        if (success)
                            handle.DangerousRelease();
                        return result;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1)
                    .WithArguments("'safe-handle-ref'", "handle", "DangerousAddRef", " (when 'result < 0' is true)"),
                Verify.Diagnostic("VFIO001").WithLocation(2).WithLocation(1)
                    .WithArguments("'safe-handle-ref'", "handle", "DangerousAddRef", " (if 'native(handle.DangerousGetHandle())' throws: it invokes a delegate it was given)"));
        }

        [Fact]
        public Task SemaphoreWait_CheckedAndReleasedInFinally_IsClean()
        {
            const string source = """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class Throttle
                {
                    private readonly SemaphoreSlim _slots = new SemaphoreSlim(4);

                    public bool TryRun(Action work)
                    {
                        if (!_slots.Wait(TimeSpan.FromSeconds(1)))
                            return false;
                        try
                        {
                            work();
                            return true;
                        }
                        finally
                        {
                            _slots.Release();
                        }
                    }

                    public async Task<bool> TryRunAsync(Func<Task> work, CancellationToken cancellationToken)
                    {
                        if (!await _slots.WaitAsync(1000, cancellationToken))
                            return false;
                        try
                        {
                            await work();
                            return true;
                        }
                        finally
                        {
                            _slots.Release();
                        }
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task SemaphoreWait_NotReleasedWhenWorkFails()
        {
            const string source = """
                using System;
                using System.Threading;

                class Throttle
                {
                    private readonly SemaphoreSlim _slots = new SemaphoreSlim(4);

                    public bool TryRun(Func<bool> work)
                    {
                        if ({|#1:_slots.Wait(100)|})
                        {
                            if (!{|#2:work()|})
                                {|#0:return false;|}
                            _slots.Release();
                            return true;
                        }
                        return false;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1)
                    .WithArguments("'semaphore'", "_slots", "Wait", " (when '!work()' is true)"),
                Verify.Diagnostic("VFIO001").WithLocation(2).WithLocation(1)
                    .WithArguments("'semaphore'", "_slots", "Wait", " (when '_slots.Wait(100)' is true, if 'work()' throws: it invokes a delegate it was given)"));
        }

        [Fact]
        public Task SemaphoreRelease_AfterFailedWait_IsNotHeld()
        {
            const string source = """
                using System.Threading;

                class Throttle
                {
                    private readonly SemaphoreSlim _slots = new SemaphoreSlim(4);

                    public void Run()
                    {
                        bool entered = _slots.Wait(100);
                        if (!entered)
                        {
                            {|#0:_slots.Release()|};
                            return;
                        }
                        _slots.Release();
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO004").WithLocation(0).WithArguments("'semaphore'", "_slots", "the acquire failed"));
        }
    }
}
