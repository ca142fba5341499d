using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.PutInFinallyCodeFixProvider>;

namespace VfioAnalyzers.Tests.CodeFixes
{
    public class PutInFinallyTests
    {
        [Fact]
        public Task Throw_RestOfScopeWrapped_ExistingPutMovesToFinally()
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
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var group = core.GetExternalUser(file);
                        try
                        {
                            int id = core.ExternalUserIommuId(group);
                            if (id < 0)
                                throw new VfioException(Errno.EINVAL);
                            return id;
                        }
                        finally
                        {
                            core.PutExternalUser(group);
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'id < 0' is true)") },
                fixedSource);
        }

        [Fact]
        public Task ExceptionPath_TheCallThatMayThrowGoesInsideTheTry()
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
            const string fixedSource = """
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
                        var group = core.GetExternalUser(file);
                        try
                        {
                            int id = core.ExternalUserIommuId(group);
                            Check(id);
                            return id;
                        }
                        finally
                        {
                            core.PutExternalUser(group);
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, "vfio_analyzers.exception_paths = precise\n",
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (if 'Check(id)' throws: it throws 'ArgumentOutOfRangeException')") },
                fixedSource);
        }

        [Fact]
        public Task NeverStored_ExceptionPath_KeptInALocalForTheStatement()
        {
            const string source = """
                using System;
                using Vfio;

                class Driver
                {
                    static int Compute(int x) => x > 0 ? x : throw new InvalidOperationException();

                    long Use(VfioCore core, VfioGroupFile file, int x)
                    {
                        return core.ExternalCheckExtension({|#1:core.GetExternalUser(file)|}, {|#0:Compute(x)|});
                    }
                }
                """;
            const string fixedSource = """
                using System;
                using Vfio;

                class Driver
                {
                    static int Compute(int x) => x > 0 ? x : throw new InvalidOperationException();

                    long Use(VfioCore core, VfioGroupFile file, int x)
                    {
                        var group = core.GetExternalUser(file);
                        try
                        {
                            return core.ExternalCheckExtension(group, Compute(x));
                        }
                        finally
                        {
                            core.PutExternalUser(group);
                        }
                    }
                }
                """;
            // The fix also removes the VFIO005 on the call (kept and put): the fixed state inherits none of it.
            const string editorConfig = "root = true\n\n[*]\nvfio_analyzers.exception_paths = precise\n";
            var test = new Verify.Test { TestCode = source };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
            test.FixedState.InheritanceMode = Microsoft.CodeAnalysis.Testing.StateInheritanceMode.Explicit;
            test.FixedState.AnalyzerConfigFiles.Add(("/.editorconfig", editorConfig));
            test.FixedState.Sources.Add(fixedSource);
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "core.GetExternalUser(file)", "GetExternalUser", " (if 'Compute(x)' throws: it throws 'InvalidOperationException')"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("VFIO005").WithLocation(1).WithArguments("'vfio-group'", "GetExternalUser"));
            return test.RunAsync();
        }

        [Fact]
        public Task TwoExitsOfOneReference_FixAllWrapsOnce()
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
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool early)
                    {
                        var group = core.GetExternalUser(file);
                        try
                        {
                            if (early)
                            {
                                return;
                            }
                            core.ExternalUserIommuId(group);
                        }
                        finally
                        {
                            core.PutExternalUser(group);
                        }
                    }
                }
                """;
            var test = new Verify.Test
            {
                TestCode = source,
                FixedCode = fixedSource,
                NumberOfIncrementalIterations = 1,
            };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'early' is true)"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("VFIO001").WithLocation(2).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'early' is false)"));
            return test.RunAsync();
        }

        [Fact]
        public Task NullGuard_StaysOutsideTheTry()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioDevice device)
                    {
                        var group = {|#1:core.GetExternalUserFromDev(device)|};
                        if (group == null)
                            return -19;
                        int id = core.ExternalUserIommuId(group);
                        if (id < 0)
                            {|#0:return -1;|}
                        core.PutExternalUser(group);
                        return id;
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioDevice device)
                    {
                        var group = core.GetExternalUserFromDev(device);
                        if (group == null)
                            return -19;
                        try
                        {
                            int id = core.ExternalUserIommuId(group);
                            if (id < 0)
                                return -1;
                            return id;
                        }
                        finally
                        {
                            core.PutExternalUser(group);
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUserFromDev", " (when 'id < 0' is true)") },
                fixedSource);
        }

        [Fact]
        public Task ReferenceHandedOn_NoFinallyOffered()
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
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUserFromDev", " (when '!containerOk' is true)") },
                source);
        }

        [Fact]
        public Task ReferenceStoredInACollection_NoFinallyOffered()
        {
            const string source = """
                using System.Collections.Generic;
                using Vfio;

                class Driver
                {
                    private readonly List<VfioGroup> _held = new();

                    void Use(VfioCore core, VfioGroupFile file, bool keep)
                    {
                        var group = {|#1:core.GetExternalUser(file)|};
                        if (keep)
                        {
                            _held.Add(group);
                            return;
                        }

                        System.Console.WriteLine(group.Id);
                    {|#0:}|}
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'keep' is false)") },
                source);
        }

        [Fact]
        public Task FlagThatOnlyGuardedThePut_GoesWithIt()
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
            const string fixedSource = """
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
                            return 1;
                        }
                        finally
                        {
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'early' is true)") },
                fixedSource);
        }

        [Fact]
        public Task FieldFlagThatAnotherMemberReads_IsKept()
        {
            // The property reads the flag too: its settings stay, though the guard goes.
            const string source = """
                using Vfio;

                class Driver
                {
                    static void Work() { }
                    bool _taken;
                    public bool Taken => _taken;

                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        _taken = false;
                        try
                        {
                            Work();
                            _taken = true;
                            Work();
                        }
                        catch
                        {
                            if (!_taken)
                                core.PutExternalUser(g);
                            {|#0:return -1;|}
                        }

                        core.PutExternalUser(g);
                        return 0;
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    static void Work() { }
                    bool _taken;
                    public bool Taken => _taken;

                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        try
                        {
                            _taken = false;
                            try
                            {
                                Work();
                                _taken = true;
                                Work();
                            }
                            catch
                            {
                                return -1;
                            }
                            return 0;
                        }
                        finally
                        {
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when '!_taken' is false)") },
                fixedSource);
        }

        [Fact]
        public Task NegatedFlagThatOnlyGuardedAPutInACatch_GoesWithIt()
        {
            // The finally puts on every path, so the catch's guarded put and the flag it tested both go: a flag left
            // assigned and never read would be a new warning (CS0219), an error where warnings are.
            const string source = """
                using Vfio;

                class Driver
                {
                    static void Work() { }

                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        bool taken = false;
                        try
                        {
                            Work();
                            taken = true;
                            Work();
                        }
                        catch
                        {
                            if (!taken)
                                core.PutExternalUser(g);
                            {|#0:return -1;|}
                        }

                        core.PutExternalUser(g);
                        return 0;
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    static void Work() { }

                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        try
                        {
                            try
                            {
                                Work();
                                Work();
                            }
                            catch
                            {
                                return -1;
                            }
                            return 0;
                        }
                        finally
                        {
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when '!taken' is false)") },
                fixedSource);
        }

        [Fact]
        public Task ConditionalPutInTheWrappedStatements_ItsIfGoesToo()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool done, bool early)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        if (early)
                            {|#0:return;|}
                        if (done)
                        {
                            core.PutExternalUser(g);
                            return;
                        }
                        core.ExternalUserIommuId(g);
                        if (!done)
                            core.PutExternalUser(g);
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool done, bool early)
                    {
                        var g = core.GetExternalUser(file);
                        try
                        {
                            if (early)
                                return;
                            if (done)
                            {
                                return;
                            }
                            core.ExternalUserIommuId(g);
                        }
                        finally
                        {
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'early' is true)") },
                fixedSource);
        }

        [Fact]
        public Task TryResultTestedInsideTheTry_NullableCode_FinallyPutsUnderANullTest()
        {
            // When '!ok' is true the return leaves through the finally with 'g' null.
            const string source = """
                #nullable enable
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, bool early)
                    {
                        bool ok = {|#1:core.TryGetExternalUser(file, out var g, out _)|};
                        if (!ok)
                            return -1;
                        if (early)
                            {|#0:return 0;|}
                        int id = core.ExternalUserIommuId(g!);
                        core.PutExternalUser(g!);
                        return id;
                    }
                }
                """;
            const string fixedSource = """
                #nullable enable
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, bool early)
                    {
                        bool ok = core.TryGetExternalUser(file, out var g, out _);
                        try
                        {
                            if (!ok)
                                return -1;
                            if (early)
                                return 0;
                            int id = core.ExternalUserIommuId(g!);
                            return id;
                        }
                        finally
                        {
                            if (g != null)
                                core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "TryGetExternalUser", " (when 'early' is true)") },
                fixedSource);
        }

        [Fact]
        public Task HelperReleasesTheReference_NoFinallyOffered()
        {
            // 'Drop' puts the group: a finally would put it a second time on the paths that call it.
            const string source = """
                using Vfio;

                class Driver
                {
                    void Drop(VfioCore core, VfioGroup group)
                    {
                        core.PutExternalUser(group);
                    }

                    void Use(VfioCore core, VfioGroupFile file, bool early)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        if (early)
                            {|#0:return;|}
                        Drop(core, g);
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'early' is true)") },
                source);
        }

        [Fact]
        public Task GotoIntoTheStatementsAfterTheAcquire_NoFinallyOffered()
        {
            // 'goto cleanup' from before the acquire would jump into the new try block, which C# forbids (CS0159).
            const string source = """
                using Vfio;

                class Driver
                {
                    int Open(VfioCore core, VfioDevice device, bool busy)
                    {
                        VfioGroup? g = null;
                        int ret = 0;
                        if (busy) { ret = -16; goto cleanup; }
                        g = {|#1:core.GetExternalUserFromDev(device)|};
                        if (g.Id < 0) { ret = -22; goto cleanup; }
                        {|#0:return 0;|}
                    cleanup:
                        if (g != null)
                            core.PutExternalUser(g);
                        return ret;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUserFromDev", " (when 'g.Id < 0' is false)") },
                source);
        }

        [Fact]
        public Task CallThatMayThrowInTheAcquiringStatement_NoFinallyOffered()
        {
            // The call that may throw runs before any statement a try after the acquire could cover.
            const string source = """
                using Vfio;

                class Driver
                {
                    bool Matches(VfioCore core, VfioGroupFile file)
                    {
                        var result = {|#1:core.TryGetExternalUser(file, out var group, out _)|} && {|#0:core.ExternalUserIommuId(group)|} > 0;
                        if (group != null)
                            core.PutExternalUser(group);
                        return result;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source, "vfio_analyzers.exception_paths = all_calls\n",
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "TryGetExternalUser", " (when 'core.TryGetExternalUser(file, out var group, out _)' is true, if 'core.ExternalUserIommuId(group)' throws)") },
                source);
        }
    }
}
