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

        [Fact]
        public Task VFIO006_OverwriteInAWhileCondition_PutAtTheEndOfEachPass()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        int n = 0;
                        VfioGroup? g = null;
                        while (({|#0:g = {|#1:core.GetExternalUser(file)|}|}) != null)
                        {
                            n += core.ExternalUserIommuId(g);
                        }
                        return n;
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        int n = 0;
                        VfioGroup? g = null;
                        while ((g = core.GetExternalUser(file)) != null)
                        {
                            n += core.ExternalUserIommuId(g);
                            core.PutExternalUser(g);
                        }
                        return n;
                    }
                }
                """;
            return VerifyOverwrite.VerifyCodeFixAsync(source,
                new[] { VerifyOverwrite.Diagnostic("VFIO006").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser") },
                fixedSource);
        }

        [Fact]
        public Task VFIO006_OverwriteInAWhileCondition_NoFixWhereItCannotBeRightOnEveryPath()
        {
            // 'continue' goes back to the condition without the end of the body: a put there misses those passes.
            // 'g' declared without a value: the first pass overwrites what the analyzer cannot tell from a handed-on
            // reference ('other'), so no path-safe put is known.
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        int n = 0;
                        VfioGroup? g = null;
                        while (({|#0:g = {|#1:core.GetExternalUser(file)|}|}) != null)
                        {
                            if (g.Id < 0)
                                continue;
                            n += g.Id;
                        }
                        return n;
                    }

                    int Use2(VfioCore core, VfioGroupFile file)
                    {
                        int n = 0;
                        VfioGroup? g;
                        while (({|#2:g = {|#3:core.GetExternalUser(file)|}|}) != null)
                        {
                            n += g.Id;
                        }
                        return n;
                    }
                }
                """;
            return VerifyOverwrite.VerifyCodeFixAsync(source,
                new[]
                {
                    VerifyOverwrite.Diagnostic("VFIO006").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser"),
                    VerifyOverwrite.Diagnostic("VFIO006").WithLocation(2).WithLocation(3).WithArguments("'vfio-group'", "g", "GetExternalUser"),
                },
                source);
        }

        [Fact]
        public Task VFIO005_TryMethodsOutDiscard_KeptInAnOutVariable_PutUnderANullTest()
        {
            // The discarded reference is the out argument, not the bool: the bool is no group to put.
            const string source = """
                using Vfio;

                class Driver
                {
                    void Probe(VfioCore core, VfioGroupFile file)
                    {
                        {|#0:core.TryGetExternalUser(file, out _, out _)|};
                        file.Close();
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Probe(VfioCore core, VfioGroupFile file)
                    {
                        core.TryGetExternalUser(file, out var group, out _);
                        file.Close();
                        if (group != null)
                            core.PutExternalUser(group);
                    }
                }
                """;
            return VerifyDiscard.VerifyCodeFixAsync(source,
                new[] { VerifyDiscard.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "TryGetExternalUser") },
                fixedSource);
        }

        [Fact]
        public Task VFIO005_TryMethodsResultReturned_ValueComputedThenPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    bool IsBusy(VfioCore core, VfioGroupFile file)
                    {
                        return {|#0:core.TryGetExternalUser(file, out _, out var error)|} || error == Errno.EBUSY;
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    bool IsBusy(VfioCore core, VfioGroupFile file)
                    {
                        var result = core.TryGetExternalUser(file, out var group, out var error) || error == Errno.EBUSY;
                        if (group != null)
                            core.PutExternalUser(group);
                        return result;
                    }
                }
                """;
            return VerifyDiscard.VerifyCodeFixAsync(source,
                new[] { VerifyDiscard.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "TryGetExternalUser") },
                fixedSource);
        }

        [Fact]
        public Task VFIO005_DiscardAssignment_BecomesTheDeclaration()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Validate(VfioCore core, VfioGroupFile file)
                    {
                        _ = {|#0:core.GetExternalUser(file)|};
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Validate(VfioCore core, VfioGroupFile file)
                    {
                        var group = core.GetExternalUser(file);
                        core.PutExternalUser(group);
                    }
                }
                """;
            return VerifyDiscard.VerifyCodeFixAsync(source,
                new[] { VerifyDiscard.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "GetExternalUser") },
                fixedSource);
        }

        [Fact]
        public Task VFIO005_EmbeddedStatement_BecomesABlock()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Validate(VfioCore core, VfioGroupFile file, bool strict)
                    {
                        if (strict)
                            {|#0:core.GetExternalUser(file)|};
                        file.Close();
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Validate(VfioCore core, VfioGroupFile file, bool strict)
                    {
                        if (strict)
                        {
                            var group = core.GetExternalUser(file);
                            core.PutExternalUser(group);
                        }
                        file.Close();
                    }
                }
                """;
            return VerifyDiscard.VerifyCodeFixAsync(source,
                new[] { VerifyDiscard.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "GetExternalUser") },
                fixedSource);
        }

        [Fact]
        public Task VFIO005_ExpressionBodiedMethod_BecomesABlock()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Validate(VfioCore core, VfioGroupFile file) => {|#0:core.GetExternalUser(file)|};
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Validate(VfioCore core, VfioGroupFile file)
                    {
                        var group = core.GetExternalUser(file);
                        core.PutExternalUser(group);
                    }
                }
                """;
            return VerifyDiscard.VerifyCodeFixAsync(source,
                new[] { VerifyDiscard.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "GetExternalUser") },
                fixedSource);
        }

        [Fact]
        public Task VFIO005_ContinueLeavesTheLoopBody_PutBeforeIt()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void ValidateAll(VfioCore core, VfioGroupFile[] files, bool quick)
                    {
                        foreach (var file in files)
                        {
                            {|#0:core.GetExternalUser(file)|};
                            if (quick)
                                continue;
                            file.Close();
                        }
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void ValidateAll(VfioCore core, VfioGroupFile[] files, bool quick)
                    {
                        foreach (var file in files)
                        {
                            var group = core.GetExternalUser(file);
                            if (quick)
                            {
                                core.PutExternalUser(group);
                                continue;
                            }
                            file.Close();
                            core.PutExternalUser(group);
                        }
                    }
                }
                """;
            return VerifyDiscard.VerifyCodeFixAsync(source,
                new[] { VerifyDiscard.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "GetExternalUser") },
                fixedSource);
        }

        [Fact]
        public Task VFIO005_InASwitchSection_PutBeforeTheBreak()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Check(VfioCore core, VfioGroupFile file, int mode)
                    {
                        switch (mode)
                        {
                            case 1:
                                {|#0:core.GetExternalUser(file)|};
                                break;
                        }
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Check(VfioCore core, VfioGroupFile file, int mode)
                    {
                        switch (mode)
                        {
                            case 1:
                                var group = core.GetExternalUser(file);
                                core.PutExternalUser(group);
                                break;
                        }
                    }
                }
                """;
            return VerifyDiscard.VerifyCodeFixAsync(source,
                new[] { VerifyDiscard.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "GetExternalUser") },
                fixedSource);
        }

        [Fact]
        public Task VFIO005_AcquireOnlyWhenAConditionHolds_NoFixOffered()
        {
            // The Try method runs only when 'ready': its out variable would be unassigned where the put goes (CS0165),
            // and a call kept before the statement would acquire when the code did not.
            const string source = """
                using Vfio;

                class Driver
                {
                    bool Ready(VfioCore core, VfioGroupFile file, bool ready)
                    {
                        return ready && {|#0:core.TryGetExternalUser(file, out _, out _)|};
                    }
                }
                """;
            return VerifyDiscard.VerifyCodeFixAsync(source,
                new[] { VerifyDiscard.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "TryGetExternalUser") },
                source);
        }
    }
}
