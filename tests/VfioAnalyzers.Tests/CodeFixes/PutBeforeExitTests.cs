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
    

        [Fact]
        public Task ExceptionPath_NoPutIsOfferedBeforeTheThrowingCall()
        {
            const string source = """
                using System;
                using Vfio;

                class Driver
                {
                    static void Check(int id)
                    {
                        if (id < 0) throw new ArgumentOutOfRangeException(nameof(id));
                    }

                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var group = {|#1:core.GetExternalUser(file)|};
                        int id = core.ExternalUserIommuId(group);
                        {|#0:Check(id)|};
                        core.PutExternalUser(group);
                        return id;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, "vfio_analyzers.exception_paths = precise\n",
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (if 'Check(id)' throws: it throws 'ArgumentOutOfRangeException')") },
                source);
        }

        [Fact]
        public Task EmbeddedThrow_IsWrappedInABlock()
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
                            {|#0:throw new VfioException(Errno.EINVAL);|} // bad id
                        core.PutExternalUser(group);
                        return id;
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var group = core.GetExternalUser(file);
                        int id = core.ExternalUserIommuId(group);
                        if (id < 0)
                        {
                            core.PutExternalUser(group);
                            throw new VfioException(Errno.EINVAL); // bad id
                        }
                        core.PutExternalUser(group);
                        return id;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'id < 0' is true)") }, fixedSource);
        }

        [Fact]
        public Task SeveralExitsInOneBody_BareReturnAndClosingBrace_FixAllPutsAtEach()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool early, bool late)
                    {
                        var group = {|#1:core.GetExternalUser(file)|};
                        if (early)
                        {
                            // nothing to do
                            {|#0:return;|}
                        }

                        if (late)
                            {|#2:return;|}
                        core.ExternalUserIommuId(group);
                    {|#3:}|}
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool early, bool late)
                    {
                        var group = core.GetExternalUser(file);
                        if (early)
                        {
                            // nothing to do
                            core.PutExternalUser(group);
                            return;
                        }

                        if (late)
                        {
                            core.PutExternalUser(group);
                            return;
                        }
                        core.ExternalUserIommuId(group);
                        core.PutExternalUser(group);
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[]
                {
                    Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'early' is true)"),
                    Verify.Diagnostic("VFIO001").WithLocation(2).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'late' is true)"),
                    Verify.Diagnostic("VFIO001").WithLocation(3).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'late' is false)"),
                },
                fixedSource);
        }

        [Fact]
        public Task ReturnValueReadsTheReference_IsComputedIntoALocalFirst()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, int result)
                    {
                        var group = {|#1:core.GetExternalUser(file)|};
                        if (result < 0)
                        {
                            core.PutExternalUser(group);
                            return result;
                        }

                        {|#0:return core.ExternalUserIommuId(group) + result;|}
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, int result)
                    {
                        var group = core.GetExternalUser(file);
                        if (result < 0)
                        {
                            core.PutExternalUser(group);
                            return result;
                        }

                        var result2 = core.ExternalUserIommuId(group) + result;
                        core.PutExternalUser(group);
                        return result2;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'result < 0' is false)") }, fixedSource);
        }

        [Fact]
        public Task StaticReleaseMemberInAnotherNamespace_UsingAddedAndShortName()
        {
            const string source = """
                using Vfio.Annotations;

                namespace Kernel.Groups
                {
                    public sealed class Handle { }

                    public static class GroupRefs
                    {
                        [Acquires("kernel-group")]
                        public static Handle? Get(int id) => id > 0 ? new Handle() : null;

                        public static void Put([Releases("kernel-group")] Handle handle) { }
                    }
                }

                namespace App
                {
                    class User
                    {
                        void Use(bool early)
                        {
                            var handle = {|#1:Kernel.Groups.GroupRefs.Get(1)|};
                            if (handle == null)
                                return;
                            if (early)
                                {|#0:return;|}
                            Kernel.Groups.GroupRefs.Put(handle);
                        }
                    }
                }
                """;
            const string fixedSource = """
                using Kernel.Groups;
                using Vfio.Annotations;

                namespace Kernel.Groups
                {
                    public sealed class Handle { }

                    public static class GroupRefs
                    {
                        [Acquires("kernel-group")]
                        public static Handle? Get(int id) => id > 0 ? new Handle() : null;

                        public static void Put([Releases("kernel-group")] Handle handle) { }
                    }
                }

                namespace App
                {
                    class User
                    {
                        void Use(bool early)
                        {
                            var handle = Kernel.Groups.GroupRefs.Get(1);
                            if (handle == null)
                                return;
                            if (early)
                            {
                                GroupRefs.Put(handle);
                                return;
                            }
                            Kernel.Groups.GroupRefs.Put(handle);
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'kernel-group'", "handle", "Get", " (when 'early' is true)") }, fixedSource);
        }

        [Fact]
        public Task ExpressionBodiedMethod_TryOutVariable_BecomesABlockWithAGuardedPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    bool Matches(VfioCore core, VfioGroupFile file) => {|#0:{|#1:core.TryGetExternalUser(file, out var group, out _)|} && core.ExternalUserIommuId(group) > 0|};
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    bool Matches(VfioCore core, VfioGroupFile file)
                    {
                        var result = core.TryGetExternalUser(file, out var group, out _) && core.ExternalUserIommuId(group) > 0;
                        if (group != null)
                            core.PutExternalUser(group);
                        return result;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "TryGetExternalUser", " (when 'core.TryGetExternalUser(file, out var group, out _)' is true)") },
                fixedSource);
        }

        [Fact]
        public Task ExpressionBodiedLambda_ReportedOnTheLambda_ItsBodyBecomesABlock()
        {
            const string source = """
                using System;
                using Vfio;

                class Driver
                {
                    Func<VfioGroupFile, bool> Matcher(VfioCore core) => {|#0:file => {|#1:core.TryGetExternalUser(file, out var group, out _)|} && core.ExternalUserIommuId(group) > 0|};
                }
                """;
            const string fixedSource = """
                using System;
                using Vfio;

                class Driver
                {
                    Func<VfioGroupFile, bool> Matcher(VfioCore core) => file =>
                    {
                        var result = core.TryGetExternalUser(file, out var group, out _) && core.ExternalUserIommuId(group) > 0;
                        if (group != null)
                            core.PutExternalUser(group);
                        return result;
                    };
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "TryGetExternalUser", " (when 'core.TryGetExternalUser(file, out var group, out _)' is true)") },
                fixedSource);
        }

        [Fact]
        public Task ArrowLocalFunction_FixedInItsBody_NoPutAtTheCallersReturn()
        {
            // The local function's leak is its own: inlining it at the call does not report it again at the caller's
            // return, where 'group' is out of scope.
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        return Id(file);

                        int Id(VfioGroupFile f) => {|#2:{|#1:core.TryGetExternalUser(f, out var group, out _)|} ? core.ExternalUserIommuId(group) : -1|};
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        return Id(file);

                        int Id(VfioGroupFile f)
                        {
                            var result = core.TryGetExternalUser(f, out var group, out _) ? core.ExternalUserIommuId(group) : -1;
                            if (group != null)
                                core.PutExternalUser(group);
                            return result;
                        }
                    }
                }
                """;
            const string when = " (when 'core.TryGetExternalUser(f, out var group, out _)' is true)";
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(2).WithLocation(1).WithArguments("'vfio-group'", "group", "TryGetExternalUser", when) },
                fixedSource);
        }

        [Fact]
        public Task TwoReturnValuesReadTheReference_FixAllTakesTwoNames()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, bool big)
                    {
                        var group = {|#1:core.GetExternalUser(file)|};
                        if (big)
                        {
                            {|#0:return core.ExternalUserIommuId(group) * 2;|}
                        }

                        {|#2:return core.ExternalUserIommuId(group);|}
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, bool big)
                    {
                        var group = core.GetExternalUser(file);
                        if (big)
                        {
                            var result = core.ExternalUserIommuId(group) * 2;
                            core.PutExternalUser(group);
                            return result;
                        }

                        var result2 = core.ExternalUserIommuId(group);
                        core.PutExternalUser(group);
                        return result2;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[]
                {
                    Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'big' is true)"),
                    Verify.Diagnostic("VFIO001").WithLocation(2).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'big' is false)"),
                },
                fixedSource);
        }

        [Fact]
        public Task LeakAndDoublePutInOneMethod_BothFixesCompose()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool early)
                    {
                        var group = {|#1:core.GetExternalUser(file)|};
                        if (early)
                            {|#0:return;|}
                        core.PutExternalUser(group);
                        {|#2:core.PutExternalUser(group)|};
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool early)
                    {
                        var group = core.GetExternalUser(file);
                        if (early)
                        {
                            core.PutExternalUser(group);
                            return;
                        }
                        core.PutExternalUser(group);
                    }
                }
                """;
            var test = new Verify.Test
            {
                TestCode = source,
                FixedCode = fixedSource,
                NumberOfFixAllIterations = 2,
                NumberOfFixAllInDocumentIterations = 2,
                NumberOfFixAllInProjectIterations = 2,
            };
            test.OtherFixes.Add(() => new VfioAnalyzers.CodeFixes.RemoveSecondReleaseCodeFixProvider());
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'early' is true)"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("VFIO002").WithLocation(2).WithArguments("'vfio-group'", "group", ""));
            return test.RunAsync();
        }

        [Fact]
        public Task ExitAlsoReachedAlreadyReleased_NoPutOffered()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool done)
                    {
                        var group = {|#1:core.GetExternalUser(file)|};
                        if (done)
                            core.PutExternalUser(group);
                    {|#0:}|}
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'done' is false)") },
                source);
        }

        [Fact]
        public Task LoopBodyEndAlsoReachedReleased_NoPutOffered()
        {
            // The iteration that put the group also reaches the end of the loop body: a put there would be its second.
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
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'check' is false)") },
                source);
        }

        [Fact]
        public Task ExitAlsoReachedAfterTheReferenceWasStored_NoPutOffered()
        {
            // When 'keep' is true the field holds the group: a put at the closing brace would release what it keeps.
            const string source = """
                using Vfio;

                class Driver
                {
                    private VfioGroup? {|#2:_kept|};

                    void Use(VfioCore core, VfioGroupFile file, bool keep)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        if (keep)
                            {|#3:_kept = g|};
                        core.ExternalUserIommuId(g);
                    {|#0:}|}
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[]
                {
                    Verify.Diagnostic("VFIO007").WithLocation(2).WithLocation(3).WithArguments("'vfio-group'", "_kept"),
                    Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'keep' is false)"),
                },
                source);
        }

        [Fact]
        public Task ReturnThatHandsTheReferenceOnOnAnotherPath_NoPutOffered()
        {
            // The same return gives the group to the caller when 'keep' is true: computing the value and putting the
            // group would hand the caller a released reference.
            const string source = """
                using Vfio;

                class Driver
                {
                    VfioGroup? Open(VfioCore core, VfioGroupFile file, bool keep)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        {|#0:return keep ? g : null;|}
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'keep' is false)") },
                source);
        }

        [Fact]
        public Task ExitAlsoReachedWithNull_PutUnderANullTest()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool attach)
                    {
                        VfioGroup? g = null;
                        if (attach)
                            g = {|#1:core.GetExternalUser(file)|};
                        {|#0:return;|}
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool attach)
                    {
                        VfioGroup? g = null;
                        if (attach)
                            g = core.GetExternalUser(file);
                        if (g != null)
                            core.PutExternalUser(g);
                        return;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", string.Empty) },
                fixedSource);
        }

        [Fact]
        public Task TryResultTestedApart_NullableCode_ClosingBrace_PutUnderANullTest()
        {
            // Every path that gets here holds the group, but the compiler does not tie 'ok' to 'g': in nullable code a
            // bare put would warn (CS8604). The null test is exactly 'the acquire succeeded'.
            const string source = """
                #nullable enable
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
            const string fixedSource = """
                #nullable enable
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        bool ok = core.TryGetExternalUser(file, out var g, out _);
                        if (!ok)
                            return;
                        core.ExternalUserIommuId(g!);
                        if (g != null)
                            core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "TryGetExternalUser", " (when '!ok' is false)") },
                fixedSource);
        }

        [Fact]
        public Task TryResultTestedApart_ObliviousCode_ClosingBrace_BarePut()
        {
            // Only paths that hold the group get here, and without nullable annotations the compiler has nothing to say.
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        bool ok = {|#1:core.TryGetExternalUser(file, out var g, out _)|};
                        if (!ok)
                            return;
                        core.ExternalUserIommuId(g);
                    {|#0:}|}
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        bool ok = core.TryGetExternalUser(file, out var g, out _);
                        if (!ok)
                            return;
                        core.ExternalUserIommuId(g);
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "TryGetExternalUser", " (when '!ok' is false)") },
                fixedSource);
        }

        [Fact]
        public Task TryMethodsIfFallsThrough_PutUnderANullTest()
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
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        if (core.TryGetExternalUser(file, out var g, out var error))
                        {
                            core.ExternalUserIommuId(g);
                        }

                        if (g != null)
                            core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "TryGetExternalUser", " (when 'core.TryGetExternalUser(file, out var g, out var error)' is true)") },
                fixedSource);
        }

        [Fact]
        public Task FinallyReadsTheReference_NoPutBeforeTheReturnInItsTry()
        {
            // The finally runs after the return: it would read a group the fix had put.
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, bool x)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        try
                        {
                            if (x) {|#0:return 1;|}
                        }
                        finally
                        {
                            core.ExternalUserIommuId(g);
                        }
                        core.PutExternalUser(g);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'x' is true)") },
                source);
        }

        [Fact]
        public Task VariableOnlyCarriesTheReference_NoPutOffered()
        {
            // 'token' is an IntPtr made from the handle: 'token.Free()' does not exist, and the handle has no name here.
            const string source = """
                using System;
                using System.Runtime.InteropServices;

                static class Callback
                {
                    public static int RoundTripOrFail(object state, bool fail)
                    {
                        IntPtr token = GCHandle.ToIntPtr({|#1:GCHandle.Alloc(state)|});
                        if (fail)
                            {|#0:return -1;|}
                        GCHandle.FromIntPtr(token).Free();
                        return 0;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, "vfio_analyzers.presets = dotnet\n",
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'gc-handle'", "token", "Alloc", " (when 'fail' is true)") },
                source);
        }

        [Fact]
        public Task BlockLambdaInAnExpressionBodiedMember_NoFixAtItsEnd()
        {
            // The member has no block body to speculate the put in (Roslyn's speculative model threw here, AD0001 in
            // the IDE's light bulb): no fix is offered, and nothing throws.
            const string source = """
                using System;
                using Vfio;

                class Driver
                {
                    Action Make(VfioCore core, VfioGroupFile file) => () =>
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        Console.WriteLine(g.Id);
                    {|#0:}|};
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", string.Empty) },
                source);
        }
    }
}
