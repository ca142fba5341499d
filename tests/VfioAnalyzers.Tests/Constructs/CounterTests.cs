using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Constructs
{
    /// <summary>Small integer counters compared with constants decide the cleanup's tests, as bool flags do (issue 12).</summary>
    public class CounterTests
    {
        [Fact]
        public Task CountedAcquires_ReleasedByCount_IsClean()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Work() { }

                    void Use(VfioCore core, VfioGroupFile a, VfioGroupFile b, bool two)
                    {
                        int held = 0;
                        VfioGroup? first = null, second = null;
                        try
                        {
                            first = core.GetExternalUser(a);
                            held++;
                            if (two)
                            {
                                second = core.GetExternalUser(b);
                                held += 1;
                            }

                            Work();
                        }
                        finally
                        {
                            if (held > 1)
                                core.PutExternalUser(second!);
                            if (held > 0)
                                core.PutExternalUser(first!);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task CountedAcquires_SecondNeverReleased()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Work() { }

                    void Use(VfioCore core, VfioGroupFile a, VfioGroupFile b, bool two)
                    {
                        int held = 0;
                        VfioGroup? first = null, second = null;
                        try
                        {
                            first = core.GetExternalUser(a);
                            held++;
                            if (two)
                            {
                                second = {|#1:core.GetExternalUser(b)|};
                                held++;
                            }

                            Work();
                        }
                        finally
                        {
                            if (held > 0)
                                core.PutExternalUser(first!);
                            if (held > 2)
                                core.PutExternalUser(second!);
                        }
                    {|#0:}|}
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "second", "GetExternalUser", " (when 'held > 2' is false)"));
        }
    }
}
