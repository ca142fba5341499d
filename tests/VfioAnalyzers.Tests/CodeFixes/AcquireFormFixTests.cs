using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<VfioAnalyzers.AcquireReleaseAnalyzer, VfioAnalyzers.CodeFixes.PutBeforeExitCodeFixProvider>;

namespace VfioAnalyzers.Tests.CodeFixes
{
    /// <summary>
    /// Put before exit for every form of acquire, not only a method call: a getter, an indexer, a constructor, and a
    /// factory whose type has no release (the release the method itself makes tells the member and receiver).
    /// </summary>
    public class AcquireFormFixTests
    {
        private const string Holder = """
            using Vfio;
            using Vfio.Annotations;

            sealed class Holder
            {
                private readonly VfioCore _core = new VfioCore();
                public VfioGroupFile File = null!;
                public VfioGroup Group { [return: Acquires("vfio-group")] get => _core.GetExternalUser(File); }
                public VfioGroup this[int i] { [return: Acquires("vfio-group")] get => _core.GetExternalUser(File); }
                public void Put([Releases("vfio-group")] VfioGroup g) => _core.PutExternalUser(g);
            }

            """;

        [Fact]
        public Task Getter_PutOnTheGettersReceiver()
        {
            const string source = Holder + """
                class Driver
                {
                    int Use(Holder h, bool early)
                    {
                        var g = {|#1:h.Group|};
                        if (early)
                            {|#0:return -1;|}
                        h.Put(g);
                        return 0;
                    }
                }
                """;
            const string fixedSource = Holder + """
                class Driver
                {
                    int Use(Holder h, bool early)
                    {
                        var g = h.Group;
                        if (early)
                        {
                            h.Put(g);
                            return -1;
                        }
                        h.Put(g);
                        return 0;
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(source,
                new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "Group", " (when 'early' is true)") },
                fixedSource);
        }

        [Fact]
        public Task Indexer_PutOnTheIndexersReceiver()
        {
            const string source = Holder + """
                class Driver
                {
                    void Use(Holder[] holders, bool early)
                    {
                        var g = {|#1:holders[0][3]|};
                        if (early)
                            {|#0:return;|}
                        holders[0].Put(g);
                    }
                }
                """;
            // The receiver is not a plain name (reading holders[0] again could be another holder): no fix.
            const string plainReceiver = Holder + """
                class Driver
                {
                    void Use(Holder h, bool early)
                    {
                        var g = {|#1:h[3]|};
                        if (early)
                            {|#0:return;|}
                        h.Put(g);
                    }
                }
                """;
            const string fixedSource = Holder + """
                class Driver
                {
                    void Use(Holder h, bool early)
                    {
                        var g = h[3];
                        if (early)
                        {
                            h.Put(g);
                            return;
                        }
                        h.Put(g);
                    }
                }
                """;
            var expected = new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "this[]", " (when 'early' is true)") };
            return Task.WhenAll(
                Verify.VerifyCodeFixAsync(source, expected, source),
                Verify.VerifyCodeFixAsync(plainReceiver, expected, fixedSource));
        }

        [Fact]
        public Task Constructor_ReleasedOnTheNewObject()
        {
            const string pairs = """
                acquire handle M:App.Handle.#ctor(System.Int32) return
                release handle M:App.Handle.Close receiver
                """;
            const string source = """
                namespace App
                {
                    sealed class Handle
                    {
                        public Handle(int fd) { }
                        public void Close() { }
                    }

                    class User
                    {
                        void Use(int fd, bool fail)
                        {
                            var handle = {|#1:new Handle(fd)|};
                            if (fail)
                                {|#0:return;|}
                            handle.Close();
                        }
                    }
                }
                """;
            const string fixedSource = """
                namespace App
                {
                    sealed class Handle
                    {
                        public Handle(int fd) { }
                        public void Close() { }
                    }

                    class User
                    {
                        void Use(int fd, bool fail)
                        {
                            var handle = new Handle(fd);
                            if (fail)
                            {
                                handle.Close();
                                return;
                            }
                            handle.Close();
                        }
                    }
                }
                """;
            var test = new Verify.Test { TestCode = source, FixedCode = fixedSource };
            test.TestState.AdditionalFiles.Add(("vfio_analyzers.pairs.txt", pairs));
            test.FixedState.AdditionalFiles.Add(("vfio_analyzers.pairs.txt", pairs));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'handle'", "handle", "Handle", " (when 'fail' is true)"));
            return test.RunAsync();
        }

        [Fact]
        public Task FactoryWithoutARelease_PutTheWayTheMethodItselfPuts()
        {
            const string registry = """
                using Vfio;
                using Vfio.Annotations;

                class Registry
                {
                    [Acquires("vfio-group")]
                    public VfioGroup Open(int id) => throw null!;
                }

                """;
            const string source = registry + """
                class Driver
                {
                    int Use(VfioCore core, Registry registry, bool early)
                    {
                        var g = {|#1:registry.Open(3)|};
                        if (early)
                            {|#0:return -1;|}
                        core.PutExternalUser(g);
                        return 0;
                    }
                }
                """;
            const string fixedSource = registry + """
                class Driver
                {
                    int Use(VfioCore core, Registry registry, bool early)
                    {
                        var g = registry.Open(3);
                        if (early)
                        {
                            core.PutExternalUser(g);
                            return -1;
                        }
                        core.PutExternalUser(g);
                        return 0;
                    }
                }
                """;
            // The method never releases the reference: which object to release it on is the author's call.
            const string neverReleased = registry + """
                class Driver
                {
                    int Use(VfioCore core, Registry registry)
                    {
                        var g = {|#1:registry.Open(3)|};
                        {|#0:return g.Id;|}
                    }
                }
                """;
            return Task.WhenAll(
                Verify.VerifyCodeFixAsync(source,
                    new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "Open", " (when 'early' is true)") },
                    fixedSource),
                Verify.VerifyCodeFixAsync(neverReleased,
                    new[] { Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "g", "Open", string.Empty) },
                    neverReleased));
        }
    }
}
