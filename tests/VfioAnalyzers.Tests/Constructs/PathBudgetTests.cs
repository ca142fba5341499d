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

        [Fact]
        public Task PastTheBudget_ThePlaceOfAReferenceNullTestedOnOnePathOnly_StillHoldsIt()
        {
            // Twelve paths reach the test with 'group' unchecked, one with it checked: merged, 'group' still holds the
            // reference (null-tested or not), so the leak at the return is reported rather than silenced.
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Driver
                {
                    [Acquires("vfio-group")]
                    static VfioGroup? Find(VfioCore core, VfioGroupFile file) => core.GetExternalUser(file);

                    int Probe(VfioCore core, VfioGroupFile file, int k)
                    {
                        int x = 0;
                        VfioGroup? group = {|#1:Find(core, file)|};
                        switch (k)
                        {
                            case 0: x = 100; break;
                            case 1: x = 101; break;
                            case 2: x = 102; break;
                            case 3: x = 103; break;
                            case 4: x = 104; break;
                            case 5: x = 105; break;
                            case 6: x = 106; break;
                            case 7: x = 107; break;
                            case 8: x = 108; break;
                            case 9: x = 109; break;
                            case 10: x = 110; break;
                            case 11: x = 111; break;
                            default:
                                if (group == null)
                                    return -1;
                                x = 112;
                                break;
                        }

                        if (x == 999)
                            x = 0;
                        {|#0:return x;|}
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "Find", " (when 'x == 999' is false)"));
        }

        [Fact]
        public Task FlagsToggledInALoop_TheAnalysisSettles_AndReportsTheLeak()
        {
            // Five flags toggled on every turn bring new paths to the loop's head on every run: once merged, each
            // later path of that kind joins the merged one, so the loop settles (a body that never settles is given
            // up, and its findings withheld).
            const string source = """
                using Vfio;

                class Driver
                {
                    int Probe(VfioCore core, VfioGroupFile file, int n)
                    {
                        int x = 0;
                        bool a = false, b = false, c = false, d = false, e = false;
                        var group = {|#1:core.GetExternalUser(file)|};
                        for (int i = 0; i < n; i++)
                        {
                            if (i % 2 == 0) a = !a;
                            if (i % 3 == 0) b = !b;
                            if (i % 5 == 0) c = !c;
                            if (i % 7 == 0) d = !d;
                            if (i % 11 == 0) e = !e;
                            if (a && b) x++;
                            if (c || d || e) x--;
                        }

                        if (x > 100)
                            {|#0:return x;|}
                        core.PutExternalUser(group);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'x > 100' is true)"));
        }
    }
}
