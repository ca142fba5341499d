using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Rules
{
    /// <summary>VFIO005: an acquired reference that is never stored, reported at the acquiring call.</summary>
    public class VFIO005DiscardedTests
    {
        [Fact]
        public Task ExpressionStatement()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        {|#0:core.GetExternalUser(file)|};
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "GetExternalUser"));
        }

        [Fact]
        public Task DiscardAssignment()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioDevice device)
                    {
                        _ = {|#0:core.GetExternalUserFromDev(device)|};
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "GetExternalUserFromDev"));
        }

        [Fact]
        public Task OutDiscard()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    bool Probe(VfioCore core, VfioGroupFile file)
                    {
                        return {|#0:core.TryGetExternalUser(file, out _, out _)|};
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "TryGetExternalUser"));
        }

        [Fact]
        public Task OutDiscard_InCondition()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Probe(VfioCore core, VfioDevice device)
                    {
                        if ({|#0:core.TryGetExternalUserFromDev(device, out _, out var error)|})
                            return 0;
                        return (int)error;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "TryGetExternalUserFromDev"));
        }

        [Fact]
        public Task InsideLoop()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile[] files)
                    {
                        foreach (var f in files)
                            {|#0:core.GetExternalUser(f)|};
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "GetExternalUser"));
        }

        [Fact]
        public Task PassedStraightToAMemberThatOnlyBorrowsIt()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Id(VfioCore core, VfioGroupFile file) => core.ExternalUserIommuId({|#0:core.GetExternalUser(file)|});
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "GetExternalUser"));
        }

        [Fact]
        public Task Clean_PassedStraightToAHelperThatStoresIt()
        {
            const string source = """
                using System.Collections.Generic;
                using Vfio;

                class Driver
                {
                    private readonly List<VfioGroup> _held = new();

                    void Open(VfioCore core, VfioGroupFile file) => Keep(core.GetExternalUser(file));

                    void Keep(VfioGroup group) => _held.Add(group);

                    void Close(VfioCore core)
                    {
                        foreach (var group in _held) core.PutExternalUser(group);
                        _held.Clear();
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_ResultStored()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_ResultPassedStraightToPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        core.PutExternalUser(core.GetExternalUser(file));
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_ErrorOutDiscardedGroupKept()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        if (!core.TryGetExternalUser(file, out var g, out _))
                            return;
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }
    }
}
