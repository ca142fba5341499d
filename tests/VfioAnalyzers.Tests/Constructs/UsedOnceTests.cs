using System;
using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Constructs
{
    /// <summary>An acquired value used once and never stored: one rule and one wording, in a method or a lambda (issue 12).</summary>
    public class UsedOnceTests
    {
        [Fact]
        public Task ExpressionBodiedMember()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Id(VfioCore core, VfioGroupFile f) => {|#0:core.GetExternalUser(f)|}.Id;
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "GetExternalUser"));
        }

        [Fact]
        public Task Lambda()
        {
            const string source = """
                using System;
                using Vfio;

                class Driver
                {
                    Func<VfioGroupFile, int> Id(VfioCore core) => f => {|#0:core.GetExternalUser(f)|}.Id;
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "GetExternalUser"));
        }

        [Fact]
        public Task BlockBodiedReturn()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Id(VfioCore core, VfioGroupFile f)
                    {
                        return {|#0:core.GetExternalUser(f)|}.Id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "GetExternalUser"));
        }

        [Fact]
        public Task StoredThenPut_IsClean()
        {
            const string source = """
                using System;
                using Vfio;

                class Driver
                {
                    Func<VfioGroupFile, int> Id(VfioCore core) => f =>
                    {
                        var g = core.GetExternalUser(f);
                        try { return g.Id; }
                        finally { core.PutExternalUser(g); }
                    };
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }
    }
}
