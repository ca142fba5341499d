using System.Threading.Tasks;
using VfioAnalyzers.Contracts;
using VfioAnalyzers.Rules;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Pairs
{
    /// <summary>vfio_analyzers.pairs.txt: declaring third-party pairs, and VFIO900 on every line that cannot be read.</summary>
    public class PairsFileTests
    {
        /// <summary>A library the user cannot annotate.</summary>
        private const string Library = """
            namespace Contoso.Native
            {
                public sealed class Lease { }

                public sealed class Pool<T>
                {
                    public T[] Take(int count) => new T[count];
                    public void Give(T[] items) { }
                }

                public sealed class Leases
                {
                    public bool TryOpen(string name, out Lease? lease) { lease = new Lease(); return true; }
                    public Lease Open(string name) => new Lease();
                    public void Close(Lease lease) { }
                }
            }
            """;

        private const string Pairs = """
            # Contoso.Native pairs
            acquire pool   M:Contoso.Native.Pool`1.Take(System.Int32)  return
            release pool   M:Contoso.Native.Pool`1.Give(`0[])  argument items

            acquire lease  M:Contoso.Native.Leases.TryOpen(System.String,Contoso.Native.Lease@)  out lease  when true
            acquire lease  M:Contoso.Native.Leases.Open(System.String)  return   # throws on failure
            release lease  M:Contoso.Native.Leases.Close(Contoso.Native.Lease)  argument lease
            """;

        [Fact]
        public Task DeclaredPairs_AreChecked()
        {
            const string source = Library + """

                namespace App
                {
                    using Contoso.Native;

                    class User
                    {
                        int Sum(Pool<int> pool, int n)
                        {
                            int[] items = {|#1:pool.Take(n)|};
                            if (n == 0)
                                {|#0:return 0;|}
                            pool.Give(items);
                            return n;
                        }

                        bool Use(Leases leases)
                        {
                            if (!leases.TryOpen("a", out var lease))
                                return false;
                            leases.Close(lease);
                            return true;
                        }
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, Pairs,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1)
                    .WithArguments("'pool'", "items", "Take", " (when 'n == 0' is true)"));
        }

        [Fact]
        public Task CompilationUsingNoConfiguredMember_ReportsNothing()
        {
            const string source = Library + """

                namespace App
                {
                    class Plain
                    {
                        int Twice(int n) => n * 2;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, Pairs + "\npreset dotnet\n");
        }

        [Fact]
        public Task BadLines_AreReportedWhereTheyAre()
        {
            const string pairs = """
                # every line below is wrong in one way
                {|#0:acquire M:Contoso.Native.Leases.Open(System.String) return|}
                acquire lease {|#1:M:Contoso.Native.Leases.Opn(System.String)|} return
                release lease M:Contoso.Native.Leases.Close(Contoso.Native.Lease) argument {|#2:leese|}
                {|#3:aquire|} lease M:Contoso.Native.Leases.Open(System.String) return
                acquire lease M:Contoso.Native.Leases.TryOpen(System.String,Contoso.Native.Lease@) argument {|#4:lease|}
                acquire lease M:Contoso.Native.Leases.TryOpen(System.String,Contoso.Native.Lease@) out {|#5:name|}
                acquire lease M:Contoso.Native.Leases.Open(System.String) return when {|#6:sometimes|}
                release lease M:Contoso.Native.Leases.Close(Contoso.Native.Lease) argument lease {|#7:when|} true
                acquire lease {|#8:Contoso.Native.Leases.Open|} return
                preset {|#9:java|}
                {|#10:acquire lease M:Contoso.Native.Leases.Open(System.String)|}
                acquire lease M:Contoso.Native.Leases.Close(Contoso.Native.Lease) {|#11:return|}
                acquire lease M:Contoso.Native.Leases.Open(System.String) return {|#12:now|}
                """;
            const string source = Library;
            const string file = "'vfio_analyzers.pairs.txt'";
            return PairsVerifier.VerifyAsync(source, pairs,
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments(file + " line 2", "missing kind: write 'acquire KIND M:MEMBER-ID WHAT [when CONDITION]'"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(1).WithArguments(file + " line 3", "no method 'M:Contoso.Native.Leases.Opn(System.String)' in the compilation or its references"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(2).WithArguments(file + " line 4", "'Close' has no parameter 'leese' (its parameters: lease)"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(3).WithArguments(file + " line 5", "unknown declaration 'aquire': a line starts with 'acquire', 'release', 'throws', 'nothrow' or 'preset'"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(4).WithArguments(file + " line 6", "'lease' is an out parameter of 'TryOpen': use 'out lease'"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(5).WithArguments(file + " line 7", "'name' is not an out or ref parameter of 'TryOpen': use 'argument name'"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(6).WithArguments(file + " line 8", "unknown condition 'sometimes': expected 'always', 'not-null', 'true', 'zero', 'non-negative' or 'flag PARAMETER'"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(7).WithArguments(file + " line 9", "a release takes no 'when' condition"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(8).WithArguments(file + " line 10", "'Contoso.Native.Leases.Open' is not a method's documentation id (M:Namespace.Type.Method(ParameterTypes))"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(9).WithArguments(file + " line 11", "unknown preset 'java' (known: dotnet)"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(10).WithArguments(file + " line 12", "missing what the acquire takes: 'return', 'receiver', 'out PARAMETER' or 'argument PARAMETER'"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(11).WithArguments(file + " line 13", "'Close' returns nothing"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(12).WithArguments(file + " line 14", "unexpected 'now' at the end of the acquire line"));
        }

        [Fact]
        public Task BadLine_DeclaresNothing_GoodLinesStillWork()
        {
            const string pairs = """
                acquire lease M:Contoso.Native.Leases.Open(System.String) return
                release lease M:Contoso.Native.Leases.Close(Contoso.Native.Lease) argument {|#0:leese|}
                """;
            const string source = Library + """

                namespace App
                {
                    using Contoso.Native;

                    class User
                    {
                        void Use(Leases leases)
                        {
                            var lease = {|#2:leases.Open("a")|};
                            leases.Close(lease);
                        {|#1:}|}
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, pairs,
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments("'vfio_analyzers.pairs.txt' line 2", "'Close' has no parameter 'leese' (its parameters: lease)"),
                Verify.Diagnostic("VFIO001").WithLocation(1).WithLocation(2).WithArguments("'lease'", "lease", "Open", ""));
        }

        [Fact]
        public Task CommentsBlankLinesAndConstructorIds_AreRead()
        {
            const string pairs = """

                   # a comment, then a blank line

                acquire handle M:App.Handle.#ctor(System.Int32) return   # a constructor: '#' inside the id is kept
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
            return PairsVerifier.VerifyAsync(source, pairs,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'handle'", "handle", "Handle", " (when 'fail' is true)"));
        }

        [Fact]
        public Task PresetOption_InEditorConfig_EnablesThePreset()
        {
            const string source = """
                using System.Buffers;

                static class Reader
                {
                    public static void Leak(int n)
                    {
                        byte[] buffer = {|#1:ArrayPool<byte>.Shared.Rent(n)|};
                        buffer[0] = 1;
                    {|#0:}|}
                }
                """;
            return PairsVerifier.VerifyAsync(source, pairsFile: null, editorConfig: "vfio_analyzers.presets = dotnet\n",
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'array-pool'", "buffer", "Rent", ""));
        }

        [Fact]
        public Task PresetOption_UnknownName_IsReported()
        {
            const string source = """
                class Plain { }
                """;
            return PairsVerifier.VerifyAsync(source, pairsFile: null, editorConfig: "vfio_analyzers.presets = dotnet, java\n",
                Verify.Diagnostic(Descriptors.BadOption).WithNoLocation().WithArguments("option 'vfio_analyzers.presets' (set by an .editorconfig section for 'Test1.cs')", "unknown preset 'java' (known: dotnet)"));
        }

        [Fact]
        public Task ThePresetText_ResolvesCompletely()
        {
            // Written out as a user's file, every preset line must resolve against .NET 8 without a VFIO900.
            return PairsVerifier.VerifyAsync("class Plain { }", PairPresets.Text(PairPresets.DotNet));
        }
    }
}
