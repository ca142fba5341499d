using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Rules
{
    /// <summary>VFIO001: a path leaves the body with an acquired reference still held; reported at that exit.</summary>
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
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUserFromDev", " (when '!containerOk' is true)"));
        }

        [Fact]
        public Task ReviewedBug_StatusVariable_NamesTheCondition()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int AddContainerUser(VfioGroup group) => group.Id;

                    VfioGroup? Open(VfioCore core, VfioDevice device)
                    {
                        var group = {|#1:core.GetExternalUserFromDev(device)|};
                        int ret = AddContainerUser(group);
                        if (ret != 0)
                            {|#0:return null;|}
                        return group;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUserFromDev", " (when 'ret != 0' is true)"));
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
        public Task IfElse_PutOnlyInThenBranch()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool done)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        if (done)
                        {
                            core.PutExternalUser(g);
                        }
                        else
                        {
                            core.ExternalUserIommuId(g);
                        }
                    {|#0:}|}
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'done' is false)"));
        }

        [Fact]
        public Task IfElseIf_OneArmReturnsWithoutPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, int mode)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        if (mode == 0)
                        {
                            core.PutExternalUser(g);
                            return 0;
                        }
                        else if (mode == 1)
                        {
                            {|#0:return 1;|}
                        }
                        core.PutExternalUser(g);
                        return 2;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'mode == 1' is true)"));
        }

        [Fact]
        public Task SwitchStatement_CaseReturnsWithoutPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, int mode)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        switch (mode)
                        {
                            case 0:
                                core.PutExternalUser(g);
                                return 0;
                            case 1:
                                {|#0:return 1;|}
                            default:
                                core.PutExternalUser(g);
                                return -1;
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'mode is 1' is true)"));
        }

        [Fact]
        public Task SwitchStatement_BreakSkipsPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, int mode)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        switch (mode)
                        {
                            case 0:
                                core.PutExternalUser(g);
                                break;
                            default:
                                core.ExternalUserIommuId(g);
                                break;
                        }
                    {|#0:}|}
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'mode is 0' is false)"));
        }

        [Fact]
        public Task SwitchExpression_ThrowArm()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    long Use(VfioCore core, VfioGroupFile file, int mode)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        long ext = mode switch
                        {
                            0 => core.ExternalCheckExtension(g, 1),
                            1 => core.ExternalCheckExtension(g, 3),
                            _ => {|#0:throw new VfioException(Errno.EINVAL)|},
                        };
                        core.PutExternalUser(g);
                        return ext;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'mode is 1' is false)"));
        }

        [Fact]
        public Task SwitchExpression_ResultDecidesReturn()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, int mode)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        bool ok = mode switch { 0 => true, 1 => true, _ => false };
                        if (!ok)
                            {|#0:return -22;|}
                        core.PutExternalUser(g);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when '!ok' is true)"));
        }

        [Fact]
        public Task For_ContinueLeaksThisIterationsReference()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Scan(VfioCore core, VfioGroupFile[] files)
                    {
                        for (int i = 0; i < files.Length; i++)
                        {
                            var g = {|#1:core.GetExternalUser(files[i])|};
                            if (core.ExternalUserIommuId(g) < 0)
                                {|#0:continue;|}
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'core.ExternalUserIommuId(g) < 0' is true)"));
        }

        [Fact]
        public Task Foreach_BreakLeaks()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Scan(VfioCore core, VfioGroupFile[] files)
                    {
                        foreach (var f in files)
                        {
                            var g = {|#1:core.GetExternalUser(f)|};
                            if (core.ExternalUserIommuId(g) == 0)
                                {|#0:break;|}
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'core.ExternalUserIommuId(g) == 0' is true)"));
        }

        [Fact]
        public Task While_FallThroughLeaksAtLoopBodyBrace()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Scan(VfioCore core, VfioGroupFile file, System.Func<bool> more)
                    {
                        while (more())
                        {
                            var g = {|#1:core.GetExternalUser(file)|};
                            core.ExternalUserIommuId(g);
                        {|#0:}|}
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", ""));
        }

        [Fact]
        public Task DoWhile_ContinueLeaks()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Scan(VfioCore core, VfioGroupFile file, System.Func<bool> more, bool skip)
                    {
                        do
                        {
                            var g = {|#1:core.GetExternalUser(file)|};
                            if (skip)
                            {
                                {|#0:continue;|}
                            }
                            core.PutExternalUser(g);
                        }
                        while (more());
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'skip' is true)"));
        }

        [Fact]
        public Task Foreach_FallThroughLeaksAtLoopBodyBrace()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Scan(VfioCore core, VfioGroupFile[] files, bool check)
                    {
                        int sum = 0;
                        foreach (var f in files)
                        {
                            var g = {|#1:core.GetExternalUser(f)|};
                            if (check)
                                core.PutExternalUser(g);
                            sum += f.GetHashCode();
                        {|#0:}|}
                        return sum;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'check' is false)"));
        }

        [Fact]
        public Task Goto_UnwindJumpsPastThePut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Lock() { }
                    void Unlock() { }

                    VfioGroup? Open(VfioCore core, VfioGroupFile file, bool a, bool b)
                    {
                        Lock();
                        var g = {|#1:core.GetExternalUser(file)|};
                        if (a)
                            goto err_put;
                        if (b)
                            goto err_unlock;
                        Unlock();
                        return g;
                    err_put:
                        core.PutExternalUser(g);
                    err_unlock:
                        Unlock();
                        {|#0:return null;|}
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'b' is true)"));
        }

        [Fact]
        public Task Goto_MissingUnwindLabelForLaterAcquire()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Open(VfioCore core, VfioGroupFile f1, VfioGroupFile f2, bool fail)
                    {
                        int ret = 0;
                        var a = core.GetExternalUser(f1);
                        var b = {|#1:core.GetExternalUser(f2)|};
                        if (fail)
                        {
                            ret = -16;
                            goto err_put_a;
                        }
                        core.PutExternalUser(b);
                    err_put_a:
                        core.PutExternalUser(a);
                        {|#0:return ret;|}
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "b", "GetExternalUser", " (when 'fail' is true)"));
        }

        [Fact]
        public Task TryCatch_CatchReturnsWithoutPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        VfioGroup? g = null;
                        try
                        {
                            g = {|#1:core.GetExternalUser(file)|};
                            int id = core.ExternalUserIommuId(g);
                            core.PutExternalUser(g);
                            return id;
                        }
                        catch (VfioException)
                        {
                            {|#0:return -1;|}
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", ""));
        }

        [Fact]
        public Task TryFinally_FinallyDoesNotPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int calls;

                    int Use(VfioCore core, VfioGroupFile file, bool early)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        try
                        {
                            if (early)
                                {|#0:return 0;|}
                        }
                        finally
                        {
                            calls++;
                        }
                        core.PutExternalUser(g);
                        return 1;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'early' is true)"));
        }

        [Fact]
        public Task Rethrow_LeaksTheReference()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        int id;
                        try
                        {
                            id = core.ExternalUserIommuId(g);
                        }
                        catch (VfioException)
                        {
                            {|#0:throw;|}
                        }
                        core.PutExternalUser(g);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", ""));
        }

        [Fact]
        public Task Rethrow_AfterLogging()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int errors;

                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        int id;
                        try
                        {
                            id = core.ExternalUserIommuId(g);
                        }
                        catch (VfioException)
                        {
                            errors++;
                            {|#0:throw;|}
                        }
                        core.PutExternalUser(g);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", ""));
        }

        [Fact]
        public Task Using_ReturnInsideUsingBlock()
        {
            const string source = """
                using System;
                using Vfio;

                sealed class Scope : IDisposable { public void Dispose() { } }

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, bool early)
                    {
                        using (new Scope())
                        {
                            var g = {|#1:core.GetExternalUser(file)|};
                            if (early)
                                {|#0:return -1;|}
                            core.PutExternalUser(g);
                        }
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'early' is true)"));
        }

        [Fact]
        public Task ThrowExpression_CoalesceThrow()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    string? NameOf(VfioGroup g) => null;

                    string Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        var name = NameOf(g) ?? {|#0:throw new VfioException(Errno.ENODEV)|};
                        core.PutExternalUser(g);
                        return name;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'NameOf(g)' is null)"));
        }

        [Fact]
        public Task PatternMatching_PropertyPatternReturns()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        if (g is { Id: < 0 })
                            {|#0:return -1;|}
                        core.PutExternalUser(g);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'g is { Id: < 0 }' is true)"));
        }

        [Fact]
        public Task PatternMatching_DeclarationPatternAlias()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, bool early)
                    {
                        object o = {|#1:core.GetExternalUser(file)|};
                        if (o is VfioGroup group)
                        {
                            if (early)
                                {|#0:return 1;|}
                            core.PutExternalUser(group);
                        }
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'early' is true)"));
        }

        [Fact]
        public Task TryPattern_ResultStoredInLocal_SuccessPathLeaks()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        bool ok = {|#1:core.TryGetExternalUser(file, out var g, out _)|};
                        if (!ok)
                            return;
                        core.ExternalUserIommuId(g!);
                    {|#0:}|}
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "TryGetExternalUser", " (when '!ok' is false)"));
        }

        [Fact]
        public Task TryPattern_UsedDirectly_SuccessArmLeaks()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        if ({|#1:core.TryGetExternalUser(file, out var g, out var error)|})
                        {
                            core.ExternalUserIommuId(g);
                        }
                    {|#0:}|}
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "TryGetExternalUser", " (when 'core.TryGetExternalUser(file, out var g, out var error)' is true)"));
        }

        [Fact]
        public Task OutVariable_AcquiredThroughOutParameter()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Registry
                {
                    public void Lookup(int id, [Acquires("vfio-group")] out VfioGroup group) => throw null!;
                }

                class Driver
                {
                    int Use(VfioCore core, Registry registry, bool early)
                    {
                        {|#1:registry.Lookup(3, out var g)|};
                        if (early)
                            {|#0:return -1;|}
                        core.PutExternalUser(g);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "Lookup", " (when 'early' is true)"));
        }

        [Fact]
        public Task Alias_PutThroughAliasOnOnePathOnly()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, bool early)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        var g2 = g;
                        if (early)
                            {|#0:return -1;|}
                        core.PutExternalUser(g2);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'early' is true)"));
        }

        [Fact]
        public Task NullCheck_NullableAcquire_NonNullPathLeaks()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Registry
                {
                    [Acquires("vfio-group")]
                    public VfioGroup? Find(int id) => null;
                }

                class Driver
                {
                    int Use(Registry registry, int id)
                    {
                        var g = {|#1:registry.Find(id)|};
                        if (g == null)
                            return -19;
                        {|#0:return g.Id;|}
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "Find", " (when 'g == null' is false)"));
        }

        [Fact]
        public Task NullCheck_IsNotNull_Leaks()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Registry
                {
                    [Acquires("vfio-group")]
                    public VfioGroup? Find(int id) => null;
                }

                class Driver
                {
                    int Use(Registry registry, int id)
                    {
                        var g = {|#1:registry.Find(id)|};
                        if (g is not null)
                        {
                            {|#0:return g.Id;|}
                        }
                        return -19;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "Find", " (when 'g is not null' is true)"));
        }

        [Fact]
        public Task NullConditional_DoesNotRelease()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Registry
                {
                    [Acquires("vfio-group")]
                    public VfioGroup? Find(int id) => null;
                }

                class Driver
                {
                    int Use(Registry registry, int id)
                    {
                        var g = {|#1:registry.Find(id)|};
                        var n = g?.Id;
                        {|#0:return 0;|}
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "Find", " (when 'g' is not null)"));
        }

        [Fact]
        public Task LocalFunction_AcquiresIntoCapturedVariable_EnclosingBodyLeaks()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        VfioGroup? g = null;
                        void Open() { g = {|#1:core.GetExternalUser(file)|}; }

                        Open();
                        {|#0:return core.ExternalUserIommuId(g!);|}
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", ""));
        }

        [Fact]
        public Task Lambda_OwnBodyLeaks()
        {
            const string source = """
                using System;
                using Vfio;

                class Driver
                {
                    Func<int> Make(VfioCore core, VfioGroupFile file) => () =>
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        {|#0:return core.ExternalUserIommuId(g);|}
                    };
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", ""));
        }

        [Fact]
        public Task NestedFinallyLoops_AnalysisFinishesAndReportsEachLeak()
        {
            // Found by random bodies: when a block's states outgrew the budget and folded into a duplicate, rerunning
            // every state made the set oscillate until the analysis gave up and reported nothing. A block now runs
            // only the states it has not run.
            const string source = """
                using Vfio;

                class Driver
                {
                    void Probe(VfioCore core, VfioGroupFile file, bool keep)
                    {
                        int n = 0;
                        try
                        {
                            if ({|#5:core.TryGetExternalUser(file, out var held, out _)|})
                            {
                                if (keep)
                                    core.PutExternalUser(held);
                            }
                        }
                        finally
                        {
                            while (n < 2)
                            {
                                n++;
                                while (n < 2)
                                {
                                    n++;
                                    var inner = {|#1:core.GetExternalUser(file)|};
                                {|#0:}|}

                                try
                                {
                                    keep = n > 2;
                                }
                                finally
                                {
                                    var last = {|#3:core.GetExternalUser(file)|};
                                }
                            {|#2:}|}
                        }

                        {|#4:while (n < 1)
                        {
                            n++;
                            while (n < 3)
                            {
                                n++;
                                if (keep)
                                    break;
                            }
                        }|}
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "inner", "GetExternalUser", ""),
                Verify.Diagnostic("VFIO001").WithLocation(2).WithLocation(3).WithArguments("'vfio-group'", "last", "GetExternalUser", ""),
                Verify.Diagnostic("VFIO001").WithLocation(4).WithLocation(5).WithArguments("'vfio-group'", "held", "TryGetExternalUser", " (when 'n < 2' is false)"));
        }

        [Fact]
        public Task NaNComparedToNaN_IsNotEqual()
        {
            // As in C#, NaN != NaN is true: the early return is the path taken.
            const string source = """
                using Vfio;

                class Driver
                {
                    void Probe(VfioCore core, VfioGroupFile file)
                    {
                        var group = {|#1:core.GetExternalUser(file)|};
                        double ratio = double.NaN;
                        if (ratio != double.NaN)
                            {|#0:return;|}
                        core.PutExternalUser(group);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'ratio != double.NaN' is true)"));
        }

        [Fact]
        public Task Lambda_InsideTryWithCatch_OwnBodyLeaks()
        {
            // The lambda's graph sits inside the method's try: its calls must not be taken to reach the method's catch.
            const string source = """
                using System;
                using Vfio;

                class Driver
                {
                    void Run(VfioCore core, VfioGroupFile file, bool fail)
                    {
                        try
                        {
                            Func<int> probe = () =>
                            {
                                var g = {|#1:core.GetExternalUser(file)|};
                                if (fail)
                                    {|#0:return -1;|}
                                int id = core.ExternalUserIommuId(g);
                                core.PutExternalUser(g);
                                return id;
                            };
                            probe();
                        }
                        catch (VfioException)
                        {
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'fail' is true)"));
        }

        [Fact]
        public Task Async_AwaitBetweenAcquireAndPut_EarlyReturnLeaks()
        {
            const string source = """
                using System.Threading.Tasks;
                using Vfio;

                class Driver
                {
                    async Task<int> UseAsync(VfioCore core, VfioGroupFile file)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        int id = await Task.FromResult(core.ExternalUserIommuId(g));
                        if (id < 0)
                            {|#0:return id;|}
                        core.PutExternalUser(g);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'id < 0' is true)"));
        }

        [Fact]
        public Task Iterator_FallThroughAfterYieldLeaks()
        {
            const string source = """
                using System.Collections.Generic;
                using Vfio;

                class Driver
                {
                    IEnumerable<int> Ids(VfioCore core, VfioGroupFile file)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        yield return core.ExternalUserIommuId(g);
                    {|#0:}|}
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", ""));
        }

        [Fact]
        public Task Iterator_YieldBreakLeaks()
        {
            const string source = """
                using System.Collections.Generic;
                using Vfio;

                class Driver
                {
                    IEnumerable<int> Ids(VfioCore core, VfioGroupFile file, bool none)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        if (none)
                            {|#0:yield break;|}
                        yield return core.ExternalUserIommuId(g);
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'none' is true)"));
        }

        [Fact]
        public Task HeldFlag_SetBeforeAcquire_IsNotCorrelated()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, bool early)
                    {
                        bool held = false;
                        var g = {|#1:core.GetExternalUser(file)|};
                        if (early)
                            {|#0:return 0;|}
                        held = true;
                        if (held)
                            core.PutExternalUser(g);
                        return 1;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'early' is true)"));
        }

        [Fact]
        public Task StatusVariable_PutOnlyOnError_SuccessLeaks()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Check(VfioGroup g) => g.Id;

                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        int ret = Check(g);
                        if (ret != 0)
                            core.PutExternalUser(g);
                        {|#0:return ret;|}
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'ret != 0' is false)"));
        }

        [Fact]
        public Task HandOn_HelperOnlyReadsTheParameter()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int last;

                    void Inspect(VfioGroup group) { last = group.Id; }

                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        Inspect(g);
                    {|#0:}|}
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", ""));
        }

        [Fact]
        public Task HandOn_HelperPutsOnOnePathOnly()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void MaybePut(VfioCore core, VfioGroup group, bool now)
                    {
                        if (now)
                            core.PutExternalUser(group);
                    }

                    void Use(VfioCore core, VfioGroupFile file, bool now)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        MaybePut(core, g, now);
                    {|#0:}|}
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", ""));
        }

        [Fact]
        public Task TwoReferences_EachReportedAtItsExit()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile f1, VfioGroupFile f2)
                    {
                        var a = {|#1:core.GetExternalUser(f1)|};
                        var b = {|#2:core.GetExternalUser(f2)|};
                        {|#0:return 0;|}
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "a", "GetExternalUser", ""),
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(2).WithArguments("'vfio-group'", "b", "GetExternalUser", ""));
        }

        [Fact]
        public Task ExceptionPaths_On_ThrowingCallBetweenAcquireAndPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Work() { }

                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        {|#0:Work()|};
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source, "vfio_analyzers.exception_paths = all_calls\n",
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (if 'Work()' throws)"));
        }

        [Fact]
        public Task ExceptionPaths_Precise_OnlyACallThatMayThrowCounts()
        {
            const string source = """
                using System;
                using Vfio;

                class Driver
                {
                    int _count;

                    void Work() => _count++;

                    void Check(int id)
                    {
                        if (id < 0) throw new ArgumentOutOfRangeException(nameof(id));
                    }

                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        Work();
                        {|#0:Check(core.ExternalUserIommuId(g))|};
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source, "vfio_analyzers.exception_paths = precise\n",
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (if 'Check(core.ExternalUserIommuId(g))' throws: it throws 'ArgumentOutOfRangeException')"));
        }

        private const string RuntimeInternals = """
            #nullable enable
            using Vfio.Annotations;

            namespace Vfio.Internal
            {
                public sealed class Device { }
                public sealed class Group { }
                public sealed class GroupException : System.Exception { public GroupException(int errno) { } }

                public partial class Core
                {
                    [Acquires("vfio-group-ref")]
                    internal Group? GroupFromDevice(Device device) => null;

                    internal void GroupPut([Releases("vfio-group-ref")] Group group) { }

                    internal bool AddContainerUser([Acquires("vfio-container-user")] Group group) => true;

                    internal void TryDissolveContainer([Releases("vfio-container-user")] Group group) { }
                }
            }
            """;

        [Fact]
        public Task RuntimeSelfCheck_PreReviewShape_ThrowsWithoutGroupPut()
        {
            const string source = """
                #nullable enable
                namespace Vfio.Internal
                {
                    public partial class Core
                    {
                        internal Group GetExternalUserFromDev(Device device)
                        {
                            Group? group = {|#1:GroupFromDevice(device)|};
                            if (group is null)
                                throw new GroupException(19);
                            if (!AddContainerUser(group))
                                {|#0:throw new GroupException(22);|}
                            return group;
                        }
                    }
                }
                """;
            return VerifyWithRuntimeInternals(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group-ref'", "group", "GroupFromDevice", " (when '!AddContainerUser(group)' is true)"));
        }

        [Fact]
        public Task RuntimeSelfCheck_PreReviewShape_TryReturnsFalseWithoutGroupPut()
        {
            const string source = """
                #nullable enable
                namespace Vfio.Internal
                {
                    public partial class Core
                    {
                        public bool TryGetExternalUserFromDev(Device device, out Group? group, out int error)
                        {
                            group = null;
                            Group? found = {|#1:GroupFromDevice(device)|};
                            if (found is null)
                            {
                                error = 19;
                                return false;
                            }

                            if (!AddContainerUser(found))
                            {
                                error = 22;
                                {|#0:return false;|}
                            }

                            group = found;
                            error = 0;
                            return true;
                        }
                    }
                }
                """;
            return VerifyWithRuntimeInternals(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group-ref'", "found", "GroupFromDevice", " (when '!AddContainerUser(found)' is true)"));
        }

        [Fact]
        public Task RuntimeSelfCheck_ReviewedFix_IsClean()
        {
            const string source = """
                #nullable enable
                namespace Vfio.Internal
                {
                    public partial class Core
                    {
                        internal Group GetExternalUserFromDev(Device device)
                        {
                            Group? group = GroupFromDevice(device);
                            if (group is null)
                                throw new GroupException(19);
                            if (!AddContainerUser(group))
                            {
                                GroupPut(group);
                                throw new GroupException(22);
                            }
                            return group;
                        }

                        public bool TryGetExternalUserFromDev(Device device, out Group? group, out int error)
                        {
                            group = null;
                            Group? found = GroupFromDevice(device);
                            if (found is null)
                            {
                                error = 19;
                                return false;
                            }

                            if (!AddContainerUser(found))
                            {
                                GroupPut(found);
                                error = 22;
                                return false;
                            }

                            group = found;
                            error = 0;
                            return true;
                        }

                        public void PutExternalUser(Group group)
                        {
                            TryDissolveContainer(group);
                            GroupPut(group);
                        }
                    }
                }
                """;
            return VerifyWithRuntimeInternals(source);
        }

        [Fact]
        public Task ExceptionPaths_Default_ThrowingCallIsNotAPath()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Work() { }

                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        Work();
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source, "vfio_analyzers.exception_paths = false\n");
        }

        [Fact]
        public Task ExceptionPaths_On_TryFinallyPut_IsClean()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Work() { }

                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        try
                        {
                            Work();
                            core.ExternalUserIommuId(g);
                        }
                        finally
                        {
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source, "vfio_analyzers.exception_paths = true\n");
        }

        [Fact]
        public Task LargeBody_TwoThousandSequentialIfs_LeakAtTheEnd()
        {
            var body = new System.Text.StringBuilder();
            for (int i = 0; i < 2000; i++)
            {
                body.Append("        if (x == ").Append(i).Append(") n += ").Append(i).Append(";\n");
            }

            string source = "using Vfio;\n\nclass Driver\n{\n    int Use(VfioCore core, VfioGroupFile file, int x, bool early)\n    {\n        int n = 0;\n" +
                "        var g = {|#1:core.GetExternalUser(file)|};\n" + body +
                "        if (early)\n            {|#0:return n;|}\n" + body +
                "        core.PutExternalUser(g);\n        return n;\n    }\n}\n";
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'early' is true)"));
        }

        private static Task VerifyWithRuntimeInternals(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
        {
            var test = new VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>.Test { TestCode = source };
            test.TestState.Sources.Add(("RuntimeInternals.cs", RuntimeInternals));
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(System.Threading.CancellationToken.None);
        }

        [Fact]
        public Task LocalFunctionLeak_IsReportedOnceInItsOwnBody()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, bool ok)
                    {
                        return Id();

                        int Id()
                        {
                            var group = {|#1:core.GetExternalUser(file)|};
                            if (!ok)
                                {|#0:return -1;|}
                            int id = core.ExternalUserIommuId(group);
                            core.PutExternalUser(group);
                            return id;
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when '!ok' is true)"));
        }

        [Fact]
        public Task AcquireThroughAnInterfaceImplementation()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                interface IGroupSource
                {
                    [return: Acquires("vfio-group")]
                    VfioGroup Open(VfioGroupFile file);
                }

                sealed class Source : IGroupSource
                {
                    private readonly VfioCore _core = new VfioCore();
                    public VfioGroup Open(VfioGroupFile file) => _core.GetExternalUser(file);
                }

                class User
                {
                    int ViaClass(Source source, VfioGroupFile file)
                    {
                        var g = {|#1:source.Open(file)|};
                        {|#0:return g.Id;|}
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "Open", ""));
        }

        [Fact]
        public Task AfterAForeach_TheMessageSaysSoInLoopWords()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Sum(VfioCore core, VfioGroupFile file, int[] items)
                    {
                        var group = {|#1:core.GetExternalUser(file)|};
                        int sum = 0;
                        foreach (var item in items)
                        {
                            if (item < 0)
                            {
                                core.PutExternalUser(group);
                                return -1;
                            }

                            sum += item;
                        }

                        {|#0:return sum;|}
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (after the loop over 'items')"));
        }

        [Fact]
        public Task ExceptionPaths_AThrowIsReportedOnceNotAlsoAtItsConstructor()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Check(VfioCore core, VfioGroupFile file, bool bad)
                    {
                        var group = {|#1:core.GetExternalUser(file)|};
                        if (bad)
                            {|#0:throw new VfioException(Errno.EINVAL);|}
                        core.PutExternalUser(group);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source, "vfio_analyzers.exception_paths = true\n",
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'bad' is true)"));
        }

        [Fact]
        public Task LambdaRunDuringTheCall_OnlyBorrowsTheReference()
        {
            const string source = """
                using System.Collections.Generic;
                using System.Linq;
                using Vfio;

                class Driver
                {
                    bool Known(VfioCore core, VfioGroupFile file, List<int> ids)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        if (ids.Any(id => id == g.Id))
                            {|#0:return true;|}
                        core.PutExternalUser(g);
                        return false;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'ids.Any(id => id == g.Id)' is true)"));
        }
    
        [Fact]
        public Task AlternativeAcquires_OneFindingPerExit()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Id(VfioCore core, VfioGroupFile file, VfioDevice device, bool byFile)
                    {
                        VfioGroup group = byFile ? {|#1:core.GetExternalUser(file)|} : core.GetExternalUserFromDev(device);
                        {|#0:return group.Id;|}
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", ""));
        }
    }
}
