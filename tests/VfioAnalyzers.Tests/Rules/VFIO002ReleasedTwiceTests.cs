using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Rules
{
    /// <summary>VFIO002: the second release of one reference, reported at that release.</summary>
    public class VFIO002ReleasedTwiceTests
    {
        [Fact]
        public Task PutTwice()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        core.PutExternalUser(g);
                        {|#0:core.PutExternalUser(g)|};
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO002").WithLocation(0).WithArguments("'vfio-group'", "g", ""));
        }

        [Fact]
        public Task PutTwice_ViaAlias()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        var g2 = g;
                        core.PutExternalUser(g);
                        {|#0:core.PutExternalUser(g2)|};
                    }
                }
                """;
            // The message names the variable of the second release (issue 12), not the first alias by name order.
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO002").WithLocation(0).WithArguments("'vfio-group'", "g2", ""));
        }

        [Fact]
        public Task PutInCatchAndFinally()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        try
                        {
                            core.ExternalUserIommuId(g);
                        }
                        catch (VfioException)
                        {
                            core.PutExternalUser(g);
                        }
                        finally
                        {
                            {|#0:core.PutExternalUser(g)|};
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO002").WithLocation(0).WithArguments("'vfio-group'", "g", ""));
        }

        [Fact]
        public Task PutOnErrorPathThenAgainAtCommonExit()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool fail)
                    {
                        var g = core.GetExternalUser(file);
                        if (fail)
                            core.PutExternalUser(g);
                        {|#0:core.PutExternalUser(g)|};
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO002").WithLocation(0).WithArguments("'vfio-group'", "g", ""));
        }

        [Fact]
        public Task PutInLoopBodyOfOneAcquire()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, int n)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        for (int i = 0; i < n; i++)
                        {
                            {|#0:core.PutExternalUser(g)|};
                        }
                    {|#2:}|}
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO002").WithLocation(0).WithArguments("'vfio-group'", "g", ""),
                Verify.Diagnostic("VFIO001").WithLocation(2).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'i < n' is false)"));
        }

        [Fact]
        public Task PutTwice_ThroughHelperThatAlwaysPuts()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Drop(VfioCore core, VfioGroup group) => core.PutExternalUser(group);

                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        Drop(core, g);
                        {|#0:core.PutExternalUser(g)|};
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO002").WithLocation(0).WithArguments("'vfio-group'", "g", ""));
        }

        [Fact]
        public Task Clean_PutInEitherBranch()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool fail)
                    {
                        var g = core.GetExternalUser(file);
                        if (fail)
                        {
                            core.PutExternalUser(g);
                            return;
                        }
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_PutInCatchWithReturnAndAfterTry()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        try
                        {
                            core.ExternalUserIommuId(g);
                        }
                        catch (VfioException)
                        {
                            core.PutExternalUser(g);
                            return;
                        }
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_TwoAcquiresTwoPuts()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        var h = core.GetExternalUser(file);
                        core.PutExternalUser(g);
                        core.PutExternalUser(h);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_ReacquireAfterPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        core.PutExternalUser(g);
                        g = core.GetExternalUser(file);
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_LoopAcquiresAndPutsEachIteration()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, int n)
                    {
                        for (int i = 0; i < n; i++)
                        {
                            var g = core.GetExternalUser(file);
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }
    }
}
