using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Constructs
{
    /// <summary>
    /// A tuple literal stored whole in a local (issue 12): the local carries the one reference in it, and reading the
    /// element back (by position, by name, by deconstruction) is that reference.
    /// </summary>
    public class StoredTupleTests
    {
        [Fact]
        public Task StoredWhole_EarlyReturn_Leaks()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile f)
                    {
                        var t = ({|#1:core.GetExternalUser(f)|}, 5);
                        if (t.Item1.Id == 0)
                            {|#0:return 0;|}
                        core.PutExternalUser(t.Item1);
                        return t.Item2;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "t", "GetExternalUser", " (when 't.Item1.Id == 0' is true)"));
        }

        [Fact]
        public Task StoredWhole_NeverPut_Leaks()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile f)
                    {
                        (VfioGroup group, int n) t = ({|#1:core.GetExternalUser(f)|}, 5);
                        {|#0:return t.n;|}
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "t", "GetExternalUser", string.Empty));
        }

        [Fact]
        public Task StoredWhole_ReadBack_IsClean()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    (VfioGroup, int) Keep(VfioCore core, VfioGroupFile f)
                    {
                        var t = (core.GetExternalUser(f), 5);
                        return t;
                    }

                    int ByName(VfioCore core, VfioGroupFile f)
                    {
                        var t = (group: core.GetExternalUser(f), n: 5);
                        core.PutExternalUser(t.group);
                        return t.n;
                    }

                    int Deconstructed(VfioCore core, VfioGroupFile f)
                    {
                        var t = (core.GetExternalUser(f), 5);
                        var (g, n) = t;
                        core.PutExternalUser(g);
                        return n;
                    }

                    void TwoReferences(VfioCore core, VfioGroupFile a, VfioGroupFile b)
                    {
                        // Two references in one tuple are handed on, as any aggregate: no finding either way.
                        var t = (core.GetExternalUser(a), core.GetExternalUser(b));
                        core.PutExternalUser(t.Item1);
                        core.PutExternalUser(t.Item2);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }
    }
}
