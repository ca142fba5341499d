using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.GuardReleaseNotHeldCodeFixProvider>;

namespace VfioAnalyzers.Tests.CodeFixes
{
    /// <summary>VFIO004 on a release that other paths reach holding the reference: it stays, under a null test.</summary>
    public class GuardReleaseNotHeldTests
    {
        [Fact]
        public Task CleanupLabelReachedBeforeAndAfterTheAcquire_PutUnderANullTest()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Open(VfioCore core, VfioDevice device, bool busy)
                    {
                        VfioGroup? g = null;
                        int ret = 0;
                        if (busy) { ret = -16; goto cleanup; }
                        g = core.GetExternalUserFromDev(device);
                        if (g.Id < 0) { ret = -22; goto cleanup; }
                        ret = g.Id;
                    cleanup:
                        {|#0:core.PutExternalUser(g!)|};
                        return ret;
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    int Open(VfioCore core, VfioDevice device, bool busy)
                    {
                        VfioGroup? g = null;
                        int ret = 0;
                        if (busy) { ret = -16; goto cleanup; }
                        g = core.GetExternalUserFromDev(device);
                        if (g.Id < 0) { ret = -22; goto cleanup; }
                        ret = g.Id;
                    cleanup:
                        if (g != null)
                            core.PutExternalUser(g);
                        return ret;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO004").WithLocation(0).WithArguments("'vfio-group'", "g", "it is null") },
                fixedSource);
        }

        [Fact]
        public Task TryResultNeverTested_NullableCode_PutUnderANullTest()
        {
            const string source = """
                #nullable enable
                using Vfio;

                class Driver
                {
                    bool Use(VfioCore core, VfioGroupFile file)
                    {
                        bool ok = core.TryGetExternalUser(file, out var g, out _);
                        {|#0:core.PutExternalUser(g!)|};
                        return ok;
                    }
                }
                """;
            const string fixedSource = """
                #nullable enable
                using Vfio;

                class Driver
                {
                    bool Use(VfioCore core, VfioGroupFile file)
                    {
                        bool ok = core.TryGetExternalUser(file, out var g, out _);
                        if (g != null)
                            core.PutExternalUser(g);
                        return ok;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO004").WithLocation(0).WithArguments("'vfio-group'", "g", "if 'TryGetExternalUser' failed; its result is not checked, so the reference may not be held") },
                fixedSource);
        }

        [Fact]
        public Task NoPathHoldsTheReference_NotGuarded()
        {
            // Nothing to keep: the removal fix applies.
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        if (!core.TryGetExternalUser(file, out var g, out _))
                        {
                            {|#0:core.PutExternalUser(g!)|};
                            return -1;
                        }
                        core.PutExternalUser(g);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO004").WithLocation(0).WithArguments("'vfio-group'", "g", "the acquire failed") },
                source);
        }
    }
}
