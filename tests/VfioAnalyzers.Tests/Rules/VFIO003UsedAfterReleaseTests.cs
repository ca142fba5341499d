using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Rules
{
    /// <summary>VFIO003: a released reference is used again, reported at the use.</summary>
    public class VFIO003UsedAfterReleaseTests
    {
        [Fact]
        public Task PropertyAccessAfterPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        core.PutExternalUser(g);
                        return {|#0:g|}.Id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO003").WithLocation(0).WithArguments("'vfio-group'", "g", ""));
        }

        [Fact]
        public Task ArgumentAfterPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        core.PutExternalUser(g);
                        return core.ExternalUserIommuId({|#0:g|});
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO003").WithLocation(0).WithArguments("'vfio-group'", "g", ""));
        }

        [Fact]
        public Task ReturnedAfterPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    VfioGroup Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        core.PutExternalUser(g);
                        return {|#0:g|};
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO003").WithLocation(0).WithArguments("'vfio-group'", "g", ""));
        }

        [Fact]
        public Task UseThroughAliasAfterPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        var g2 = g;
                        core.PutExternalUser(g);
                        return {|#0:g2|}.Id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO003").WithLocation(0).WithArguments("'vfio-group'", "g", ""));
        }

        [Fact]
        public Task UseAfterPutOnOnePath()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, bool fail)
                    {
                        var g = core.GetExternalUser(file);
                        if (fail)
                            core.PutExternalUser(g);
                        int id = core.ExternalUserIommuId({|#0:g|});
                        if (!fail)
                            core.PutExternalUser(g);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO003").WithLocation(0).WithArguments("'vfio-group'", "g", ""));
        }

        [Fact]
        public Task Clean_UseBeforePut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        int id = core.ExternalUserIommuId(g);
                        int direct = g.Id;
                        core.PutExternalUser(g);
                        return id + direct;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_VariableReassignedAfterPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        core.PutExternalUser(g);
                        g = core.GetExternalUser(file);
                        int id = g.Id;
                        core.PutExternalUser(g);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_PutOnErrorPathThenReturn()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        if (core.ExternalUserIommuId(g) < 0)
                        {
                            core.PutExternalUser(g);
                            return -1;
                        }
                        int id = g.Id;
                        core.PutExternalUser(g);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task ReturnedFromATryWhoseFinallyReleasesIt()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    VfioGroup Get(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        try { return {|#0:g|}; }
                        finally { core.PutExternalUser(g); }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO003").WithLocation(0).WithArguments("'vfio-group'", "g", ""));
        }
    }
}
