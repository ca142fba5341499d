using System.Threading.Tasks;
using Xunit;
using VerifyDiscard = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.KeepDiscardedReferenceCodeFixProvider>;
using VerifyOverwrite = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.ReleaseBeforeOverwriteCodeFixProvider>;

namespace VfioAnalyzers.Tests.CodeFixes
{
    public class KeepAndOverwriteTests
    {
        [Fact]
        public Task VFIO005_DiscardedCall_KeptInAFreshLocal_PutAtEachEndOfScope()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Pin(VfioCore core, VfioGroupFile file, int group)
                    {
                        {|#0:core.GetExternalUser(file)|};
                        if (group < 0)
                            return -1;
                        file.Close();
                        return group;
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    int Pin(VfioCore core, VfioGroupFile file, int group)
                    {
                        var group2 = core.GetExternalUser(file);
                        if (group < 0)
                        {
                            core.PutExternalUser(group2);
                            return -1;
                        }
                        file.Close();
                        core.PutExternalUser(group2);
                        return group;
                    }
                }
                """;
            return VerifyDiscard.VerifyCodeFixAsync(source,
                new[] { VerifyDiscard.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "GetExternalUser") },
                fixedSource);
        }

        [Fact]
        public Task VFIO006_OldReferencePutBeforeTheAssignment()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile first, VfioGroupFile second)
                    {
                        var group = {|#1:core.GetExternalUser(first)|};
                        int id = core.ExternalUserIommuId(group);
                        {|#0:group = core.GetExternalUser(second)|};
                        id += core.ExternalUserIommuId(group);
                        core.PutExternalUser(group);
                        return id;
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile first, VfioGroupFile second)
                    {
                        var group = core.GetExternalUser(first);
                        int id = core.ExternalUserIommuId(group);
                        core.PutExternalUser(group);
                        group = core.GetExternalUser(second);
                        id += core.ExternalUserIommuId(group);
                        core.PutExternalUser(group);
                        return id;
                    }
                }
                """;
            return VerifyOverwrite.VerifyCodeFixAsync(source,
                new[] { VerifyOverwrite.Diagnostic("VFIO006").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser") },
                fixedSource);
        }

        [Fact]
        public Task VFIO006_OtherPathOverwritesNull_PutUnderANullTest()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile first, VfioGroupFile second, bool both)
                    {
                        VfioGroup? g = both ? {|#1:core.GetExternalUser(first)|} : null;
                        {|#0:g = core.GetExternalUser(second)|};
                        int id = core.ExternalUserIommuId(g);
                        core.PutExternalUser(g);
                        return id;
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile first, VfioGroupFile second, bool both)
                    {
                        VfioGroup? g = both ? core.GetExternalUser(first) : null;
                        if (g != null)
                            core.PutExternalUser(g);
                        g = core.GetExternalUser(second);
                        int id = core.ExternalUserIommuId(g);
                        core.PutExternalUser(g);
                        return id;
                    }
                }
                """;
            return VerifyOverwrite.VerifyCodeFixAsync(source,
                new[] { VerifyOverwrite.Diagnostic("VFIO006").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser") },
                fixedSource);
        }

        [Fact]
        public Task VFIO006_LoopWhoseOtherPassesPutTheOldReference_NoFixOffered()
        {
            // An iteration that put the last group also overwrites it: a put there, even under a null test, would be
            // its second.
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
                            if (g.Id > 0)
                                core.PutExternalUser(g);
                        }
                    {|#2:}|}
                }
                """;
            return VerifyOverwrite.VerifyCodeFixAsync(source,
                new[]
                {
                    VerifyOverwrite.Diagnostic("VFIO006").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser"),
                    VerifyOverwrite.Diagnostic("VFIO001").WithLocation(2).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (after the loop over 'files')"),
                },
                source);
        }
    }
}
