using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Rules
{
    /// <summary>VFIO007: a field receives an acquired reference and nothing in the compilation releases it, reported at the field.</summary>
    public class VFIO007FieldNeverReleasedTests
    {
        [Fact]
        public Task FieldAssigned_NeverReleased()
        {
            const string source = """
                using Vfio;

                class MdevDriver
                {
                    private VfioGroup? {|#0:_group|};

                    public void Open(VfioCore core, VfioGroupFile file)
                    {
                        {|#1:_group = core.GetExternalUser(file)|};
                    }

                    public int Id => _group?.Id ?? -1;
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO007").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "_group"));
        }

        [Fact]
        public Task FieldInitializer_NeverReleased()
        {
            const string source = """
                using Vfio;

                class MdevDriver
                {
                    private static readonly VfioCore Core = new VfioCore();

                    private readonly VfioGroup {|#0:_group|} {|#1:= Core.GetExternalUser(new VfioGroupFile())|};

                    public int Id => _group.Id;
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO007").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "_group"));
        }

        [Fact]
        public Task FieldAssignedFromLocal_NeverReleased()
        {
            const string source = """
                using Vfio;

                class MdevDriver
                {
                    private VfioGroup? {|#0:_group|};

                    public void Open(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        {|#1:_group = g|};
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO007").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "_group"));
        }

        [Fact]
        public Task FieldReleasedOnlyInAnotherType_StillReported()
        {
            const string source = """
                using Vfio;

                class MdevDriver
                {
                    internal VfioGroup? {|#0:_group|};
                    internal VfioGroup? _other;

                    public void Open(VfioCore core, VfioGroupFile file)
                    {
                        {|#1:_group = core.GetExternalUser(file)|};
                        _other = core.GetExternalUser(file);
                    }

                    public void Release(VfioCore core)
                    {
                        if (_other != null)
                            core.PutExternalUser(_other);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO007").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "_group"));
        }

        [Fact]
        public Task Clean_ReleasedInReleaseMethod()
        {
            const string source = """
                using Vfio;

                class MdevDriver
                {
                    private VfioCore? _core;
                    private VfioGroup? _group;

                    public void Open(VfioCore core, VfioGroupFile file)
                    {
                        _core = core;
                        _group = core.GetExternalUser(file);
                    }

                    public void Release()
                    {
                        if (_group != null)
                        {
                            _core!.PutExternalUser(_group);
                            _group = null;
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_ReleasedInDisposeThroughLocal()
        {
            const string source = """
                using Vfio;

                class MdevDriver : System.IDisposable
                {
                    private readonly VfioCore _core;
                    private VfioGroup? _group;

                    public MdevDriver(VfioCore core, VfioGroupFile file)
                    {
                        _core = core;
                        _group = core.GetExternalUser(file);
                    }

                    public void Dispose()
                    {
                        var g = _group;
                        _group = null;
                        if (g != null)
                            _core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_ReleasedThroughInterlockedExchange()
        {
            const string source = """
                using Vfio;

                class MdevDriver
                {
                    private VfioGroup? _group;

                    public void Open(VfioCore core, VfioGroupFile file)
                    {
                        _group = core.GetExternalUser(file);
                    }

                    public void Close(VfioCore core)
                    {
                        var g = System.Threading.Interlocked.Exchange(ref _group, null);
                        if (g != null)
                            core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_ReleasedUnconditionallyThroughLocal()
        {
            const string source = """
                using Vfio;

                class MdevDriver
                {
                    private VfioGroup _g = null!;

                    public void Open(VfioCore core, VfioGroupFile file)
                    {
                        _g = core.GetExternalUser(file);
                    }

                    public void Close(VfioCore core)
                    {
                        var g = _g;
                        _g = null!;
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_FieldReleasedThroughAHelper()
        {
            const string source = """
                using Vfio;

                class Holder
                {
                    private readonly VfioCore _core = new VfioCore();
                    private VfioGroup? _group;

                    public void Open(VfioGroupFile file) { _group = _core.GetExternalUser(file); }

                    public void Close()
                    {
                        if (_group != null) Drop(_group);
                        _group = null;
                    }

                    private void Drop(VfioGroup g) => _core.PutExternalUser(g);
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        // The body that swaps the field is analysed; it hands the old value, through a local, to a helper. Whether the
        // helper releases it is asked only when the compilation ends, for a field that would otherwise be reported.
        [Fact]
        public Task Clean_FieldCopyGivenToAReleasingHelper()
        {
            const string source = """
                using Vfio;

                class Holder
                {
                    private readonly VfioCore _core = new VfioCore();
                    private VfioGroup? _group;

                    public void Swap(VfioGroupFile file)
                    {
                        var old = _group;
                        _group = _core.GetExternalUser(file);
                        if (old != null) Drop(old);
                    }

                    private void Drop(VfioGroup g) => _core.PutExternalUser(g);
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task FieldCopyGivenToAHelperThatOnlyReadsIt_NeverReleased()
        {
            const string source = """
                using Vfio;

                class Holder
                {
                    private readonly VfioCore _core = new VfioCore();
                    private VfioGroup? {|#0:_group|};

                    public void Swap(VfioGroupFile file)
                    {
                        var old = _group;
                        {|#1:_group = _core.GetExternalUser(file)|};
                        if (old != null) Log(old);
                    }

                    private void Log(VfioGroup g) => System.Console.WriteLine(g.Id);
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO007").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "_group"));
        }
    }
}
