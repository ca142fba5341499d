using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Constructs
{
    /// <summary>
    /// Bodies whose paths outnumber the budget of states per block: past it, paths that agree on every reference's
    /// fate are merged and forget the flags they disagree on. A leak must still be reported, and a reference whose
    /// places the merged paths disagree on must not be reported as leaked.
    /// </summary>
    public class PathBudgetTests
    {
        [Fact]
        public Task FlagsPastTheBudget_LeakOnThePathsThatAcquired_IsReported()
        {
            // 16 paths that hold nothing reach the return first, then 16 that hold the reference: these must not be
            // folded into the paths that hold nothing, which silenced the leak.
            const string source = """
                using Vfio;

                class Driver
                {
                    int Probe(VfioCore core, VfioGroupFile file, bool open, bool a, bool b, bool c, bool d)
                    {
                        int x = 0;
                        VfioGroup? group = null;
                        if (a) x++;
                        if (b) x += 2;
                        if (c) x += 4;
                        if (d) x += 8;
                        if (open)
                            group = {|#1:core.GetExternalUser(file)|};
                        {|#0:return x;|}
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", ""));
        }

        [Fact]
        public Task FlagsPastTheBudget_ReleasedOnEveryPath_IsClean()
        {
            // The same flags, the reference put on the paths that took it: nothing to report, before or past the budget.
            const string source = """
                using Vfio;

                class Driver
                {
                    int Probe(VfioCore core, VfioGroupFile file, bool open, bool a, bool b, bool c, bool d)
                    {
                        int x = 0;
                        VfioGroup? group = null;
                        if (a) x++;
                        if (b) x += 2;
                        if (c) x += 4;
                        if (d) x += 8;
                        if (open)
                            group = core.GetExternalUser(file);
                        if (a) x--;
                        if (b) x -= 2;
                        if (open)
                            core.PutExternalUser(group!);
                        return x;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task FlagsPastTheBudget_ReferenceInDifferentPlaces_IsNotReported()
        {
            // Every path holds the one reference, in 'first' or in 'second', and puts it through the place it is in:
            // merged paths that no longer know which place holds it must fall silent, not report a leak.
            const string source = """
                using Vfio;

                class Driver
                {
                    int Probe(VfioCore core, VfioGroupFile file, bool which, bool a, bool b, bool c, bool d)
                    {
                        int x = 0;
                        VfioGroup? first = null, second = null;
                        VfioGroup? taken = core.GetExternalUser(file);
                        if (which)
                            first = taken;
                        else
                            second = taken;
                        taken = null;
                        if (a) x++;
                        if (b) x += 2;
                        if (c) x += 4;
                        if (d) x += 8;
                        if (which)
                            core.PutExternalUser(first!);
                        else
                            core.PutExternalUser(second!);
                        return x;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }
    }
}
