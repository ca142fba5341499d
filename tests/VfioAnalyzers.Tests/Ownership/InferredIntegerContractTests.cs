using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.DeclareInferredContractCodeFixProvider>;
using VerifyAnalyzer = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Ownership
{
    /// <summary>
    /// Inferred contracts of errno-style wrappers (issue 12): holding on every exit that returns 0, and on none that
    /// returns a negative status, is "acquired when it returns 0".
    /// </summary>
    public class InferredIntegerContractTests
    {
        private const string Pm = """

            namespace Contoso.Pm
            {
                using Vfio.Annotations;

                public sealed class Device { }

                public static class Power
                {
                    public static int GetSync([Acquires("pm")] Device device) => 0;
                    public static void PutNoIdle([Releases("pm")] Device device) { }
                }
            }
            """;

        [Fact]
        public Task ErrnoStyleWrapper_IsInferredAtItsCallers()
        {
            const string source = """
                using Contoso.Pm;

                static class Wake
                {
                    internal static int ResumeAndGet(Device device)
                    {
                        int rc = Power.GetSync(device);
                        if (rc < 0)
                        {
                            Power.PutNoIdle(device);
                            return rc;
                        }

                        return 0;
                    }

                    static int Clean(Device device)
                    {
                        int rc = ResumeAndGet(device);
                        if (rc != 0)
                            return rc;
                        Power.PutNoIdle(device);
                        return 0;
                    }

                    static int Leaks()
                    {
                        var device = new Device();
                        if ({|#1:ResumeAndGet(device)|} < 0)
                            return -1;
                        {|#0:return 0;|}
                    }
                }
                """ + Pm;
            return VerifyAnalyzer.VerifyAnalyzerAsync(source,
                VerifyAnalyzer.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'pm'", "device", "ResumeAndGet", " (when 'ResumeAndGet(device) < 0' is false)"));
        }

        [Fact]
        public Task ErrnoStyleWrapper_WhoseErrorIsUnknown_IsNotInferred()
        {
            // `return -errno;` of an unknown errno: the exit's sign is unknown, so no condition is claimed, and the
            // caller's use of the device is not taken for an acquire.
            const string source = """
                using Contoso.Pm;

                static class Wake
                {
                    internal static int ResumeAndGet(Device device, int errno)
                    {
                        int rc = Power.GetSync(device);
                        if (rc < 0)
                        {
                            Power.PutNoIdle(device);
                            return -errno;
                        }

                        return 0;
                    }

                    static int Use()
                    {
                        var device = new Device();
                        if (ResumeAndGet(device, 5) < 0)
                            return -1;
                        return 0;
                    }
                }
                """ + Pm;
            return VerifyAnalyzer.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task PublicErrnoStyleWrapper_GetsWhenZero()
        {
            const string source = """
                using Contoso.Pm;

                public static class Wake
                {
                    public static int ResumeAndGet(Device {|#0:device|})
                    {
                        int rc = Power.GetSync(device);
                        if (rc < 0)
                        {
                            Power.PutNoIdle(device);
                            return rc;
                        }

                        return 0;
                    }
                }
                """ + Pm;
            const string fixedSource = """
                using Contoso.Pm;
                using Vfio.Annotations;

                public static class Wake
                {
                    public static int ResumeAndGet([Acquires("pm", When = AcquiredWhen.Zero)] Device device)
                    {
                        int rc = Power.GetSync(device);
                        if (rc < 0)
                        {
                            Power.PutNoIdle(device);
                            return rc;
                        }

                        return 0;
                    }
                }
                """ + Pm;
            return Verify.VerifyCodeFixAsync(source, editorConfig: null,
                new[] { Verify.Diagnostic("VFIO009").WithLocation(0).WithArguments("ResumeAndGet", "returns holding the 'pm' reference it acquired on 'device' when it returns 0", "[Acquires(\"pm\", When = AcquiredWhen.Zero)] on 'device'") },
                fixedSource);
        }
    }
}
