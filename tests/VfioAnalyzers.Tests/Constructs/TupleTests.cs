using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Constructs
{
    /// <summary>Tuples and deconstruction (issue 12): each element goes to the variable it is deconstructed into.</summary>
    public class TupleTests
    {
        [Fact]
        public Task DeconstructedLiteral_EarlyReturn_Leaks()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile f, int n)
                    {
                        var (g, k) = ({|#1:core.GetExternalUser(f)|}, n);
                        if (k == 0)
                            {|#0:return 0;|}
                        core.PutExternalUser(g);
                        return k;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'k == 0' is true)"));
        }

        [Fact]
        public Task DeconstructedLiteral_Put_IsClean()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile f, int n)
                    {
                        var (g, k) = (core.GetExternalUser(f), n);
                        if (k == 0)
                        {
                            core.PutExternalUser(g);
                            return 0;
                        }

                        core.PutExternalUser(g);
                        return k;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task DeconstructionOverwritesHeldVariable()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile a, VfioGroupFile b)
                    {
                        var group = {|#1:core.GetExternalUser(a)|};
                        int n = 1;
                        {|#0:(group, n) = (core.GetExternalUser(b), 2)|};
                        core.PutExternalUser(group);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO006").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser"));
        }

        [Fact]
        public Task DeconstructionAfterPut_IsClean()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile a, VfioGroupFile b)
                    {
                        var group = core.GetExternalUser(a);
                        int n = 1;
                        core.PutExternalUser(group);
                        (group, n) = (core.GetExternalUser(b), 2);
                        core.PutExternalUser(group);
                        return n;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task DeconstructedAliases_PutTwice()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile f)
                    {
                        var g = core.GetExternalUser(f);
                        var (x, y) = (g, g);
                        core.PutExternalUser(x);
                        {|#0:core.PutExternalUser(y)|};
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO002").WithLocation(0).WithArguments("'vfio-group'", "y", ""));
        }

        [Fact]
        public Task DeconstructedAliases_PutOnce_IsClean()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile f)
                    {
                        var g = core.GetExternalUser(f);
                        var (x, y) = (g, g);
                        int id = y.Id;
                        core.PutExternalUser(x);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task TupleReturningFactory_CallerHolds_Leaks()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Driver
                {
                    [return: Acquires("vfio-group")]
                    static (VfioGroup Group, int Id) Open(VfioCore core, VfioGroupFile f)
                    {
                        var g = core.GetExternalUser(f);
                        return (g, g.Id);
                    }

                    int Use(VfioCore core, VfioGroupFile f)
                    {
                        var (g, id) = {|#1:Open(core, f)|};
                        if (id < 0)
                            {|#0:return id;|}
                        core.PutExternalUser(g);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "Open", " (when 'id < 0' is true)"));
        }

        [Fact]
        public Task TupleReturningFactory_HandsOn_CallerPuts_IsClean()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    static (VfioGroup Group, int Id) Open(VfioCore core, VfioGroupFile f)
                    {
                        var g = core.GetExternalUser(f);
                        return (g, g.Id);
                    }

                    int Use(VfioCore core, VfioGroupFile f)
                    {
                        var (g, id) = Open(core, f);
                        core.PutExternalUser(g);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }
    
        [Fact]
        public Task TupleReturningFactory_KeptWhole_PutThroughElement_IsClean()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Driver
                {
                    [return: Acquires("vfio-group")]
                    static (VfioGroup Group, int Id) Open(VfioCore core, VfioGroupFile f)
                    {
                        var g = core.GetExternalUser(f);
                        return (g, g.Id);
                    }

                    int Use(VfioCore core, VfioGroupFile f)
                    {
                        var opened = Open(core, f);
                        core.PutExternalUser(opened.Group);
                        return opened.Id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task TupleReturningFactory_Inferred_Leaks()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    static (VfioGroup Group, int Id) Open(VfioCore core, VfioGroupFile f)
                    {
                        var g = core.GetExternalUser(f);
                        return (g, g.Id);
                    }

                    int Use(VfioCore core, VfioGroupFile f)
                    {
                        var (g, id) = {|#1:Open(core, f)|};
                        if (id < 0)
                            {|#0:return id;|}
                        core.PutExternalUser(g);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "Open", " (when 'id < 0' is true)"));
        }

        [Fact]
        public Task DiscardedElement_IsDiscarded()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile f, int n)
                    {
                        var (_, k) = ({|#0:core.GetExternalUser(f)|}, n);
                        return k;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "GetExternalUser"));
        }
    }
}
