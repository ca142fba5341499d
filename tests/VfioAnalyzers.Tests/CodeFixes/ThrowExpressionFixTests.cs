using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.PutBeforeExitCodeFixProvider>;

namespace VfioAnalyzers.Tests.CodeFixes
{
    /// <summary>Put before exit for a leak through a throw expression: the statement form, the put before the throw.</summary>
    public class ThrowExpressionFixTests
    {
        [Fact]
        public Task Coalesce_BecomesANullTestThatPutsThenThrows()
        {
            const string source = """
                using System;
                using Vfio;

                class Driver
                {
                    string Use(VfioCore core, VfioGroupFile file, string? name)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        var n = name ?? {|#0:throw new ArgumentNullException(nameof(name))|};
                        core.PutExternalUser(g);
                        return n;
                    }
                }
                """;
            const string fixedSource = """
                using System;
                using Vfio;

                class Driver
                {
                    string Use(VfioCore core, VfioGroupFile file, string? name)
                    {
                        var g = core.GetExternalUser(file);
                        if (name is null)
                        {
                            core.PutExternalUser(g);
                            throw new ArgumentNullException(nameof(name));
                        }

                        var n = name;
                        core.PutExternalUser(g);
                        return n;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'name' is null)") },
                fixedSource);
        }

        [Fact]
        public Task NullableValueAssigned_TheValueIsRead()
        {
            const string source = """
                using System;
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, int? mode)
                    {
                        int m = 0;
                        var g = {|#1:core.GetExternalUser(file)|};
                        m = mode ?? {|#0:throw new ArgumentException("no mode")|};
                        core.PutExternalUser(g);
                        return m;
                    }
                }
                """;
            const string fixedSource = """
                using System;
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, int? mode)
                    {
                        int m = 0;
                        var g = core.GetExternalUser(file);
                        if (mode is null)
                        {
                            core.PutExternalUser(g);
                            throw new ArgumentException("no mode");
                        }

                        m = mode.Value;
                        core.PutExternalUser(g);
                        return m;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'mode' is null)") },
                fixedSource);
        }

        [Fact]
        public Task ConditionalReturned_ConditionNegatedBeforeTheThrow()
        {
            const string source = """
                using System;
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, int id)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        int ret = core.ExternalUserIommuId(g);
                        core.PutExternalUser(g);
                        return ret;
                    }

                    int Check(VfioCore core, VfioGroupFile file, int id)
                    {
                        var g = {|#3:core.GetExternalUser(file)|};
                        int result = id >= 0 ? id : {|#2:throw new ArgumentOutOfRangeException(nameof(id))|};
                        core.PutExternalUser(g);
                        return result;
                    }
                }
                """;
            const string fixedSource = """
                using System;
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, int id)
                    {
                        var g = core.GetExternalUser(file);
                        int ret = core.ExternalUserIommuId(g);
                        core.PutExternalUser(g);
                        return ret;
                    }

                    int Check(VfioCore core, VfioGroupFile file, int id)
                    {
                        var g = core.GetExternalUser(file);
                        if (!(id >= 0))
                        {
                            core.PutExternalUser(g);
                            throw new ArgumentOutOfRangeException(nameof(id));
                        }

                        int result = id;
                        core.PutExternalUser(g);
                        return result;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(2).WithLocation(3).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'id >= 0' is false)") },
                fixedSource);
        }

        [Fact]
        public Task ThrowInAnArgument_NoPutOffered()
        {
            // Other arguments run before the throw: taking it out of the call would change what runs first.
            const string source = """
                using System;
                using Vfio;

                class Driver
                {
                    long Use(VfioCore core, VfioGroupFile file, long? extension)
                    {
                        var g = {|#1:core.GetExternalUser(file)|};
                        long r = core.ExternalCheckExtension(g, extension ?? {|#0:throw new ArgumentNullException(nameof(extension))|});
                        core.PutExternalUser(g);
                        return r;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUser", " (when 'extension' is null)") },
                source);
        }
    }
}
