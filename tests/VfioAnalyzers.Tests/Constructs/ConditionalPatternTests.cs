using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Constructs
{
    /// <summary><c>g?.Id is not int id</c>: a pattern on a conditional access is a null test of <c>g</c> (issue 12).</summary>
    public class ConditionalPatternTests
    {
        [Fact]
        public Task NotIntPatternOnConditionalAccess_ThenPut_IsClean()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        core.TryGetExternalUser(file, out var g, out _);
                        if (g?.Id is not int id)
                            return -1;
                        int iommu = core.ExternalUserIommuId(g);
                        core.PutExternalUser(g);
                        return id + iommu;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task IntPatternOnConditionalAccess_PutInside_IsClean()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        core.TryGetExternalUser(file, out var g, out _);
                        if (g?.Id is int id)
                        {
                            core.PutExternalUser(g);
                            return id;
                        }

                        return -1;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task NotIntPatternOnConditionalAccess_LeaksOnOneBranch()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        {|#1:core.TryGetExternalUser(file, out var g, out _)|};
                        if (g?.Id is not int id)
                            return -1;
                        if (id == 0)
                            {|#0:return 0;|}
                        core.PutExternalUser(g);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "TryGetExternalUser", " (when 'id == 0' is true)"));
        }
    }
}
