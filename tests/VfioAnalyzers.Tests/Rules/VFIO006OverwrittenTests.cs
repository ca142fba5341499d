using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Rules
{
    /// <summary>VFIO006: a variable holding an unreleased reference is overwritten, reported at the assignment.</summary>
    public class VFIO006OverwrittenTests
    {
        [Fact]
        public Task ReassignedWhileHolding()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile f1, VfioGroupFile f2)
                    {
                        var g = {|#1:core.GetExternalUser(f1)|};
                        {|#0:g = core.GetExternalUser(f2)|};
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO006").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser"));
        }

        [Fact]
        public Task ReassignedToNullWhileHolding()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        VfioGroup? g = {|#1:core.GetExternalUser(file)|};
                        core.ExternalUserIommuId(g);
                        {|#0:g = null|};
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO006").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser"));
        }

        [Fact]
        public Task LoopReacquireIntoOuterVariable()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile[] files)
                    {
                        VfioGroup? g = null;
                        foreach (var f in files)
                        {
                            {|#0:g = {|#1:core.GetExternalUser(f)|}|};
                        }
                        if (g != null)
                            core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO006").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser"));
        }

        [Fact]
        public Task ReassignedOnOnePath()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile f1, VfioGroupFile f2, bool swap)
                    {
                        var g = {|#1:core.GetExternalUser(f1)|};
                        if (swap)
                            {|#0:g = core.GetExternalUser(f2)|};
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO006").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser"));
        }

        [Fact]
        public Task Clean_PutBeforeReassign()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile f1, VfioGroupFile f2)
                    {
                        var g = core.GetExternalUser(f1);
                        core.PutExternalUser(g);
                        g = core.GetExternalUser(f2);
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_AliasKeepsTheReference()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile f1, VfioGroupFile f2)
                    {
                        var g = core.GetExternalUser(f1);
                        var keep = g;
                        g = core.GetExternalUser(f2);
                        core.PutExternalUser(keep);
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_LoopPutsBeforeNextAcquire()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile[] files)
                    {
                        VfioGroup? g = null;
                        foreach (var f in files)
                        {
                            if (g != null)
                                core.PutExternalUser(g);
                            g = core.GetExternalUser(f);
                        }
                        if (g != null)
                            core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }
    }
}
