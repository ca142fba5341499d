using System.Threading.Tasks;
using VfioAnalyzers.Tests.Pairs;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Constructs
{
    /// <summary><c>h?.Free()</c> on a nullable handle releases it on the path where it is not null (issue 12).</summary>
    public class NullableHandleTests
    {
        [Fact]
        public Task NullableGcHandle_FreedWithConditionalAccess_IsClean()
        {
            const string source = """
                using System.Runtime.InteropServices;

                class Pinner
                {
                    void Work() { }

                    void Use(object buffer, bool pin)
                    {
                        GCHandle? pinned = null;
                        try
                        {
                            if (pin)
                                pinned = GCHandle.Alloc(buffer, GCHandleType.Pinned);
                            Work();
                        }
                        finally
                        {
                            pinned?.Free();
                        }
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task NullableGcHandle_FreedOnOneBranchOnly()
        {
            const string source = """
                using System.Runtime.InteropServices;

                class Pinner
                {
                    bool Use(object buffer, bool pin, bool fast)
                    {
                        GCHandle? pinned = null;
                        if (pin)
                            pinned = {|#1:GCHandle.Alloc(buffer, GCHandleType.Pinned)|};
                        if (fast)
                            {|#0:return true;|}
                        pinned?.Free();
                        return false;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'gc-handle'", "pinned", "Alloc", " (when 'fast' is true)"));
        }
    }
}
