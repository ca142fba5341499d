using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Constructs
{
    /// <summary><c>x ??= Get(f)</c> stores into the variable or field it names (issue 12).</summary>
    public class CoalesceAssignmentTests
    {
        [Fact]
        public Task StaticFieldNothingReleases()
        {
            const string source = """
                using Vfio;

                class Cache
                {
                    static VfioGroup? {|#0:s_shared|};

                    void Warm(VfioCore core, VfioGroupFile file)
                    {
                        {|#1:s_shared ??= core.GetExternalUser(file)|};
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO007").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "s_shared"));
        }

        [Fact]
        public Task InstanceFieldReleasedElsewhere_IsClean()
        {
            const string source = """
                using Vfio;

                class Cache
                {
                    VfioGroup? _shared;

                    void Warm(VfioCore core, VfioGroupFile file) => _shared ??= core.GetExternalUser(file);

                    void Drop(VfioCore core)
                    {
                        if (_shared != null)
                            core.PutExternalUser(_shared);
                        _shared = null;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task AfterUncheckedTry_FillsTheGap_IsClean()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile a, VfioGroupFile b)
                    {
                        core.TryGetExternalUser(a, out var group, out _);
                        group ??= core.GetExternalUser(b);
                        core.PutExternalUser(group);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task AfterUncheckedTry_NeverPut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile a, VfioGroupFile b)
                    {
                        {|#1:core.TryGetExternalUser(a, out var group, out _)|};
                        group ??= core.GetExternalUser(b);
                        {|#0:return group.Id;|}
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "TryGetExternalUser", " (when 'group' is not null)"));
        }
    }
}
