using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using VfioAnalyzers.Tests.Pairs;
using Xunit;
using static VfioAnalyzers.Tests.ExceptionPaths.PinnedHandle;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.ExceptionPaths
{
    /// <summary>
    /// Shapes a cold review of the may-throw judgement found mishandled: local functions, generic interfaces, listed
    /// interface members, default interface members, callees in a referenced project (a crash), accessors
    /// and constructors of I/O types. Each with the twin that counts or does not.
    /// </summary>
    public class ReviewedMayThrowTests
    {
        [Fact]
        public Task LocalFunctionThatThrows_Counts()
        {
            var source = Pinning("{|#0:Local()|};", after: "void Local() => throw new InvalidOperationException();");
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset, Leak("it throws 'InvalidOperationException'", "Local()"));
        }

        [Fact]
        public Task CalleeCallingALocalFunctionThatThrows_Counts()
        {
            var source = Pinning("{|#0:Work()|};", "void Work() { Local(); void Local() => throw new InvalidOperationException(); }");
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset, Leak("it calls 'Local', which throws 'InvalidOperationException'"));
        }

        [Fact]
        public Task GenericInterfaceWithAQuietImplementation_DoesNotCount()
        {
            var source = Pinning("_sink.Put(1);", """
                ISink<int> _sink = new Quiet();
                interface ISink<T> { void Put(T n); }
                sealed class Quiet : ISink<int> { public int Last; public void Put(int n) => Last = n; }
                """);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task BclGenericInterfaceWithAThrowingImplementation_Counts()
        {
            var source = Pinning("{|#0:_cmp.Compare(1, 2)|};", """
                IComparer<int> _cmp = new Strict();
                sealed class Strict : IComparer<int> { public int Compare(int a, int b) => a < 0 ? throw new ArgumentException() : 0; }
                """);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset, Leak("its implementation 'Strict.Compare' throws 'ArgumentException'", "_cmp.Compare(1, 2)"));
        }

        [Fact]
        public Task NothrowOnAnInterfaceMember_DecidesForDispatch()
        {
            var source = """
                using System;
                using System.Runtime.InteropServices;
                namespace Contoso
                {
                    public interface IChecked { void Put(int n); }
                    sealed class Strict : IChecked { public void Put(int n) { if (n < 0) throw new ArgumentOutOfRangeException(nameof(n)); } }
                    class Pinner
                    {
                        IChecked _checked = new Strict();
                        public void Pin(byte[] data)
                        {
                            var h = GCHandle.Alloc(data, GCHandleType.Pinned);
                            _checked.Put(2);
                            h.Free();
                        }
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, "preset dotnet\nnothrow M:Contoso.IChecked.Put(System.Int32)\n");
        }

        [Fact]
        public Task DefaultInterfaceMemberThatIsQuiet_DoesNotCount()
        {
            var source = Pinning("_sink.Put(1);", """
                ISink _sink = null!;
                interface ISink { void Put(int n) { } }
                """);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public async Task CalleeInAReferencedProject_IsJudgedAsMetadata()
        {
            var test = new Verify.Test
            {
                TestCode = Pinning("Lib.Helper.Work();"),
            };
            test.TestState.AdditionalFiles.Add((PairsVerifier.FileName, PairsVerifier.DotNetPreset));
            test.TestState.AdditionalProjects["Lib"].Sources.Add(("Lib.cs", "namespace Lib { public static class Helper { public static void Work() { } } }"));
            test.TestState.AdditionalProjectReferences.Add("Lib");
            await test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task SetterAndConstructorOfAnIOType_DoNotCount()
        {
            var source = Pinning("Rewind(stream); var m = new MemoryStream();", "static void Rewind(Stream s) { s.Position = 0; }");
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }
    }
}
