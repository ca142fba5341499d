using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Rules
{
    public class VFIO008AnnotationTests
    {
        [Fact]
        public Task ReleasesWrapper_SkipsThePutOnAPath()
        {
            const string source = """
                using System.Collections.Generic;
                using Vfio;
                using Vfio.Annotations;

                class GroupTable
                {
                    private readonly VfioCore _core = new VfioCore();
                    private readonly HashSet<int> _attached = new();

                    public void Detach([Releases("vfio-group")] VfioGroup {|#0:group|})
                    {
                        if (!_attached.Remove(_core.ExternalUserIommuId(group)))
                            {|#1:return;|}
                        _core.PutExternalUser(group);
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO008").WithLocation(0).WithLocation(1)
                    .WithArguments("Detach", "its [Releases(\"vfio-group\")] parameter 'group' is not released on a path (when '!_attached.Remove(_core.ExternalUserIommuId(group))' is true)"));
        }

        [Fact]
        public Task ReleasesWrapper_PutsOnEveryPath_IsClean()
        {
            const string source = """
                using System.Collections.Generic;
                using Vfio;
                using Vfio.Annotations;

                class GroupTable
                {
                    private readonly VfioCore _core = new VfioCore();
                    private readonly HashSet<int> _attached = new();

                    public void Detach([Releases("vfio-group")] VfioGroup group)
                    {
                        try
                        {
                            _attached.Remove(_core.ExternalUserIommuId(group));
                        }
                        finally
                        {
                            _core.PutExternalUser(group);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task AcquiresWrapper_ReturnsAReleasedReference()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Opener
                {
                    private readonly VfioCore _core = new VfioCore();

                    [Acquires("vfio-group")]
                    public VfioGroup {|#0:Open|}(VfioDevice device, bool check)
                    {
                        var group = _core.GetExternalUserFromDev(device);
                        if (check && _core.ExternalCheckExtension(group, 1) == 0)
                            _core.PutExternalUser(group);
                        return {|#1:group|};
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO008").WithLocation(0).WithLocation(1)
                    .WithArguments("Open", "it is annotated [Acquires(\"vfio-group\")] but it returns a reference it already released"),
                Verify.Diagnostic("VFIO003").WithLocation(1).WithArguments("'vfio-group'", "group", ""));
        }

        [Fact]
        public Task AcquiresWrapper_ReturnsTheHeldReference_IsClean()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Opener
                {
                    private readonly VfioCore _core = new VfioCore();

                    [Acquires("vfio-group")]
                    public VfioGroup? Open(VfioDevice device)
                    {
                        var group = _core.GetExternalUserFromDev(device);
                        if (_core.ExternalCheckExtension(group, 1) == 0)
                        {
                            _core.PutExternalUser(group);
                            return null;
                        }
                        return group;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task AcquiresOutWrapper_ReportsSuccessWithoutAHeldReference()
        {
            const string source = """
                using System.Diagnostics.CodeAnalysis;
                using Vfio;
                using Vfio.Annotations;

                class Opener
                {
                    private readonly VfioCore _core = new VfioCore();

                    public bool TryOpen(VfioGroupFile file, [Acquires("vfio-group")][NotNullWhen(true)] out VfioGroup? {|#0:group|})
                    {
                        if (!_core.TryGetExternalUser(file, out group, out _))
                            return {|#1:true|};
                        return true;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO008").WithLocation(0).WithLocation(1)
                    .WithArguments("TryOpen", "it is annotated [Acquires(\"vfio-group\")] but it reports success with 'group', which is a reference whose acquire failed"));
        }

        [Fact]
        public Task AcquiresOutWrapper_KeepsItsPromise_IsClean()
        {
            const string source = """
                using System.Diagnostics.CodeAnalysis;
                using Vfio;
                using Vfio.Annotations;

                class Opener
                {
                    private readonly VfioCore _core = new VfioCore();

                    public bool TryOpen(VfioGroupFile file, [Acquires("vfio-group")][NotNullWhen(true)] out VfioGroup? group)
                    {
                        if (!_core.TryGetExternalUser(file, out group, out _))
                            return false;
                        if (_core.ExternalUserIommuId(group) < 0)
                        {
                            _core.PutExternalUser(group);
                            group = null;
                            return false;
                        }
                        return true;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task Primitives_AreTakenAtTheirWord()
        {
            const string source = """
                using System.Threading;
                using Vfio.Annotations;

                sealed class Token { public int Count; }

                static class Counter
                {
                    // Primitives: their bodies use no annotated member of the kind.
                    [Acquires("token")]
                    public static Token? Take(Token token) => Interlocked.Increment(ref token.Count) > 0 ? token : null;

                    public static void Give([Releases("token")] Token token)
                    {
                        if (token.Count > 0)
                            Interlocked.Decrement(ref token.Count);
                    }

                    public static bool TryTake(Token token, [Acquires("token")] out Token? taken)
                    {
                        taken = null;
                        return true;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task ConfiguredPairs_WrapperOverPresetMembers_IsChecked()
        {
            const string source = """
                using System.Buffers;
                using Vfio.Annotations;

                static class Buffers
                {
                    public static void Give([Releases("array-pool")] byte[] {|#0:buffer|}, bool keep)
                    {
                        if (keep)
                            {|#1:return;|}
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                }
                """;
            var test = new Verify.Test { TestCode = source };
            test.TestState.AdditionalFiles.Add(("vfio_analyzers.pairs.txt", "preset dotnet\n"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("VFIO008").WithLocation(0).WithLocation(1)
                .WithArguments("Give", "its [Releases(\"array-pool\")] parameter 'buffer' is not released on a path (when 'keep' is true)"));
            return test.RunAsync();
        }

        [Fact]
        public Task ErrnoOutWrapper_FailurePassesTheNullOutOn_IsClean()
        {
            const string source = """
                using Vfio;
                using Vfio.Annotations;

                class Opener
                {
                    public int Open(VfioCore core, VfioGroupFile file, [Acquires("vfio-group")] out VfioGroup? group)
                    {
                        if (!core.TryGetExternalUser(file, out group, out var error))
                            return -(int)error;
                        return 0;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }
    }
}
