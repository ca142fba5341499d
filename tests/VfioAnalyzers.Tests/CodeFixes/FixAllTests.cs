using System.Threading.Tasks;
using Xunit;
using VerifyDiscard = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.KeepDiscardedReferenceCodeFixProvider>;
using VerifyExit = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.PutBeforeExitCodeFixProvider>;
using VerifyFinally = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.PutInFinallyCodeFixProvider>;
using VerifyNotHeld = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.RemoveReleaseNotHeldCodeFixProvider>;
using VerifyGuard = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.GuardReleaseNotHeldCodeFixProvider>;
using VerifyOverwrite = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.ReleaseBeforeOverwriteCodeFixProvider>;
using VerifyTwice = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.RemoveSecondReleaseCodeFixProvider>;

namespace VfioAnalyzers.Tests.CodeFixes
{
    /// <summary>
    /// Two diagnostics of one rule in one method, for every fix: the verifier applies the fix one diagnostic at a
    /// time and then Fix All in document, project and solution scope, and each must give the same code in one pass.
    /// </summary>
    public class FixAllTests
    {
        [Fact]
        public Task PutInFinally_TwoReferencesLeakAtOneReturn_EachGetsItsFinally()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Pair(VfioCore core, VfioGroupFile a, VfioGroupFile b)
                    {
                        var first = {|#1:core.GetExternalUser(a)|};
                        var second = {|#2:core.GetExternalUser(b)|};
                        if (first.Id != second.Id)
                            {|#0:return -1;|}
                        core.PutExternalUser(second);
                        core.PutExternalUser(first);
                        return 0;
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    int Pair(VfioCore core, VfioGroupFile a, VfioGroupFile b)
                    {
                        var first = core.GetExternalUser(a);
                        try
                        {
                            var second = core.GetExternalUser(b);
                            try
                            {
                                if (first.Id != second.Id)
                                    return -1;
                                return 0;
                            }
                            finally
                            {
                                core.PutExternalUser(second);
                            }
                        }
                        finally
                        {
                            core.PutExternalUser(first);
                        }
                    }
                }
                """;
            const string when = " (when 'first.Id != second.Id' is true)";
            return VerifyFinally.VerifyCodeFixAsync(source,
                new[]
                {
                    VerifyFinally.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "first", "GetExternalUser", when),
                    VerifyFinally.Diagnostic("VFIO001").WithLocation(0).WithLocation(2).WithArguments("'vfio-group'", "second", "GetExternalUser", when),
                },
                fixedSource);
        }

        [Fact]
        public Task PutBeforeExit_FixAllAlsoAppliesTheFinallyWhereNoPutBeforeTheExitIsRight()
        {
            // dotnet format runs only the first VFIO001 fixer's Fix All: the leak only a finally fixes must not be left.
            const string source = """
                using Vfio;

                class Driver
                {
                    int Early(VfioCore core, VfioGroupFile file, bool fail)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        if (fail)
                            {|#0:return -1;|}
                        core.PutExternalUser(g);
                        return 0;
                    }

                    void Done(VfioCore core, VfioGroupFile file, bool done)
                    {
                        var group = {|#3:core.GetExternalUser(file)|};
                        if (done)
                            core.PutExternalUser(group);
                    {|#2:}|}
                }
                """;
            const string oneAtATime = """
                using Vfio;

                class Driver
                {
                    int Early(VfioCore core, VfioGroupFile file, bool fail)
                    {
                        var g = core.GetExternalUser(file);
                        if (fail)
                        {
                            core.PutExternalUser(g);
                            return -1;
                        }
                        core.PutExternalUser(g);
                        return 0;
                    }

                    void Done(VfioCore core, VfioGroupFile file, bool done)
                    {
                        var group = {|#1:core.GetExternalUser(file)|};
                        if (done)
                            core.PutExternalUser(group);
                    {|#0:}|}
                }
                """;
            const string fixAll = """
                using Vfio;

                class Driver
                {
                    int Early(VfioCore core, VfioGroupFile file, bool fail)
                    {
                        var g = core.GetExternalUser(file);
                        if (fail)
                        {
                            core.PutExternalUser(g);
                            return -1;
                        }
                        core.PutExternalUser(g);
                        return 0;
                    }

                    void Done(VfioCore core, VfioGroupFile file, bool done)
                    {
                        var group = core.GetExternalUser(file);
                        core.PutExternalUser(group);
                    }
                }
                """;
            var test = new VerifyExit.Test { TestCode = source, FixedCode = oneAtATime };
            test.BatchFixedState.Sources.Add(("VfioApi.cs", Verifiers.VfioApiSource.Text));
            test.BatchFixedState.Sources.Add(fixAll);
            test.ExpectedDiagnostics.Add(VerifyExit.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'fail' is true)"));
            test.ExpectedDiagnostics.Add(VerifyExit.Diagnostic("VFIO001").WithLocation(2).WithLocation(3).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'done' is false)"));
            test.FixedState.ExpectedDiagnostics.Add(VerifyExit.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'done' is false)"));
            return test.RunAsync();
        }

        [Fact]
        public Task GuardReleaseNotHeld_FixAllAlsoRemovesTheReleasesNoPathNeeds()
        {
            // dotnet format runs only the first VFIO004 fixer's Fix All: the put of null must go too.
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

                    int Use2(VfioCore core, VfioGroupFile file)
                    {
                        VfioGroup? group = null;
                        if (file == null)
                        {
                            {|#1:core.PutExternalUser(group!)|};
                            return -22;
                        }
                        group = core.GetExternalUser(file);
                        core.PutExternalUser(group);
                        return 0;
                    }
                }
                """;
            const string guarded = """
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

                    int Use2(VfioCore core, VfioGroupFile file)
                    {
                        VfioGroup? group = null;
                        if (file == null)
                        {
                            {|#0:core.PutExternalUser(group!)|};
                            return -22;
                        }
                        group = core.GetExternalUser(file);
                        core.PutExternalUser(group);
                        return 0;
                    }
                }
                """;
            const string fixAll = """
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

                    int Use2(VfioCore core, VfioGroupFile file)
                    {
                        VfioGroup? group = null;
                        if (file == null)
                        {
                            return -22;
                        }
                        group = core.GetExternalUser(file);
                        core.PutExternalUser(group);
                        return 0;
                    }
                }
                """;
            var test = new VerifyGuard.Test { TestCode = source, FixedCode = guarded };
            test.BatchFixedState.Sources.Add(("VfioApi.cs", Verifiers.VfioApiSource.Text));
            test.BatchFixedState.Sources.Add(fixAll);
            test.ExpectedDiagnostics.Add(VerifyGuard.Diagnostic("VFIO004").WithLocation(0).WithArguments("'vfio-group'", "g", "if 'TryGetExternalUser' failed; its result is not checked, so the reference may not be held"));
            test.ExpectedDiagnostics.Add(VerifyGuard.Diagnostic("VFIO004").WithLocation(1).WithArguments("'vfio-group'", "group", "it is null"));
            test.FixedState.ExpectedDiagnostics.Add(VerifyGuard.Diagnostic("VFIO004").WithLocation(0).WithArguments("'vfio-group'", "group", "it is null"));
            return test.RunAsync();
        }

        [Fact]
        public Task VFIO002_TwoSecondPutsInOneMethod_BothRemoved()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Pair(VfioCore core, VfioGroupFile a, VfioGroupFile b)
                    {
                        var first = core.GetExternalUser(a);
                        var second = core.GetExternalUser(b);
                        core.PutExternalUser(first);
                        {|#0:core.PutExternalUser(first)|};
                        core.PutExternalUser(second);
                        {|#1:core.PutExternalUser(second)|};
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Pair(VfioCore core, VfioGroupFile a, VfioGroupFile b)
                    {
                        var first = core.GetExternalUser(a);
                        var second = core.GetExternalUser(b);
                        core.PutExternalUser(first);
                        core.PutExternalUser(second);
                    }
                }
                """;
            return VerifyTwice.VerifyCodeFixAsync(source,
                new[]
                {
                    VerifyTwice.Diagnostic("VFIO002").WithLocation(0).WithArguments("'vfio-group'", "first", ""),
                    VerifyTwice.Diagnostic("VFIO002").WithLocation(1).WithArguments("'vfio-group'", "second", ""),
                },
                fixedSource);
        }

        [Fact]
        public Task VFIO004_TwoPutsOfNullInOneMethod_BothRemoved()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Open(VfioCore core, VfioGroupFile? file, bool strict)
                    {
                        VfioGroup? group = null;
                        if (file == null)
                        {
                            {|#0:core.PutExternalUser(group!)|};
                            return -22;
                        }
                        if (strict)
                        {
                            {|#1:core.PutExternalUser(group!)|};
                            return -1;
                        }
                        group = core.GetExternalUser(file);
                        core.PutExternalUser(group);
                        return 0;
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    int Open(VfioCore core, VfioGroupFile? file, bool strict)
                    {
                        VfioGroup? group = null;
                        if (file == null)
                        {
                            return -22;
                        }
                        if (strict)
                        {
                            return -1;
                        }
                        group = core.GetExternalUser(file);
                        core.PutExternalUser(group);
                        return 0;
                    }
                }
                """;
            return VerifyNotHeld.VerifyCodeFixAsync(source,
                new[]
                {
                    VerifyNotHeld.Diagnostic("VFIO004").WithLocation(0).WithArguments("'vfio-group'", "group", "it is null"),
                    VerifyNotHeld.Diagnostic("VFIO004").WithLocation(1).WithArguments("'vfio-group'", "group", "it is null"),
                },
                fixedSource);
        }

        [Fact]
        public Task VFIO005_TwoDiscardsInOneMethod_TwoLocalsWithDistinctNames()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Pin(VfioCore core, VfioGroupFile a, VfioGroupFile b)
                    {
                        {|#0:core.GetExternalUser(a)|};
                        {|#1:core.GetExternalUser(b)|};
                        a.Close();
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Pin(VfioCore core, VfioGroupFile a, VfioGroupFile b)
                    {
                        var group = core.GetExternalUser(a);
                        var group2 = core.GetExternalUser(b);
                        a.Close();
                        core.PutExternalUser(group);
                        core.PutExternalUser(group2);
                    }
                }
                """;
            return VerifyDiscard.VerifyCodeFixAsync(source,
                new[]
                {
                    VerifyDiscard.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "GetExternalUser"),
                    VerifyDiscard.Diagnostic("VFIO005").WithLocation(1).WithArguments("'vfio-group'", "GetExternalUser"),
                },
                fixedSource);
        }

        [Fact]
        public Task VFIO006_TwoOverwritesInOneMethod_EachOldReferencePut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Sum(VfioCore core, VfioGroupFile a, VfioGroupFile b, VfioGroupFile c)
                    {
                        var group = {|#2:core.GetExternalUser(a)|};
                        int id = core.ExternalUserIommuId(group);
                        {|#0:group = {|#3:core.GetExternalUser(b)|}|};
                        id += core.ExternalUserIommuId(group);
                        {|#1:group = core.GetExternalUser(c)|};
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
                    int Sum(VfioCore core, VfioGroupFile a, VfioGroupFile b, VfioGroupFile c)
                    {
                        var group = core.GetExternalUser(a);
                        int id = core.ExternalUserIommuId(group);
                        core.PutExternalUser(group);
                        group = core.GetExternalUser(b);
                        id += core.ExternalUserIommuId(group);
                        core.PutExternalUser(group);
                        group = core.GetExternalUser(c);
                        id += core.ExternalUserIommuId(group);
                        core.PutExternalUser(group);
                        return id;
                    }
                }
                """;
            return VerifyOverwrite.VerifyCodeFixAsync(source,
                new[]
                {
                    VerifyOverwrite.Diagnostic("VFIO006").WithLocation(0).WithLocation(2).WithArguments("'vfio-group'", "group", "GetExternalUser"),
                    VerifyOverwrite.Diagnostic("VFIO006").WithLocation(1).WithLocation(3).WithArguments("'vfio-group'", "group", "GetExternalUser"),
                },
                fixedSource);
        }
    }
}
