using System.Threading.Tasks;
using Xunit;
using VerifyTwice = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.RemoveSecondReleaseCodeFixProvider>;
using VerifyNotHeld = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.RemoveReleaseNotHeldCodeFixProvider>;

namespace VfioAnalyzers.Tests.CodeFixes
{
    public class ReleaseRemovalTests
    {
        [Fact]
        public Task VFIO002_SecondPutRemoved_CommentKept()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var group = core.GetExternalUser(file);
                        core.ExternalUserIommuId(group);
                        core.PutExternalUser(group);
                        // done with the group
                        {|#0:core.PutExternalUser(group)|};
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var group = core.GetExternalUser(file);
                        core.ExternalUserIommuId(group);
                        core.PutExternalUser(group);
                        // done with the group
                    }
                }
                """;
            return VerifyTwice.VerifyCodeFixAsync(source,
                new[] { VerifyTwice.Diagnostic("VFIO002").WithLocation(0).WithArguments("'vfio-group'", "group", "") },
                fixedSource);
        }

        [Fact]
        public Task VFIO002_SecondPutInFinally_TheEarlyPutIsRemoved()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    bool Supports(VfioCore core, VfioGroupFile file)
                    {
                        var group = core.GetExternalUser(file);
                        try
                        {
                            if (core.ExternalCheckExtension(group, 3) <= 0)
                            {
                                core.PutExternalUser(group);
                                return false;
                            }

                            return true;
                        }
                        finally
                        {
                            {|#0:core.PutExternalUser(group)|};
                        }
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    bool Supports(VfioCore core, VfioGroupFile file)
                    {
                        var group = core.GetExternalUser(file);
                        try
                        {
                            if (core.ExternalCheckExtension(group, 3) <= 0)
                            {
                                return false;
                            }

                            return true;
                        }
                        finally
                        {
                            core.PutExternalUser(group);
                        }
                    }
                }
                """;
            return VerifyTwice.VerifyCodeFixAsync(source,
                new[] { VerifyTwice.Diagnostic("VFIO002").WithLocation(0).WithArguments("'vfio-group'", "group", "") },
                fixedSource);
        }

        [Fact]
        public Task VFIO004_PutOfNullReference_Removed()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
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
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
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
            return VerifyNotHeld.VerifyCodeFixAsync(source,
                new[] { VerifyNotHeld.Diagnostic("VFIO004").WithLocation(0).WithArguments("'vfio-group'", "group", "it is null") },
                fixedSource);
        }

        [Fact]
        public Task VFIO002_EmbeddedSecondPut_ItsIfGoesToo()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool again)
                    {
                        var g = core.GetExternalUser(file);
                        core.PutExternalUser(g);
                        if (again)
                            {|#0:core.PutExternalUser(g)|};
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool again)
                    {
                        var g = core.GetExternalUser(file);
                        core.PutExternalUser(g);
                    }
                }
                """;
            return VerifyTwice.VerifyCodeFixAsync(source,
                new[] { VerifyTwice.Diagnostic("VFIO002").WithLocation(0).WithArguments("'vfio-group'", "g", "") },
                fixedSource);
        }

        [Fact]
        public Task VFIO002_OnlyPutInTheTry_TheTryGoesAndTheFinallyStays()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        try
                        {
                            core.PutExternalUser(g);
                        }
                        finally
                        {
                            {|#0:core.PutExternalUser(g)|};
                        }
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        core.PutExternalUser(g);
                    }
                }
                """;
            return VerifyTwice.VerifyCodeFixAsync(source,
                new[] { VerifyTwice.Diagnostic("VFIO002").WithLocation(0).WithArguments("'vfio-group'", "g", "") },
                fixedSource);
        }

        [Fact]
        public Task VFIO004_LocalThatOnlyHeldNull_ItsDeclarationGoesToo()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Close(VfioCore core, VfioGroupFile file)
                    {
                        VfioGroup? group = null;
                        {|#0:core.PutExternalUser(group!)|};
                        file.Close();
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Close(VfioCore core, VfioGroupFile file)
                    {
                        file.Close();
                    }
                }
                """;
            return VerifyNotHeld.VerifyCodeFixAsync(source,
                new[] { VerifyNotHeld.Diagnostic("VFIO004").WithLocation(0).WithArguments("'vfio-group'", "group", "it is null") },
                fixedSource);
        }

        [Fact]
        public Task VFIO002_PutInCatchAndInFinally_TheCatchPutIsRemoved()
        {
            // The finally puts on every path, the catch's path included: removing the finally's put would leak the others.
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        try
                        {
                            core.ExternalUserIommuId(g);
                        }
                        catch (VfioException)
                        {
                            core.PutExternalUser(g);
                        }
                        finally
                        {
                            {|#0:core.PutExternalUser(g)|};
                        }
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        try
                        {
                            core.ExternalUserIommuId(g);
                        }
                        catch (VfioException)
                        {
                        }
                        finally
                        {
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return VerifyTwice.VerifyCodeFixAsync(source,
                new[] { VerifyTwice.Diagnostic("VFIO002").WithLocation(0).WithArguments("'vfio-group'", "g", "") },
                fixedSource);
        }

        [Fact]
        public Task VFIO002_ConditionalPutThenPut_TheConditionalOneGoes()
        {
            // When 'fail' is false the second put is the only one: it stays, and the first, which always leads to it, goes.
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool fail)
                    {
                        var g = core.GetExternalUser(file);
                        if (fail)
                            core.PutExternalUser(g);
                        {|#0:core.PutExternalUser(g)|};
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool fail)
                    {
                        var g = core.GetExternalUser(file);
                        core.PutExternalUser(g);
                    }
                }
                """;
            return VerifyTwice.VerifyCodeFixAsync(source,
                new[] { VerifyTwice.Diagnostic("VFIO002").WithLocation(0).WithArguments("'vfio-group'", "g", "") },
                fixedSource);
        }

        [Fact]
        public Task VFIO002_CallBetweenTheTwoPuts_NoFixOffered()
        {
            // The second put is the only one when 'fail' is false; the first cannot go either, since 'file.Close()'
            // between them may throw and then nothing would put the group.
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file, bool fail)
                    {
                        var g = core.GetExternalUser(file);
                        if (fail)
                        {
                            core.PutExternalUser(g);
                            file.Close();
                        }
                        {|#0:core.PutExternalUser(g)|};
                    }
                }
                """;
            return VerifyTwice.VerifyCodeFixAsync(source,
                new[] { VerifyTwice.Diagnostic("VFIO002").WithLocation(0).WithArguments("'vfio-group'", "g", "") },
                source);
        }

        [Fact]
        public Task VFIO004_ReleaseAlsoReachedHoldingTheReference_NotRemoved()
        {
            // When 'ok' the put is the only one: removing it would leak (the guard fix applies instead).
            const string source = """
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
            return VerifyNotHeld.VerifyCodeFixAsync(source,
                new[] { VerifyNotHeld.Diagnostic("VFIO004").WithLocation(0).WithArguments("'vfio-group'", "g", "if 'TryGetExternalUser' failed; its result is not checked, so the reference may not be held") },
                source);
        }
    }
}
