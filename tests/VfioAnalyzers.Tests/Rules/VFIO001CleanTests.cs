using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Rules
{
    /// <summary>VFIO001: tricky code that releases or hands on on every path; none of it may be reported.</summary>
    public class VFIO001CleanTests
    {
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
        public Task IfElse_PutInBothBranches()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool flag)
                    {
                        var g = core.GetExternalUser(file);
                        if (flag)
                            core.PutExternalUser(g);
                        else
                        {
                            core.ExternalUserIommuId(g);
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task SwitchStatement_EverySectionPuts()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, int mode)
                    {
                        var g = core.GetExternalUser(file);
                        switch (mode)
                        {
                            case 0:
                                core.PutExternalUser(g);
                                return 0;
                            case 1:
                            case 2:
                                core.PutExternalUser(g);
                                break;
                            default:
                                core.PutExternalUser(g);
                                return -1;
                        }
                        return 1;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task SwitchExpression_PutAfterward()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    long Use(VfioCore core, VfioGroupFile file, int mode)
                    {
                        var g = core.GetExternalUser(file);
                        long ext = mode switch
                        {
                            0 => core.ExternalCheckExtension(g, 1),
                            _ => 0,
                        };
                        core.PutExternalUser(g);
                        return ext;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task SwitchExpression_ThrowArmAfterPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    long Use(VfioCore core, VfioGroupFile file, int mode)
                    {
                        var g = core.GetExternalUser(file);
                        long ext = core.ExternalCheckExtension(g, 1);
                        core.PutExternalUser(g);
                        return mode switch { 0 => ext, _ => throw new VfioException(Errno.EINVAL) };
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task For_ContinueAfterPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Scan(VfioCore core, VfioGroupFile[] files)
                    {
                        for (int i = 0; i < files.Length; i++)
                        {
                            var g = core.GetExternalUser(files[i]);
                            if (core.ExternalUserIommuId(g) < 0)
                            {
                                core.PutExternalUser(g);
                                continue;
                            }
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Foreach_BreakAfterPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Scan(VfioCore core, VfioGroupFile[] files)
                    {
                        foreach (var f in files)
                        {
                            var g = core.GetExternalUser(f);
                            int id = core.ExternalUserIommuId(g);
                            core.PutExternalUser(g);
                            if (id == 0)
                                break;
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task While_AcquirePerIterationPutPerIteration()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Scan(VfioCore core, VfioGroupFile file, System.Func<bool> more)
                    {
                        int n = 0;
                        while (more())
                        {
                            var g = core.GetExternalUser(file);
                            n += core.ExternalUserIommuId(g);
                            core.PutExternalUser(g);
                        }
                        return n;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task DoWhile_PutBeforeContinue()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Scan(VfioCore core, VfioGroupFile file, System.Func<bool> more, bool skip)
                    {
                        do
                        {
                            var g = core.GetExternalUser(file);
                            if (skip)
                            {
                                core.PutExternalUser(g);
                                continue;
                            }
                            core.PutExternalUser(g);
                        }
                        while (more());
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Loop_FindFirstMatchAndKeepIt()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    VfioGroup? Find(VfioCore core, VfioGroupFile[] files, int id)
                    {
                        foreach (var f in files)
                        {
                            var g = core.GetExternalUser(f);
                            if (core.ExternalUserIommuId(g) == id)
                                return g;
                            core.PutExternalUser(g);
                        }
                        return null;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Goto_KernelStyleUnwindLabels()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Lock() { }
                    void Unlock() { }

                    int Open(VfioCore core, VfioGroupFile file, bool a, bool b)
                    {
                        int ret = 0;
                        Lock();
                        var g = core.GetExternalUser(file);
                        if (a)
                        {
                            ret = -22;
                            goto err_put;
                        }
                        if (b)
                        {
                            ret = -16;
                            goto err_put;
                        }
                        if (core.ExternalUserIommuId(g) < 0)
                        {
                            ret = -19;
                            goto err_put;
                        }
                        core.PutExternalUser(g);
                        Unlock();
                        return 0;
                        err_put:
                        core.PutExternalUser(g);
                        err_unlock:
                        Unlock();
                        return ret;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Goto_NullInitialisedVariablePutUnderCommonCleanupLabel()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Open(VfioCore core, VfioGroupFile f1, VfioGroupFile f2, bool fail)
                    {
                        int ret = 0;
                        VfioGroup? a = null;
                        VfioGroup? b = null;
                        a = core.GetExternalUser(f1);
                        if (fail)
                        {
                            ret = -16;
                            goto cleanup;
                        }
                        b = core.GetExternalUser(f2);
                        ret = core.ExternalUserIommuId(b);
                        cleanup:
                        if (b != null)
                            core.PutExternalUser(b);
                        if (a != null)
                            core.PutExternalUser(a);
                        return ret;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task HeldFlagInFinally()
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
        public Task StatusVariable_CheckedBeforeThePut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, bool want)
                    {
                        int ret = -22;
                        VfioGroup? g = null;
                        if (want)
                        {
                            g = core.GetExternalUser(file);
                            ret = 0;
                        }
                        if (ret == 0)
                            core.PutExternalUser(g!);
                        return ret;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task TryCatch_PutInCatchAndAfter()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        int id;
                        try
                        {
                            id = core.ExternalUserIommuId(g);
                        }
                        catch (VfioException)
                        {
                            core.PutExternalUser(g);
                            return -1;
                        }
                        core.PutExternalUser(g);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task TryFinally_PutInFinally()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, bool early)
                    {
                        var g = core.GetExternalUser(file);
                        try
                        {
                            if (early)
                                return 0;
                            return core.ExternalUserIommuId(g);
                        }
                        finally
                        {
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Rethrow_AfterPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        int id;
                        try
                        {
                            id = core.ExternalUserIommuId(g);
                        }
                        catch (VfioException)
                        {
                            core.PutExternalUser(g);
                            throw;
                        }
                        core.PutExternalUser(g);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Using_PutInsideTheBlock()
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
                            var g = core.GetExternalUser(file);
                            if (early)
                            {
                                core.PutExternalUser(g);
                                return -1;
                            }
                            core.PutExternalUser(g);
                        }
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task ThrowExpression_BeforeAcquire()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile? file)
                    {
                        var f = file ?? throw new VfioException(Errno.EBADF);
                        var g = core.GetExternalUser(f);
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task ThrowStatement_AfterPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        int id = core.ExternalUserIommuId(g);
                        core.PutExternalUser(g);
                        if (id < 0)
                            throw new VfioException(Errno.EINVAL);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task PatternMatching_DeclarationPatternPutsAlias()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        object o = core.GetExternalUser(file);
                        if (o is VfioGroup group)
                            core.PutExternalUser(group);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task NullCheck_IsNull_ReturnsWithNothingHeld()
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
                    int Use(VfioCore core, Registry registry, int id)
                    {
                        var g = registry.Find(id);
                        if (g is null)
                            return -19;
                        int n = g.Id;
                        core.PutExternalUser(g);
                        return n;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task NullCheck_EqualsNull_Inverted()
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
                    int Use(VfioCore core, Registry registry, int id)
                    {
                        var g = registry.Find(id);
                        if (null != g)
                        {
                            core.PutExternalUser(g);
                            return 0;
                        }
                        return -19;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task NullConditional_AndCoalesce_PutWhenNotNull()
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
                    int Use(VfioCore core, Registry registry, int id)
                    {
                        var g = registry.Find(id);
                        int n = g?.Id ?? -1;
                        if (g != null)
                            core.PutExternalUser(g);
                        return n;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Coalesce_ThrowOnNullAcquire()
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
                    int Use(VfioCore core, Registry registry, int id)
                    {
                        var g = registry.Find(id) ?? throw new VfioException(Errno.ENODEV);
                        int n = g.Id;
                        core.PutExternalUser(g);
                        return n;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task TryPattern_PutOnlyWhenAcquired()
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
        public Task TryPattern_ResultStoredInLocal()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        bool ok = core.TryGetExternalUser(file, out var group, out _);
                        if (!ok)
                            return -1;
                        int id = core.ExternalUserIommuId(group!);
                        core.PutExternalUser(group!);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task TryPattern_PositiveArm()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioDevice device)
                    {
                        if (core.TryGetExternalUserFromDev(device, out VfioGroup? group, out _))
                        {
                            core.ExternalUserIommuId(group);
                            core.PutExternalUser(group);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task OutVariable_HandedToCaller()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    bool Open(VfioCore core, VfioGroupFile file, out VfioGroup? group)
                    {
                        if (!core.TryGetExternalUser(file, out var g, out _))
                        {
                            group = null;
                            return false;
                        }
                        group = g;
                        return true;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Alias_PutThroughAlias()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        var g2 = g;
                        core.ExternalUserIommuId(g);
                        core.PutExternalUser(g2);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task LocalFunction_PutsTheCapturedGroup()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool early)
                    {
                        var g = core.GetExternalUser(file);
                        void Release() => core.PutExternalUser(g);
                        if (early)
                        {
                            Release();
                            return;
                        }
                        core.ExternalUserIommuId(g);
                        Release();
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task LocalFunction_AcquiresIntoCapturedVariable_EnclosingBodyPuts()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        VfioGroup? g = null;
                        void Open() { g = core.GetExternalUser(file); }

                        Open();
                        int id = core.ExternalUserIommuId(g!);
                        core.PutExternalUser(g!);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Lambda_CapturingTheReferenceEscapes()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    System.Action Defer(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        return () => core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Lambda_OwnBodyPuts()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    System.Func<int> Make(VfioCore core, VfioGroupFile file)
                    {
                        return () =>
                        {
                            var g = core.GetExternalUser(file);
                            int id = core.ExternalUserIommuId(g);
                            core.PutExternalUser(g);
                            return id;
                        };
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task DefaultConstructedBool_IsTheConstantFalse()
        {
            // new bool() carries the constant false: the early return is never taken.
            const string source = """
                using Vfio;

                class Driver
                {
                    void Probe(VfioCore core, VfioGroupFile file)
                    {
                        var group = core.GetExternalUser(file);
                        bool skip = new bool();
                        if (skip)
                            return;
                        core.PutExternalUser(group);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task ConstantsOutsideLongRange_AreComparedWithoutOverflow()
        {
            // ulong.MaxValue and infinities do not fit a long: they are compared as what they are.
            const string source = """
                using Vfio;

                class Driver
                {
                    void Probe(VfioCore core, VfioGroupFile file)
                    {
                        var group = core.GetExternalUser(file);
                        ulong mask = ulong.MaxValue;
                        double limit = double.PositiveInfinity;
                        if (mask != ulong.MaxValue || limit != double.PositiveInfinity)
                            return;
                        core.PutExternalUser(group);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Lambda_InsideTryWithCatch_PutsTheCapturedGroup()
        {
            const string source = """
                using System;
                using Vfio;

                class Driver
                {
                    void Run(VfioCore core, VfioGroupFile file, bool early)
                    {
                        var g = core.GetExternalUser(file);
                        try
                        {
                            Action put = () => core.PutExternalUser(g);
                            if (early)
                                put();
                            else
                                core.PutExternalUser(g);
                        }
                        catch (VfioException)
                        {
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task LocalFunction_InsideTryWithCatch_Inlined()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Run(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        try
                        {
                            int Use() => core.ExternalUserIommuId(g);
                            return Use();
                        }
                        catch (VfioException)
                        {
                            return -1;
                        }
                        finally
                        {
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Async_AwaitBetweenAcquireAndPut()
        {
            const string source = """
                using System.Threading.Tasks;
                using Vfio;

                class Driver
                {
                    async Task<int> UseAsync(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        try
                        {
                            await Task.Yield();
                            return core.ExternalUserIommuId(g);
                        }
                        finally
                        {
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Iterator_PutInFinallyAroundYield()
        {
            const string source = """
                using System.Collections.Generic;
                using Vfio;

                class Driver
                {
                    IEnumerable<int> Ids(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        try
                        {
                            yield return core.ExternalUserIommuId(g);
                            yield return g.Id;
                        }
                        finally
                        {
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task HandOn_Returned()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    VfioGroup Open(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        core.ExternalUserIommuId(g);
                        return g;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task HandOn_StoredInPropertyOfAnotherObject()
        {
            const string source = """
                using Vfio;

                class Holder { public VfioGroup? Group { get; set; } }

                class Driver
                {
                    void Open(VfioCore core, VfioGroupFile file, Holder holder)
                    {
                        holder.Group = core.GetExternalUser(file);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task HandOn_StoredInArrayElement()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Open(VfioCore core, VfioGroupFile file, VfioGroup?[] slots)
                    {
                        var g = core.GetExternalUser(file);
                        slots[0] = g;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task HandOn_AddedToList()
        {
            const string source = """
                using System.Collections.Generic;
                using Vfio;

                class Driver
                {
                    void Open(VfioCore core, VfioGroupFile file, List<VfioGroup> list)
                    {
                        var g = core.GetExternalUser(file);
                        list.Add(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task HandOn_RefParameter()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Open(VfioCore core, VfioGroupFile file, ref VfioGroup? slot)
                    {
                        slot = core.GetExternalUser(file);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task HandOn_ReleasesParameterOfUserApi()
        {
            const string source = """
                using Vfio.Annotations;
                using Vfio;

                class Pool
                {
                    public void Return([Releases("vfio-group")] VfioGroup group) { }
                }

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, Pool pool)
                    {
                        var g = core.GetExternalUser(file);
                        pool.Return(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task HandOn_HelperThatAlwaysPuts()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Drop(VfioCore core, VfioGroup group)
                    {
                        core.PutExternalUser(group);
                    }

                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        if (core.ExternalUserIommuId(g) < 0)
                        {
                            Drop(core, g);
                            return;
                        }
                        Drop(core, g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task HandOn_ConstructorThatStoresTheParameter()
        {
            const string source = """
                using Vfio;

                class Session
                {
                    private readonly VfioCore _core;
                    private VfioGroup? _group;
                    public Session(VfioCore core, VfioGroup group) { _core = core; _group = group; }
                    public void Close() { if (_group != null) _core.PutExternalUser(_group); _group = null; }
                }

                class Driver
                {
                    Session Open(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        return new Session(core, g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task ExpressionBodiedPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Touch(VfioCore core, VfioGroupFile file)
                    {
                        core.PutExternalUser(core.GetExternalUser(file));
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task PropertyPatterns_BindTheTestedReference()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Driver
                {
                    [return: Acquires("vfio-group")]
                    static VfioGroup? TryOpen(VfioCore core, VfioGroupFile file) => core.TryGetExternalUser(file, out var g, out _) ? g : null;

                    void Inline(VfioCore core, VfioGroupFile file)
                    {
                        if (TryOpen(core, file) is { } group)
                            core.PutExternalUser(group);
                    }

                    void Negated(VfioCore core, VfioGroupFile file)
                    {
                        var g = TryOpen(core, file);
                        if (g is not { } held)
                            return;
                        core.PutExternalUser(held);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task HelperChainDeeperThanTheSummaryBound_IsTakenAsHandingOn()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    private readonly VfioCore _core = new VfioCore();

                    void H1(VfioGroup g) => H2(g);
                    void H2(VfioGroup g) => H3(g);
                    void H3(VfioGroup g) => H4(g);
                    void H4(VfioGroup g) => _core.PutExternalUser(g);

                    void Caller(VfioGroupFile file)
                    {
                        var g = _core.GetExternalUser(file);
                        H1(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task FieldReopenedByACall_IsNotTheReleasedOne()
        {
            const string source = """
                using Vfio;

                class Holder
                {
                    private readonly VfioCore _core = new VfioCore();
                    private VfioGroup _group = null!;

                    public void Open(VfioGroupFile file) { _group = _core.GetExternalUser(file); }

                    public int Reset(VfioGroupFile file)
                    {
                        _core.PutExternalUser(_group);
                        Open(file);
                        return _group.Id;
                    }

                    public void Close() => _core.PutExternalUser(_group);
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }
    
        [Fact]
        public Task AlternativeAcquires_ReleasedOnce()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Id(VfioCore core, VfioGroupFile file, VfioDevice device, bool byFile)
                    {
                        VfioGroup group = byFile ? core.GetExternalUser(file) : core.GetExternalUserFromDev(device);
                        int id = group.Id;
                        core.PutExternalUser(group);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }
    }
}
