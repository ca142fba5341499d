using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Rules
{
    /// <summary>VFIO004: a release of a reference that is not held (a failed acquire, null), reported at the release.</summary>
    public class VFIO004ReleaseNotHeldTests
    {
        private const string UncheckedTry = "if 'TryGetExternalUser' failed; its result is not checked, so the reference may not be held";

        [Fact]
        public Task PutAfterFailedTry()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        if (!core.TryGetExternalUser(file, out var g, out _))
                        {
                            {|#0:core.PutExternalUser(g!)|};
                            return;
                        }
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO004").WithLocation(0).WithArguments("'vfio-group'", "g", "the acquire failed"));
        }

        [Fact]
        public Task PutAfterFailedTry_ResultInLocal()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    bool Use(VfioCore core, VfioGroupFile file)
                    {
                        bool ok = core.TryGetExternalUser(file, out var g, out _);
                        {|#0:core.PutExternalUser(g!)|};
                        return ok;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO004").WithLocation(0).WithArguments("'vfio-group'", "g", UncheckedTry));
        }

        [Fact]
        public Task PutAfterUncheckedTryStatement()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        core.TryGetExternalUser(file, out var g, out _);
                        {|#0:core.PutExternalUser(g!)|};
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO004").WithLocation(0).WithArguments("'vfio-group'", "g", UncheckedTry));
        }

        [Fact]
        public Task PutAfterTryCheckedThroughLocal_SaysTheAcquireFailed()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        bool ok = core.TryGetExternalUser(file, out var g, out _);
                        if (!ok)
                            {|#0:core.PutExternalUser(g!)|};
                        else
                            core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO004").WithLocation(0).WithArguments("'vfio-group'", "g", "the acquire failed"));
        }

        [Fact]
        public Task PutOfNull()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core)
                    {
                        VfioGroup? g = null;
                        {|#0:core.PutExternalUser(g!)|};
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO004").WithLocation(0).WithArguments("'vfio-group'", "g", "it is null"));
        }

        [Fact]
        public Task PutOfNullAcquireResult()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Registry
                {
                    [Acquires("vfio-group")]
                    public VfioGroup? Find(int id) => null;
                }

                class Driver
                {
                    void Use(VfioCore core, Registry registry, int id)
                    {
                        var g = registry.Find(id);
                        if (g == null)
                        {
                            {|#0:core.PutExternalUser(g!)|};
                            return;
                        }
                        core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO004").WithLocation(0).WithArguments("'vfio-group'", "g", "it is null"));
        }

        [Fact]
        public Task Clean_PutOnlyOnSuccess()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        if (core.TryGetExternalUser(file, out var g, out _))
                            core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_PutOfParameterIsNotJudged()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Drop(VfioCore core, VfioGroup group)
                    {
                        core.PutExternalUser(group);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Clean_NullCheckedBeforePut()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    void Drop(VfioCore core, VfioGroup? g)
                    {
                        if (g != null)
                            core.PutExternalUser(g);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }
    }
}
