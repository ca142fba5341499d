using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using VfioAnalyzers.Contracts;
using Xunit;

namespace VfioAnalyzers.Tests.Pairs
{
    /// <summary>
    /// The pairs file's member ids are resolved by walking the type's dotted name first (issue 16: the documentation id
    /// parser walks every namespace of every reference, most of a small project's start). Each id resolves to exactly
    /// what the parser finds, including the shapes the fast path hands back to it.
    /// </summary>
    public class DocumentationIdsTests
    {
        private const string Source = """
            namespace Demo
            {
                public class Outer
                {
                    public class Inner { public void Put(int n) { } }
                    public Outer() { }
                    public Outer(int n) { }
                    public T Take<T>(T value) => value;
                    public int Count { get; }
                    public static explicit operator int(Outer o) => 0;
                }

                public sealed class Handle : System.IDisposable
                {
                    void System.IDisposable.Dispose() { }
                }
            }
            """;

        [Theory]
        [InlineData("M:System.Buffers.ArrayPool`1.Rent(System.Int32)")]
        [InlineData("M:System.Buffers.ArrayPool`1.Return(`0[],System.Boolean)")]
        [InlineData("M:System.Threading.Monitor.Enter(System.Object,System.Boolean@)")]
        [InlineData("M:System.Threading.SemaphoreSlim.Release")]
        [InlineData("M:System.Threading.SemaphoreSlim.WaitAsync(System.TimeSpan,System.Threading.CancellationToken)")]
        [InlineData("M:System.Runtime.InteropServices.SafeHandle.DangerousAddRef(System.Boolean@)")]
        [InlineData("T:System.IO.Stream")]
        [InlineData("M:Demo.Outer.#ctor(System.Int32)")]
        [InlineData("M:Demo.Outer.Take``1(``0)")]
        [InlineData("M:Demo.Outer.Inner.Put(System.Int32)")]
        [InlineData("M:Demo.Outer.op_Explicit(Demo.Outer)~System.Int32")]
        [InlineData("M:Demo.Handle.System#IDisposable#Dispose")]
        [InlineData("P:Demo.Outer.Count")]
        [InlineData("M:Demo.Outer.Missing(System.Int32)")]
        [InlineData("M:System.Threading.SemaphoreSlim.Wait(System.String)")]
        public async Task ResolvesWhatTheParserResolves(string id)
        {
            var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var compilation = CSharpCompilation.Create("Demo", new[] { CSharpSyntaxTree.ParseText(Source) }, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

            var expected = DocumentationCommentId.GetSymbolsForDeclarationId(id, compilation);
            var actual = DocumentationIds.Resolve(id, compilation);

            Assert.Equal(expected.Select(s => s.ToDisplayString()).OrderBy(s => s), actual.Select(s => s.ToDisplayString()).OrderBy(s => s));
            Assert.Equal(id.Contains("Missing") || id.Contains("System.String") ? 0 : 1, actual.Count);
        }

        // A source copy of a referenced type (a linked file, a polyfill): the id names both, as the parser finds them.
        [Theory]
        [InlineData("M:Contoso.Native.Pool.Rent(System.Int32)")]
        [InlineData("T:Contoso.Native.Pool")]
        public async Task ATypeDeclaredInSourceAndInAReference_ResolvesToBoth(string id)
        {
            const string pool = "namespace Contoso.Native { public class Pool { public byte[] Rent(int n) => new byte[n]; } }";
            var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary);
            var library = CSharpCompilation.Create("Native", new[] { CSharpSyntaxTree.ParseText(pool) }, references, options);
            var compilation = CSharpCompilation.Create("App", new[] { CSharpSyntaxTree.ParseText(pool) }, references.Add(library.ToMetadataReference()), options);

            var expected = DocumentationCommentId.GetSymbolsForDeclarationId(id, compilation);
            var actual = DocumentationIds.Resolve(id, compilation);

            Assert.Equal(2, expected.Length);
            Assert.Equal(2, actual.Count);
        }
    }
}
