using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.PutBeforeExitCodeFixProvider>;

namespace VfioAnalyzers.Tests.CodeFixes
{
    public class PutBeforeExitTests
    {
        [Fact]
        public Task ReviewedBug_PreReviewGetExternalUserFromDev_GetsTheReviewedShape()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    VfioGroup? GetExternalUserFromDev(VfioCore core, VfioDevice device)
                    {
                        var group = {|#1:core.GetExternalUserFromDev(device)|};
                        if (group == null)
                            return null;

                        int ret = AddContainerUser(group);
                        if (ret != 0)
                            {|#0:return null;|}

                        return group;
                    }

                    static int AddContainerUser(VfioGroup group) => group.Id > 0 ? 0 : -22;
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    VfioGroup? GetExternalUserFromDev(VfioCore core, VfioDevice device)
                    {
                        var group = core.GetExternalUserFromDev(device);
                        if (group == null)
                            return null;

                        int ret = AddContainerUser(group);
                        if (ret != 0)
                        {
                            core.PutExternalUser(group);
                            return null;
                        }

                        return group;
                    }

                    static int AddContainerUser(VfioGroup group) => group.Id > 0 ? 0 : -22;
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUserFromDev", " (when 'ret != 0' is true)") },
                fixedSource);
        }
    }
}
