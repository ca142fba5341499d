using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Pairs
{
    public class DotNetPresetMonitorTests
    {
        [Fact]
        public Task LockStatement_StaysClean()
        {
            const string source = """
                using System.Collections.Generic;

                class Cache
                {
                    private readonly object _gate = new object();
                    private readonly Dictionary<string, int> _items = new();

                    public int Get(string key)
                    {
                        lock (_gate)
                        {
                            if (_items.TryGetValue(key, out int value))
                                return value;
                            _items[key] = key.Length;
                            return key.Length;
                        }
                    }

                    public void Twice()
                    {
                        lock (_gate) { _items.Clear(); }
                        lock (_gate) { _items.Clear(); }
                        lock (this) { _items.Clear(); }
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task EnterWithFlag_TryFinally_IsClean()
        {
            const string source = """
                using System.Threading;

                class Counter
                {
                    private readonly object _gate = new object();
                    private int _count;

                    public void Increment()
                    {
                        bool lockTaken = false;
                        try
                        {
                            Monitor.Enter(_gate, ref lockTaken);
                            _count++;
                        }
                        finally
                        {
                            if (lockTaken)
                                Monitor.Exit(_gate);
                        }
                    }

                    public void Loop(int n)
                    {
                        for (int i = 0; i < n; i++)
                        {
                            Monitor.Enter(_gate);
                            try { _count++; }
                            finally { Monitor.Exit(_gate); }
                        }
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task Enter_ExitMissedOnEarlyReturn()
        {
            const string source = """
                using System.Threading;

                class Counter
                {
                    private readonly object _gate = new object();
                    private int _count;

                    public bool Add(int n)
                    {
                        {|#1:Monitor.Enter(_gate)|};
                        if (n < 0)
                            {|#0:return false;|}
                        _count += n;
                        Monitor.Exit(_gate);
                        return true;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1)
                    .WithArguments("'monitor-lock'", "_gate", "Enter", " (when 'n < 0' is true)"));
        }

        [Fact]
        public Task TryEnter_Checked_IsClean_Unchecked_Leaks()
        {
            const string source = """
                using System.Threading;

                class Worker
                {
                    private readonly object _gate = new object();

                    public bool TryWork()
                    {
                        if (!Monitor.TryEnter(_gate, 100))
                            return false;
                        try { return true; }
                        finally { Monitor.Exit(_gate); }
                    }

                    public void Work(bool stop)
                    {
                        if ({|#1:Monitor.TryEnter(_gate)|})
                        {
                            if (stop)
                                {|#0:return;|}
                            Monitor.Exit(_gate);
                        }
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1)
                    .WithArguments("'monitor-lock'", "_gate", "TryEnter", " (when 'stop' is true)"));
        }

        [Fact]
        public Task ExitInEveryBranch_IsClean()
        {
            const string source = """
                using System.Threading;

                class Queue
                {
                    private readonly object _gate = new object();
                    private int _length;

                    public int Take()
                    {
                        Monitor.Enter(_gate);
                        if (_length == 0)
                        {
                            Monitor.Exit(_gate);
                            return -1;
                        }
                        else if (_length > 100)
                        {
                            _length = 0;
                            Monitor.Exit(_gate);
                            return 100;
                        }
                        int taken = _length--;
                        Monitor.Exit(_gate);
                        return taken;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task ExitTwice_IsReleasedTwice()
        {
            const string source = """
                using System.Threading;

                class Queue
                {
                    private readonly object _gate = new object();

                    public void Drain(bool flush)
                    {
                        Monitor.Enter(_gate);
                        Monitor.Exit(_gate);
                        if (flush)
                            {|#0:Monitor.Exit(_gate)|};
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO002").WithLocation(0).WithArguments("'monitor-lock'", "_gate", ""));
        }

        [Fact]
        public Task WithoutThePreset_NothingIsChecked()
        {
            const string source = """
                using System.Threading;

                class Counter
                {
                    private readonly object _gate = new object();

                    public void Leak() => Monitor.Enter(_gate);
                }
                """;
            return PairsVerifier.VerifyAsync(source, pairsFile: null);
        }
    }
}
