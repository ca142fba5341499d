using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Constructs
{
    /// <summary>
    /// Acquired when the member returns 0 (<c>GetExternalUserErrno</c>, <c>When = AcquiredWhen.Zero</c>) or 0 or more
    /// (<c>When = AcquiredWhen.NonNegative</c>), at call sites: the result's sign decides each comparison (issue 12).
    /// </summary>
    public class IntegerConditionTests
    {
        // A primitive (its body uses no annotated member of its kind): taken at its word.
        private const string Native = """

            sealed class Lease { public int Id { get; } }

            static class Native
            {
                public static int Open(string name, [Acquires("lease", When = AcquiredWhen.NonNegative)] out Lease? lease) { lease = new Lease(); return 3; }
                public static void Close([Releases("lease")] Lease lease) { }
            }
            """;

        [Fact]
        public Task Zero_TestedInTheCondition_IsClean()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        if (core.GetExternalUserErrno(file, out var g) != 0)
                            return -1;
                        int id = g!.Id;
                        core.PutExternalUser(g);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Zero_StoredResult_EachFormOfTheTest_IsClean()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int NotZero(VfioCore core, VfioGroupFile file)
                    {
                        var rc = core.GetExternalUserErrno(file, out var g);
                        if (rc != 0)
                            return rc;
                        core.PutExternalUser(g!);
                        return 0;
                    }

                    int Swapped(VfioCore core, VfioGroupFile file)
                    {
                        int rc = core.GetExternalUserErrno(file, out var g);
                        if (0 != rc)
                            return rc;
                        core.PutExternalUser(g!);
                        return 0;
                    }

                    int Negative(VfioCore core, VfioGroupFile file)
                    {
                        int rc = core.GetExternalUserErrno(file, out var g);
                        if (rc < 0)
                            return rc;
                        core.PutExternalUser(g!);
                        return 0;
                    }

                    int NotZeroPattern(VfioCore core, VfioGroupFile file)
                    {
                        int rc = core.GetExternalUserErrno(file, out var g);
                        if (rc is not 0)
                            return rc;
                        core.PutExternalUser(g!);
                        return 0;
                    }

                    void ZeroPattern(VfioCore core, VfioGroupFile file)
                    {
                        int rc = core.GetExternalUserErrno(file, out var g);
                        if (rc is 0)
                            core.PutExternalUser(g!);
                    }

                    void Equal(VfioCore core, VfioGroupFile file)
                    {
                        int rc = core.GetExternalUserErrno(file, out var g);
                        if (rc == 0)
                        {
                            core.PutExternalUser(g!);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Zero_StoredResult_EarlyReturnOnSuccessLeaks()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file, bool early)
                    {
                        int rc = {|#1:core.GetExternalUserErrno(file, out var g)|};
                        if (rc != 0)
                            return rc;
                        if (early)
                            {|#0:return 1;|}
                        core.PutExternalUser(g!);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUserErrno", " (when 'early' is true)"));
        }

        [Fact]
        public Task Zero_ReleaseOnTheFailureSide_IsNotHeld()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        int rc = core.GetExternalUserErrno(file, out var g);
                        if (rc < 0)
                        {
                            {|#0:core.PutExternalUser(g!)|};
                            return rc;
                        }

                        core.PutExternalUser(g!);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO004").WithLocation(0).WithArguments("'vfio-group'", "g", "the acquire failed"));
        }

        [Fact]
        public Task Zero_TestedForAnotherValue_KeepsHolding()
        {
            // `rc == 5` is false on both sides (0, or a negative errno): the success side still holds after it.
            const string source = """
                using Vfio;

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        int rc = {|#1:core.GetExternalUserErrno(file, out var g)|};
                        if (rc == 5)
                            return 5;
                        if (rc == 0)
                            {|#0:return g!.Id;|}
                        return rc;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUserErrno", " (when 'rc == 0' is true)"));
        }

        [Fact]
        public Task NonNegative_EachFormOfTheTest_IsClean()
        {
            const string source = """
                using Vfio.Annotations;

                class User
                {
                    int Below(string name)
                    {
                        int fd = Native.Open(name, out var lease);
                        if (fd < 0)
                            return fd;
                        Native.Close(lease!);
                        return fd;
                    }

                    int AtMostMinusOne(string name)
                    {
                        int fd = Native.Open(name, out var lease);
                        if (fd <= -1)
                            return -1;
                        Native.Close(lease!);
                        return fd;
                    }

                    int Swapped(string name)
                    {
                        int fd = Native.Open(name, out var lease);
                        if (0 > fd)
                            return fd;
                        Native.Close(lease!);
                        return fd;
                    }

                    void AtLeastZero(string name)
                    {
                        if (Native.Open(name, out var lease) >= 0)
                            Native.Close(lease!);
                    }

                    void Patterns(string name)
                    {
                        int fd = Native.Open(name, out var lease);
                        if (fd is < 0)
                            return;
                        Native.Close(lease!);
                    }

                    void NotNegativePattern(string name)
                    {
                        int fd = Native.Open(name, out var lease);
                        if (fd is >= 0)
                            Native.Close(lease!);
                    }
                }
                """ + Native;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task NonNegative_PositiveAndZero_BothHold()
        {
            // Tricky but clean: `> 0` and `== 0` split the success side; each part releases.
            const string source = """
                using Vfio.Annotations;

                class User
                {
                    int Use(string name)
                    {
                        int fd = Native.Open(name, out var lease);
                        if (fd > 0)
                        {
                            Native.Close(lease!);
                            return fd;
                        }

                        if (fd == 0)
                            Native.Close(lease!);
                        return -1;
                    }
                }
                """ + Native;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task NonNegative_NotZeroTest_LeaksThePositiveDescriptor()
        {
            // A descriptor may be positive: `!= 0` does not tell failure from success, and 3 is held on the early return.
            const string source = """
                using Vfio.Annotations;

                class User
                {
                    int Use(string name)
                    {
                        int fd = {|#1:Native.Open(name, out var lease)|};
                        if (fd != 0)
                            {|#0:return fd;|}
                        Native.Close(lease!);
                        return 0;
                    }
                }
                """ + Native;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'lease'", "lease", "Open", " (when 'fd != 0' is true)"));
        }

        [Fact]
        public Task NonNegative_UnknownComparison_KeepsHolding()
        {
            // `fd == 5` decides nothing on the success side: both sides go on holding, and the one that returns leaks.
            const string source = """
                using Vfio.Annotations;

                class User
                {
                    int Use(string name)
                    {
                        int fd = {|#1:Native.Open(name, out var lease)|};
                        if (fd < 0)
                            return fd;
                        if (fd == 5)
                            {|#0:return 5;|}
                        Native.Close(lease!);
                        return fd;
                    }
                }
                """ + Native;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'lease'", "lease", "Open", " (when 'fd == 5' is true)"));
        }

        [Fact]
        public Task ConfigurationDocExample_IsClean()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                static class Groups
                {
                    public static int Open(VfioCore core, VfioGroupFile file,
                                           [Acquires("vfio-group", When = AcquiredWhen.Zero)] out VfioGroup? group)
                    {
                        if (!core.TryGetExternalUser(file, out group, out var error))
                            return -(int)error;
                        return 0;
                    }

                    static int Use(VfioCore core, VfioGroupFile file)
                    {
                        int rc = Open(core, file, out var group);
                        if (rc != 0)
                            return rc;
                        try { return group!.Id; }
                        finally { core.PutExternalUser(group!); }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task VFIO001DocExample_LeaksOnTheCheckAfterSuccess()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Attach(VfioCore core, VfioGroupFile file)
                    {
                        int rc = {|#1:core.GetExternalUserErrno(file, out var group)|};
                        if (rc != 0)
                            return rc;
                        if (!core.ExternalGroupMatchFile(group!, file))
                            {|#0:return -(int)Errno.EINVAL;|}
                        core.PutExternalUser(group!);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUserErrno", " (when '!core.ExternalGroupMatchFile(group!, file)' is true)"));
        }

        [Fact]
        public Task SwitchOnTheResult_IsClean()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Driver
                {
                    int Statement(VfioCore core, VfioGroupFile file)
                    {
                        int rc = core.GetExternalUserErrno(file, out var g);
                        switch (rc)
                        {
                            case 0:
                                core.PutExternalUser(g!);
                                return 0;
                            default:
                                return rc;
                        }
                    }

                    int Expression(string name)
                    {
                        int fd = Native.Open(name, out var lease);
                        return fd switch
                        {
                            < 0 => fd,
                            _ => Close(lease!, fd),
                        };
                    }

                    static int Close(Lease lease, int fd)
                    {
                        Native.Close(lease);
                        return fd;
                    }
                }
                """ + Native;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task SwitchOnTheResult_MissesTheSuccessCase()
        {
            const string source = """
                using Vfio;

                class Driver
                {
                    int Statement(VfioCore core, VfioGroupFile file)
                    {
                        int rc = {|#1:core.GetExternalUserErrno(file, out var g)|};
                        switch (rc)
                        {
                            case < 0:
                                return rc;
                            default:
                                {|#0:return 0;|}
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "GetExternalUserErrno", " (when 'rc is < 0' is false)"));
        }

        [Fact]
        public Task StoredComparison_AndCombinedPatterns_AreClean()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Driver
                {
                    void Flag(VfioCore core, VfioGroupFile file)
                    {
                        bool ok = core.GetExternalUserErrno(file, out var g) == 0;
                        if (!ok)
                            return;
                        core.PutExternalUser(g!);
                    }

                    void Either(string name)
                    {
                        int fd = Native.Open(name, out var lease);
                        if (fd is 0 or > 0)
                            Native.Close(lease!);
                    }

                    void Neither(string name)
                    {
                        int fd = Native.Open(name, out var lease);
                        if (fd is not (0 or > 0))
                            return;
                        Native.Close(lease!);
                    }
                }
                """ + Native;
            return Verify.VerifyAnalyzerAsync(source);
        }
    }
}
