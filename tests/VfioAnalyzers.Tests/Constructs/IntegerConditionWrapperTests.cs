using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Constructs
{
    /// <summary>
    /// VFIO008 for wrappers that declare an integer-result condition (issue 12): a result known to report success
    /// must come with a held reference, one known to report failure with none.
    /// </summary>
    public class IntegerConditionWrapperTests
    {
        private const string Pm = """

            namespace Contoso.Pm
            {
                using Vfio.Annotations;

                public sealed class Device { }

                public static class Power
                {
                    // pm_runtime_get_sync: the count is raised even when it fails.
                    public static int GetSync([Acquires("pm")] Device device) => 0;
                    public static void PutNoIdle([Releases("pm")] Device device) { }
                }
            }
            """;

        [Fact]
        public Task Zero_ErrnoStyleOut_IsClean()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                static class Groups
                {
                    public static int Open(VfioCore core, VfioGroupFile file, [Acquires("vfio-group", When = AcquiredWhen.Zero)] out VfioGroup? group)
                    {
                        if (!core.TryGetExternalUser(file, out group, out var error))
                            return -(int)error;
                        return 0;
                    }

                    public static int OpenChecked(VfioCore core, VfioGroupFile file, [Acquires("vfio-group", When = AcquiredWhen.Zero)] out VfioGroup? group)
                    {
                        group = core.GetExternalUser(file);
                        if (!core.ExternalGroupMatchFile(group, file))
                        {
                            // Put and reported as an error: the caller holds nothing, whatever 'group' still names.
                            core.PutExternalUser(group);
                            return -22;
                        }

                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Zero_ReturnsZeroWithoutHolding()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                static class Groups
                {
                    public static int Open(VfioCore core, VfioGroupFile file, [Acquires("vfio-group", When = AcquiredWhen.Zero)] out VfioGroup? {|#0:group|})
                    {
                        if (!core.TryGetExternalUser(file, out group, out var error))
                            return {|#1:0|};
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO008").WithLocation(0).WithLocation(1)
                    .WithArguments("Open", "it is annotated [Acquires(\"vfio-group\")] but it reports success (returns 0) while 'group' is null"));
        }

        [Fact]
        public Task Zero_ReturnsErrnoWhileHolding()
        {
            // The reviewed kernel bug, errno-style: the error path returns without putting the group.
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                static class Groups
                {
                    public static int Open(VfioCore core, VfioDevice device, VfioGroupFile file, [Acquires("vfio-group", When = AcquiredWhen.Zero)] out VfioGroup? {|#0:group|})
                    {
                        group = core.GetExternalUserFromDev(device);
                        if (!core.ExternalGroupMatchFile(group, file))
                            return {|#1:-(int)Errno.EINVAL|};
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO008").WithLocation(0).WithLocation(1)
                    .WithArguments("Open", "it is annotated [Acquires(\"vfio-group\")] but it reports failure (a non-zero result) while 'group' still holds a reference"));
        }

        [Fact]
        public Task NonNegative_DescriptorWrapper()
        {
            // The inner status passes on as it is (clean); a made-up error on the success side still holds.
            const string source = """
                using Vfio.Annotations;

                sealed class Lease { }

                static class Native
                {
                    public static int Open(string name, [Acquires("lease", When = AcquiredWhen.NonNegative)] out Lease? lease) { lease = new Lease(); return 3; }
                }

                static class Files
                {
                    public static int Open(string name, [Acquires("lease", When = AcquiredWhen.NonNegative)] out Lease? {|#0:lease|})
                    {
                        int fd = Native.Open(name, out lease);
                        if (fd < 0)
                            return fd;
                        if (fd > 1000)
                            return {|#1:-24|};
                        return fd;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO008").WithLocation(0).WithLocation(1)
                    .WithArguments("Open", "it is annotated [Acquires(\"lease\")] but it reports failure (a negative result) while 'lease' still holds a reference"));
        }

        [Fact]
        public Task Zero_ByValue_ResumeAndGet_IsClean()
        {
            // pm_runtime_resume_and_get: the count raised on failure is dropped before the error is returned.
            const string source = """
                using Contoso.Pm;
                using Vfio.Annotations;

                static class Wake
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

                    public static int Use(Device device)
                    {
                        int rc = ResumeAndGet(device);
                        if (rc != 0)
                            return rc;
                        Power.PutNoIdle(device);
                        return 0;
                    }
                }
                """ + Pm;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Zero_ByValue_ErrorPathKeepsTheCount()
        {
            // The pm_runtime_get_sync bug: the error path returns with the count still raised.
            const string source = """
                using Contoso.Pm;
                using Vfio.Annotations;

                static class Wake
                {
                    public static int ResumeAndGet([Acquires("pm", When = AcquiredWhen.Zero)] Device device)
                    {
                        int rc = {|#1:Power.GetSync(device)|};
                        if (rc < 0)
                            {|#0:return rc;|}
                        return 0;
                    }
                }
                """ + Pm;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'pm'", "device", "GetSync", " (when 'rc < 0' is true)"));
        }
    }
}
