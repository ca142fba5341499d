using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using VfioAnalyzers.Contracts;
using Xunit;

namespace VfioAnalyzers.Tests.Cost
{
    /// <summary>
    /// The pre-filter on calls of wrappers (issue 16): a wrapper's name is often a common one (`Parse`, `Take`), and a
    /// body that calls `int.Parse` or a look-alike of its own must not be bound for it, while every way of spelling a
    /// call that can reach the wrapper lets the body through. The wrappers' contracts are inferred, as in the analyzer.
    /// Each method's name says what is expected of it.
    /// </summary>
    public class WrapperCallFilterTests
    {
        private const string Source = """
            #nullable enable
            using System;
            using System.Buffers;
            using static Demo.Leases;

            namespace Demo
            {
                public class Leases
                {
                    private readonly ArrayPool<byte> _pool = ArrayPool<byte>.Shared;
                    public byte[] Parse(int size) => _pool.Rent(size);
                    public static byte[] Take(int size) => ArrayPool<byte>.Shared.Rent(size);
                }

                public sealed class DerivedLeases : Leases { }

                public static class LeaseExtensions
                {
                    public static byte[] Borrow(this string owner, int size) => ArrayPool<byte>.Shared.Rent(size);
                }

                // Named like the wrappers, acquiring nothing.
                public sealed class Text
                {
                    public int Parse(string s) => s.Length;
                    public static int Take(int n) => n;
                }

                public class Users
                {
                    private readonly Leases _leases = new Leases();
                    private readonly Text _text = new Text();
                    private Leases Current => _leases;
                    private static Leases Make() => new Leases();

                    public int Skipped_IntParse(string s) => int.Parse(s);
                    public double Skipped_QualifiedParse(string s) => System.Double.Parse(s);
                    public Guid Skipped_GuidParse(string s) => Guid.Parse(s);
                    public int Skipped_LookAlikeField(string s) => _text.Parse(s);
                    public int Skipped_LookAlikeStatic(int n) => Text.Take(n);
                    public int Skipped_LookAlikeLocal(string s) { var text = new Text(); return text.Parse(s); }
                    public int Skipped_NameInACommentAndAString(string s) /* Parse */ => "Take".Length + s.Length;

                    public int Analysed_Field() => _leases.Parse(4).Length;
                    public int Analysed_Property() => Current.Parse(4).Length;
                    public int Analysed_Parameter(Leases leases) => leases.Parse(4).Length;
                    public int Analysed_Local() { var leases = new Leases(); return leases.Parse(4).Length; }
                    public int Analysed_Derived(DerivedLeases leases) => leases.Parse(4).Length;
                    public int Analysed_ConditionalAccess(Leases? leases) => leases?.Parse(4).Length ?? 0;
                    public int Analysed_CallResult() => Make().Parse(4).Length;
                    public int Analysed_Static() => Leases.Take(4).Length;
                    public int Analysed_UsingStatic() => Take(4).Length;
                    public int Analysed_Extension(string owner) => owner.Borrow(4).Length;
                    public int Analysed_LookAlikeThenReal(string s) => int.Parse(s) + _text.Parse(s) + _leases.Parse(4).Length;
                    public int Analysed_Generic<T>(T leases) where T : Leases => leases.Parse(4).Length;
                    public int Analysed_GenericItem(Box<Leases> box) => box.Item.Parse(4).Length;
                    public int Analysed_LazyValue(Lazy<Leases> lazy) => lazy.Value.Parse(4).Length;
                }

                public sealed class Box<TItem> { public TItem Item = default!; }

                public sealed class Shelf { public byte[] Rent(int size) => new byte[size]; }

                // `Nullable<PoolPair>.Value` is the struct, whose `Pool` is a real pool: `Lend` wraps a rent.
                public sealed class ShelfHolder { public Shelf Pool = new Shelf(); }
                public struct PoolPair { public ShelfHolder Value; public ArrayPool<byte> Pool; }
                public class NullableLeases
                {
                    private PoolPair? _pair = null;
                    public byte[] Lend(int size) => _pair!.Value.Pool.Rent(size);
                    public int Analysed_NullableStructWrapper() => Lend(4).Length;
                }
                public class ShelfUsers
                {
                    private readonly Shelf _shelf = new Shelf();

                    // Shaped like a wrapper, renting from a look-alike: it wraps nothing, and its callers call nothing.
                    public byte[] Borrowed(int size) => _shelf.Rent(size);
                    public int Skipped_LookAlikeWrapperShape() => Borrowed(4).Length;
                }

                // An interface's default members call the members of the interfaces it extends unqualified.
                public interface ILeaseSource { byte[] Lease(int size) => ArrayPool<byte>.Shared.Rent(size); }
                public interface IMoreLeases : ILeaseSource { int Analysed_InheritedDefaultWrapper() => Lease(4).Length; }

                public class OwnLeases : Leases
                {
                    public int Analysed_Inherited() => Parse(4).Length;
                    public int Analysed_This() => this.Parse(4).Length;
                    public int Analysed_Base() => base.Parse(4).Length;
                }
            }
            """;

        [Fact]
        public async Task EverySpellingOfAWrapperCallIsAnalysed_CommonNamesAreNot()
        {
            foreach (bool reversed in new[] { false, true })
            {
                var (index, compilation) = await BuildAsync(Source);
                var methods = JudgedMethods(compilation);
                if (reversed)
                {
                    methods.Reverse();
                }

                var model = compilation.GetSemanticModel(compilation.SyntaxTrees.Single());
                var wrong = methods.Concat(methods)
                    .Where(m => index.MayCall(m, model, CancellationToken.None) != m.Identifier.ValueText.StartsWith("Analysed_"))
                    .Select(m => m.Identifier.ValueText)
                    .ToList();

                Assert.Equal(27, methods.Count);
                Assert.Equal(string.Empty, string.Join(", ", wrong));
            }
        }

        [Fact]
        public async Task GlobalUsingStaticInAnotherFile_ImportsTheWrapper()
        {
            const string source = """
                using System.Buffers;

                namespace Demo
                {
                    public class Leases { public static byte[] Take(int size) => ArrayPool<byte>.Shared.Rent(size); }
                    public class Users { public int Analysed_GlobalUsingStatic() => Take(4).Length; }
                }
                """;
            var (index, compilation) = await BuildAsync(source, "global using static Demo.Leases;");
            var users = compilation.SyntaxTrees.First().GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "Analysed_GlobalUsingStatic");

            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.True(index.MayCall(users, compilation.GetSemanticModel(users.SyntaxTree), CancellationToken.None));
        }

        [Fact]
        public async Task TheSourceCompiles()
        {
            var (_, compilation) = await BuildAsync(Source);
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        }

        private static List<MethodDeclarationSyntax> JudgedMethods(Compilation compilation) =>
            compilation.SyntaxTrees.Single().GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
                .Where(m => m.Identifier.ValueText.StartsWith("Analysed_") || m.Identifier.ValueText.StartsWith("Skipped_"))
                .ToList();

        /// <summary>The compilation's whole analysis, as the analyzer makes it: wrappers are confirmed by their inferred contracts.</summary>
        private static async Task<(ContractNameIndex Index, Compilation Compilation)> BuildAsync(params string[] sources)
        {
            var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var compilation = CSharpCompilation.Create(
                "Demo",
                sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, path: $"Demo{i}.cs")),
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new CallFilterTests.InMemoryText(PairsConfiguration.FileName, "preset dotnet\n")));
            var analysis = CompilationAnalysis.Make(compilation, options, AnnotationAssemblies.Find(compilation, CancellationToken.None), CancellationToken.None);
            return (analysis.Index, compilation);
        }
    }
}
