using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.ExceptionPaths
{
    /// <summary>
    /// The calls of one statement mostly raise the same state into the handler around them; it is taken there once. A
    /// state that changed between two calls is a path of its own and still reaches the handler.
    /// </summary>
    public class RaisedAgainTests
    {
        [Fact]
        public Task TwoCallsOfOneStatement_HandlerThatDropsTheReference_LeakIsReportedOnce()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    static int Use(int value) => value;

                    int Probe(VfioCore core, VfioGroupFile file)
                    {
                        var group = {|#1:core.GetExternalUser(file)|};
                        try
                        {
                            Use(Use(1));
                        }
                        catch
                        {
                            {|#0:return -1;|}
                        }

                        core.PutExternalUser(group);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", string.Empty));
        }

        [Fact]
        public Task TwoCallsOfOneStatement_HandlerThatPutsTheReference_IsClean()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    static int Use(int value) => value;

                    int Probe(VfioCore core, VfioGroupFile file)
                    {
                        var group = core.GetExternalUser(file);
                        try
                        {
                            Use(Use(1));
                        }
                        catch
                        {
                            core.PutExternalUser(group);
                            return -1;
                        }

                        core.PutExternalUser(group);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task AStateChangedBetweenTwoCalls_ReachesTheHandlerToo()
        {
            // The first call raises with `taken` false, which the handler puts; the second with `taken` true, which it
            // drops: only the second path leaks.
            const string source = """
                using Vfio;

                class Driver
                {
                    static void Work() { }

                    int Probe(VfioCore core, VfioGroupFile file)
                    {
                        var group = {|#1:core.GetExternalUser(file)|};
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
                                core.PutExternalUser(group);
                            {|#0:return -1;|}
                        }

                        core.PutExternalUser(group);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when '!taken' is false)"));
        }
    }
}
