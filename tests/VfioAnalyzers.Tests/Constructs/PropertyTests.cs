using System.Threading.Tasks;
using VfioAnalyzers.Tests.Pairs;
using VfioAnalyzers.Rules;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Constructs
{
    /// <summary>Getters and indexer getters that acquire (issue 12): reading the property is the call.</summary>
    public class PropertyTests
    {
        private const string Session = """
            using Vfio;
            using Vfio.Annotations;

            sealed class Session
            {
                private readonly VfioCore _core;
                private readonly VfioGroupFile[] _files;

                public Session(VfioCore core, VfioGroupFile[] files) { _core = core; _files = files; }

                public VfioGroup First
                {
                    [return: Acquires("vfio-group")]
                    get => _core.GetExternalUser(_files[0]);
                }

                public VfioGroup this[int i]
                {
                    [return: Acquires("vfio-group")]
                    get => _core.GetExternalUser(_files[i]);
                }
            }

            """;

        [Fact]
        public Task Getter_Acquires_EarlyReturnLeaks()
        {
            const string source = Session + """
                class Driver
                {
                    int Use(VfioCore core, Session s, bool early)
                    {
                        var g = {|#1:s.First|};
                        if (early)
                            {|#0:return 0;|}
                        core.PutExternalUser(g);
                        return 1;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "First", " (when 'early' is true)"));
        }

        [Fact]
        public Task Getter_Acquires_PutOnEveryPath_IsClean()
        {
            const string source = Session + """
                class Driver
                {
                    int Use(VfioCore core, Session s, bool early)
                    {
                        var g = s.First;
                        try
                        {
                            return early ? 0 : g.Id;
                        }
                        finally
                        {
                            core.PutExternalUser(g);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Getter_Discarded()
        {
            const string source = Session + """
                class Driver
                {
                    void Use(Session s)
                    {
                        _ = {|#0:s.First|};
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "First"));
        }

        [Fact]
        public Task IndexerGetter_Acquires_EarlyReturnLeaks()
        {
            const string source = Session + """
                class Driver
                {
                    int Use(VfioCore core, Session s, int i)
                    {
                        var g = {|#1:s[i]|};
                        if (g.Id < 0)
                            {|#0:return -1;|}
                        core.PutExternalUser(g);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "this[]", " (when 'g.Id < 0' is true)"));
        }

        [Fact]
        public Task IndexerGetter_Put_IsClean()
        {
            const string source = Session + """
                class Driver
                {
                    int Use(VfioCore core, Session s, int i)
                    {
                        var g = s[i];
                        int id = g.Id;
                        core.PutExternalUser(g);
                        return id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Getter_BreaksItsAnnotation()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                sealed class Session
                {
                    private readonly VfioCore _core = new VfioCore();
                    private readonly VfioGroupFile _file;

                    public Session(VfioGroupFile file) => _file = file;

                    public VfioGroup First
                    {
                        [return: Acquires("vfio-group")]
                        {|#0:get|}
                        {
                            var g = _core.GetExternalUser(_file);
                            _core.PutExternalUser(g);
                            return {|#1:g|};
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO008").WithLocation(0).WithLocation(1).WithArguments("First", "it is annotated [Acquires(\"vfio-group\")] but it returns a reference it already released"),
                Verify.Diagnostic("VFIO003").WithLocation(1).WithArguments("'vfio-group'", "g", ""));
        }

        [Fact]
        public Task PairsFile_GetterId_IsHonoured()
        {
            const string source = """
                namespace Contoso
                {
                    public sealed class Lease { }

                    public sealed class Leases
                    {
                        public Lease Current => new Lease();
                        public void Close(Lease lease) { }
                    }

                    class User
                    {
                        int Use(Leases leases, bool early)
                        {
                            var lease = {|#1:leases.Current|};
                            if (early)
                                {|#0:return 0;|}
                            leases.Close(lease);
                            return 1;
                        }
                    }
                }
                """;
            const string pairs = """
                acquire lease M:Contoso.Leases.get_Current return
                release lease M:Contoso.Leases.Close(Contoso.Lease) argument lease
                """;
            return PairsVerifier.VerifyAsync(source, pairs,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'lease'", "lease", "Current", " (when 'early' is true)"));
        }

        [Fact]
        public Task PairsFile_PropertyId_SaysToUseTheGetter()
        {
            const string source = """
                namespace Contoso
                {
                    public sealed class Lease { }

                    public sealed class Leases
                    {
                        public Lease Current => new Lease();
                    }
                }
                """;
            const string pairs = """
                acquire lease {|#0:P:Contoso.Leases.Current|} return
                """;
            return PairsVerifier.VerifyAsync(source, pairs,
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments("'vfio_analyzers.pairs.txt' line 1", "'P:Contoso.Leases.Current' is a property's id: declare its getter's method id instead, 'M:Contoso.Leases.get_Current'"));
        }
    }
}
