using System;
using System.Collections.Generic;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Ready-made pairs, written in the pairs-file syntax itself (see docs/configuration.md), enabled by a
    /// <c>preset NAME</c> line or the <c>vfio_analyzers.presets</c> option. Lines naming members the target
    /// framework lacks are skipped quietly: the preset is ours, not the user's.
    /// </summary>
    public static class PairPresets
    {
        public const string DotNet = "dotnet";

        private const string DotNetText = """
            # ArrayPool<T>: a rented array goes back to its pool.
            acquire array-pool      M:System.Buffers.ArrayPool`1.Rent(System.Int32)  return
            release array-pool      M:System.Buffers.ArrayPool`1.Return(`0[],System.Boolean)  argument array

            # Monitor: every successful Enter/TryEnter is matched by an Exit (the C# lock statement does it).
            acquire monitor-lock    M:System.Threading.Monitor.Enter(System.Object)  argument obj  when always
            acquire monitor-lock    M:System.Threading.Monitor.Enter(System.Object,System.Boolean@)  argument obj  when flag lockTaken
            acquire monitor-lock    M:System.Threading.Monitor.TryEnter(System.Object)  argument obj  when true
            acquire monitor-lock    M:System.Threading.Monitor.TryEnter(System.Object,System.Int32)  argument obj  when true
            acquire monitor-lock    M:System.Threading.Monitor.TryEnter(System.Object,System.TimeSpan)  argument obj  when true
            acquire monitor-lock    M:System.Threading.Monitor.TryEnter(System.Object,System.Boolean@)  argument obj  when flag lockTaken
            acquire monitor-lock    M:System.Threading.Monitor.TryEnter(System.Object,System.Int32,System.Boolean@)  argument obj  when flag lockTaken
            acquire monitor-lock    M:System.Threading.Monitor.TryEnter(System.Object,System.TimeSpan,System.Boolean@)  argument obj  when flag lockTaken
            release monitor-lock    M:System.Threading.Monitor.Exit(System.Object)  argument obj

            # SemaphoreSlim: a wait that reports success (bool, or Task<bool> awaited) is matched by a Release.
            # The void Wait()/WaitAsync() overloads are left out: semaphores double as signals between threads.
            acquire semaphore       M:System.Threading.SemaphoreSlim.Wait(System.Int32)  receiver  when true
            acquire semaphore       M:System.Threading.SemaphoreSlim.Wait(System.TimeSpan)  receiver  when true
            acquire semaphore       M:System.Threading.SemaphoreSlim.Wait(System.Int32,System.Threading.CancellationToken)  receiver  when true
            acquire semaphore       M:System.Threading.SemaphoreSlim.Wait(System.TimeSpan,System.Threading.CancellationToken)  receiver  when true
            acquire semaphore       M:System.Threading.SemaphoreSlim.WaitAsync(System.Int32)  receiver  when true
            acquire semaphore       M:System.Threading.SemaphoreSlim.WaitAsync(System.TimeSpan)  receiver  when true
            acquire semaphore       M:System.Threading.SemaphoreSlim.WaitAsync(System.Int32,System.Threading.CancellationToken)  receiver  when true
            acquire semaphore       M:System.Threading.SemaphoreSlim.WaitAsync(System.TimeSpan,System.Threading.CancellationToken)  receiver  when true
            release semaphore       M:System.Threading.SemaphoreSlim.Release  receiver
            release semaphore       M:System.Threading.SemaphoreSlim.Release(System.Int32)  receiver

            # GCHandle: an allocated handle is freed.
            acquire gc-handle       M:System.Runtime.InteropServices.GCHandle.Alloc(System.Object)  return  when always
            acquire gc-handle       M:System.Runtime.InteropServices.GCHandle.Alloc(System.Object,System.Runtime.InteropServices.GCHandleType)  return  when always
            release gc-handle       M:System.Runtime.InteropServices.GCHandle.Free  receiver

            # Marshal.AllocHGlobal: unmanaged memory is freed with FreeHGlobal.
            acquire hglobal         M:System.Runtime.InteropServices.Marshal.AllocHGlobal(System.Int32)  return  when always
            acquire hglobal         M:System.Runtime.InteropServices.Marshal.AllocHGlobal(System.IntPtr)  return  when always
            release hglobal         M:System.Runtime.InteropServices.Marshal.FreeHGlobal(System.IntPtr)  argument hglobal

            # SafeHandle: DangerousAddRef raises the handle's count when its flag comes back true.
            acquire safe-handle-ref M:System.Runtime.InteropServices.SafeHandle.DangerousAddRef(System.Boolean@)  receiver  when flag success
            release safe-handle-ref M:System.Runtime.InteropServices.SafeHandle.DangerousRelease  receiver
            """;

        /// <summary>The names a <c>preset</c> line or the option accepts.</summary>
        public static IReadOnlyCollection<string> Names { get; } = new[] { DotNet };

        /// <summary>The preset's declarations, or null for an unknown name (names are case-insensitive).</summary>
        public static string? Text(string name) =>
            string.Equals(name, DotNet, StringComparison.OrdinalIgnoreCase) ? DotNetText : null;
    }
}
