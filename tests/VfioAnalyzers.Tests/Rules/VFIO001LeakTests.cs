using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Rules
{
    public class VFIO001LeakTests
    {
        [Fact]
        public Task ReviewedBug_ErrorPathReturnsWithoutPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    VfioGroup? Open(VfioCore core, VfioDevice device, bool containerOk)
                    {
                        var group = {|#1:core.GetExternalUserFromDev(device)|};
                        if (!containerOk)
                            {|#0:return null;|}
                        return group;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1)
                    .WithArguments("'vfio-group'", "group", "GetExternalUserFromDev", " (when '!containerOk' is true)"));
        }

        [Fact]
        public Task ReviewedFix_ErrorPathPutsTheGroup()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    VfioGroup? Open(VfioCore core, VfioDevice device, bool containerOk)
                    {
                        var group = core.GetExternalUserFromDev(device);
                        if (!containerOk)
                        {
                            core.PutExternalUser(group);
                            return null;
                        }
                        return group;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task VoidReturn_FallThroughAndBareReturn()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool early)
                    {
                        var group = {|#1:core.GetExternalUser(file)|};
                        if (early)
                        {
                            {|#0:return;|}
                        }
                        core.ExternalUserIommuId(group);
                    {|#2:}|}
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'early' is true)"),
                Verify.Diagnostic("VFIO001").WithLocation(2).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'early' is false)"));
        }

        [Fact]
        public Task Throw_OnErrorPath()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var group = {|#1:core.GetExternalUser(file)|};
                        int id = core.ExternalUserIommuId(group);
                        if (id < 0)
                            {|#0:throw new VfioException(Errno.EINVAL);|}
                        core.PutExternalUser(group);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'id < 0' is true)"));
        }

        [Fact]
        public Task HeldFlagInFinally_IsClean()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        VfioGroup? g = null;
                        bool held = false;
                        try
                        {
                            g = core.GetExternalUser(file);
                            held = true;
                            return core.ExternalUserIommuId(g);
                        }
                        finally
                        {
                            if (held) core.PutExternalUser(g!);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task TryPattern_PutOnlyWhenAcquired_IsClean()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        if (!core.TryGetExternalUser(file, out var group, out var error))
                            return -(int)error;
                        int id = core.ExternalUserIommuId(group);
                        core.PutExternalUser(group);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task GotoUnwind_KernelStyle_IsClean()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Open(VfioCore core, VfioGroupFile file, bool a, bool b)
                    {
                        int ret = 0;
                        VfioGroup? group = null;
                        group = core.GetExternalUser(file);
                        if (a) { ret = -22; goto out_put; }
                        if (b) { ret = -16; goto out_put; }
                        core.ExternalUserIommuId(group);
                    out_put:
                        core.PutExternalUser(group);
                        return ret;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }
    }
}
