using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.PutBeforeExitCodeFixProvider>;

namespace VfioAnalyzers.Tests.CodeFixes
{
    /// <summary>Put before exit for a leak on a path that leaves a catch block: by returning, or by falling out of it.</summary>
    public class CatchExitFixTests
    {
        [Fact]
        public Task ReturnInACatch_PutBeforeIt()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        try
                        {
                            core.ExternalCheckExtension(g, 1);
                        }
                        catch (VfioException)
                        {
                            {|#0:return -1;|}
                        }
                        core.PutExternalUser(g);
                        return 0;
                    }
                }
                """;
            const string fixedSource = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        try
                        {
                            core.ExternalCheckExtension(g, 1);
                        }
                        catch (VfioException)
                        {
                            core.PutExternalUser(g);
                            return -1;
                        }
                        core.PutExternalUser(g);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", string.Empty) },
                fixedSource);
        }

        [Fact]
        public Task CatchFallsOutHolding_TryPutAlready_PutAtTheEndOfTheCatch()
        {
            const string source = """
                using System;
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        try
                        {
                            core.ExternalCheckExtension(g, 1);
                            core.PutExternalUser(g);
                        }
                        catch (VfioException e)
                        {
                            Console.WriteLine(e.Errno);
                        }
                    {|#0:}|}
                }
                """;
            const string fixedSource = """
                using System;
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = core.GetExternalUser(file);
                        try
                        {
                            core.ExternalCheckExtension(g, 1);
                            core.PutExternalUser(g);
                        }
                        catch (VfioException e)
                        {
                            Console.WriteLine(e.Errno);
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", string.Empty) },
                fixedSource);
        }

        [Fact]
        public Task EmptyCatch_NoPutOffered()
        {
            // An empty catch leaves nothing to tell what its paths hold: no put where it could be a second one.
            const string source = """
                using Vfio;

                class Driver
                {
                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        try
                        {
                            core.ExternalCheckExtension(g, 1);
                            core.PutExternalUser(g);
                        }
                        catch (VfioException)
                        {
                        }
                    {|#0:}|}
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", string.Empty) },
                source);
        }
    }
}
