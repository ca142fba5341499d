using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Constructs
{
    /// <summary>VFIO008 on more wrapper forms (issue 12): by-value, a returned field, an errno-style out wrapper.</summary>
    public class WrapperPromiseTests
    {
        private const string Power = """
            using Vfio.Annotations;

            namespace Contoso.Pm
            {
                public sealed class Device { }

                public static class Power
                {
                    public static bool TryResume([Acquires("pm")] Device device) => true;
                    public static void Suspend([Releases("pm")] Device device) { }
                }
            }
            """;

        [Fact]
        public Task ByValueWrapper_ReleasesThenReturnsTrue()
        {
            const string source = Power + """

                namespace App
                {
                    using Contoso.Pm;
                    using Vfio.Annotations;

                    static class Wake
                    {
                        public static bool Resume([Acquires("pm")] Device {|#0:device|}, bool probeOnly)
                        {
                            if (!Power.TryResume(device))
                                return false;
                            if (probeOnly)
                            {
                                Power.Suspend(device);
                                return {|#1:true|};
                            }
                            return true;
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO008").WithLocation(0).WithLocation(1)
                    .WithArguments("Resume", "it is annotated [Acquires(\"pm\")] but it reports success with 'device', which is a reference it already released"));
        }

        [Fact]
        public Task ByValueWrapper_ReleasesThenReturnsFalse_IsClean()
        {
            const string source = Power + """

                namespace App
                {
                    using Contoso.Pm;
                    using Vfio.Annotations;

                    static class Wake
                    {
                        public static bool Resume([Acquires("pm")] Device device, bool probeOnly)
                        {
                            if (!Power.TryResume(device))
                                return false;
                            if (probeOnly)
                            {
                                Power.Suspend(device);
                                return false;
                            }
                            return true;
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task ErrnoOutWrapper_PutsAndLeavesTheOutNonNull()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Opener
                {
                    private readonly VfioCore _core = new VfioCore();

                    public int Open(VfioGroupFile file, [Acquires("vfio-group")] out VfioGroup? {|#0:group|})
                    {
                        group = _core.GetExternalUser(file);
                        if (_core.ExternalCheckExtension(group, 1) == 0)
                        {
                            _core.PutExternalUser(group);
                            return {|#1:-22|};
                        }
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO008").WithLocation(0).WithLocation(1)
                    .WithArguments("Open", "it is annotated [Acquires(\"vfio-group\")] but it reports success with 'group', which is a reference it already released"));
        }

        [Fact]
        public Task ErrnoOutWrapper_PutsAndClearsTheOut_IsClean()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Opener
                {
                    private readonly VfioCore _core = new VfioCore();

                    public int Open(VfioGroupFile file, [Acquires("vfio-group")] out VfioGroup? group)
                    {
                        group = _core.GetExternalUser(file);
                        if (_core.ExternalCheckExtension(group, 1) == 0)
                        {
                            _core.PutExternalUser(group);
                            group = null;
                            return -22;
                        }
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task ReturnsACachedFieldItDidNotAcquire()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Opener
                {
                    private readonly VfioCore _core = new VfioCore();
                    private VfioGroup? _cached;

                    [Acquires("vfio-group")]
                    public VfioGroup {|#0:Open|}(VfioGroupFile file)
                    {
                        if (_cached is not null)
                            return {|#1:_cached|};
                        return _core.GetExternalUser(file);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO008").WithLocation(0).WithLocation(1)
                    .WithArguments("Open", "it is annotated [Acquires(\"vfio-group\")] but it returns '_cached', which it did not acquire"));
        }

        [Fact]
        public Task ReturnsACachedFieldAfterAcquiringIt_IsClean()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Opener
                {
                    private readonly VfioCore _core = new VfioCore();
                    private VfioGroupFile? _file;

                    [Acquires("vfio-group")]
                    public VfioGroup Open(VfioGroupFile file)
                    {
                        if (_file is not null)
                            return _core.GetExternalUser(_file);
                        return _core.GetExternalUser(file);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }
    }
}
