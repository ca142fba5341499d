using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Constructs
{
    /// <summary>
    /// A local function annotated with <c>[Acquires]</c> or <c>[Releases]</c> keeps its promise, as a method does: its
    /// body (a primitive's, which uses no annotated member) is not run in its place.
    /// </summary>
    public class AnnotatedLocalFunctionTests
    {
        private const string Shape = """
            using Vfio.Annotations;

            sealed class Lease { }

            static class Native
            {
                public static int Use(string name, bool fail)
                {
                    var lease = {|#1:Open(name)|};
                    if (fail)
                        {|#0:return -1;|}
                    Close(lease);
                    return 0;

                    [return: Acquires("lease")] static Lease Open(string name) => new Lease();
                    static void Close([Releases("lease")] Lease lease) { }
                }
            }
            """;

        [Fact]
        public Task ErrorPathWithoutClose_IsVFIO001()
        {
            return Verify.VerifyAnalyzerAsync(Shape,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'lease'", "lease", "Open", " (when 'fail' is true)"));
        }

        [Fact]
        public Task ClosedOnEveryPath_IsClean()
        {
            var source = Shape.Replace("{|#1:Open(name)|}", "Open(name)").Replace("{|#0:return -1;|}", "{ Close(lease); return -1; }");
            return Verify.VerifyAnalyzerAsync(source);
        }
    }
}
