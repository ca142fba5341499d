using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using VfioAnalyzers.Contracts;
using Xunit;

namespace VfioAnalyzers.Tests.Cost
{
    /// <summary>
    /// The annotations are found wherever they are declared: in the compilation itself, in a referenced project (a
    /// compilation reference, as the IDE gives one), in a built assembly and in an added module, whose metadata is read
    /// without creating symbols (issue 16: binding the references at start was most of a small project's start).
    /// </summary>
    public class AnnotationAssembliesTests
    {
        private const string Annotations = """
            namespace Vfio.Annotations
            {
                [System.AttributeUsage(System.AttributeTargets.All)] public sealed class AcquiresAttribute : System.Attribute { public AcquiresAttribute(string kind) { } }
                [System.AttributeUsage(System.AttributeTargets.All)] public sealed class ReleasesAttribute : System.Attribute { public ReleasesAttribute(string kind) { } }
            }
            """;

        [Fact]
        public async Task DeclaredInTheCompilation_IsFound() =>
            Assert.True(Find(await CompileAsync("Own", Annotations)).Any);

        [Fact]
        public async Task DeclaredInAReferencedProject_IsFound()
        {
            var library = await CompileAsync("Library", Annotations);
            Assert.True(Find(await CompileAsync("App", "class App { }", library.ToMetadataReference())).Any);
        }

        [Fact]
        public async Task DeclaredInABuiltAssembly_IsFound()
        {
            var library = await CompileAsync("Library", Annotations);
            Assert.True(Find(await CompileAsync("App", "class App { }", MetadataReference.CreateFromImage(Emit(library)))).Any);
        }

        [Fact]
        public async Task OnlyReleasesDeclaredInABuiltAssembly_IsFound()
        {
            var library = await CompileAsync("Library", "namespace Vfio.Annotations { public sealed class ReleasesAttribute : System.Attribute { } }");
            Assert.True(Find(await CompileAsync("App", "class App { }", MetadataReference.CreateFromImage(Emit(library)))).Any);
        }

        [Fact]
        public async Task DeclaredInAnAddedModule_IsFound()
        {
            var module = (await CompileAsync("Annotations", Annotations)).WithOptions(new CSharpCompilationOptions(OutputKind.NetModule));
            Assert.True(Find(await CompileAsync("App", "class App { }", ModuleMetadata.CreateFromImage(Emit(module)).GetReference())).Any);
        }

        [Fact]
        public async Task AModulePassedAsAnAssembly_IsNotFound_AsTheCompilerRejectsIt()
        {
            var module = (await CompileAsync("Annotations", Annotations)).WithOptions(new CSharpCompilationOptions(OutputKind.NetModule));
            Assert.False(Find(await CompileAsync("App", "class App { }", MetadataReference.CreateFromImage(Emit(module)))).Any);
        }

        [Fact]
        public async Task DeclaredInAReferenceOfAnEarlierSubmission_IsFoundInTheNextOne()
        {
            var library = MetadataReference.CreateFromImage(Emit(await CompileAsync("Library", Annotations)));
            var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var script = new CSharpParseOptions(kind: SourceCodeKind.Script);
            var first = CSharpCompilation.CreateScriptCompilation("S1", CSharpSyntaxTree.ParseText("int x = 1;", script), references.Add(library));
            var second = CSharpCompilation.CreateScriptCompilation("S2", CSharpSyntaxTree.ParseText("int y = x;", script), references, previousScriptCompilation: first);
            Assert.True(Find(second).Any);
        }

        [Theory]
        [InlineData("namespace Vfio.Annotations { public static class Outer { public sealed class AcquiresAttribute : System.Attribute { } } }")]
        [InlineData("namespace Vfio.Annotations.Copies { public sealed class AcquiresAttribute : System.Attribute { } }")]
        [InlineData("namespace Vfio { public sealed class AcquiresAttribute : System.Attribute { } }")]
        public async Task NamedAlikeElsewhereInABuiltAssembly_IsNotFound(string library)
        {
            var built = MetadataReference.CreateFromImage(Emit(await CompileAsync("Library", library)));
            Assert.False(Find(await CompileAsync("App", "class App { }", built)).Any);
        }

        [Theory]
        [InlineData("namespace Vfio.Annotations { public static class Outer { public sealed class AcquiresAttribute : System.Attribute { } } }")]
        [InlineData("namespace Other { public sealed class ReleasesAttribute : System.Attribute { } }")]
        public async Task NamedAlikeElsewhereInTheCompilation_IsNotFound(string source) =>
            Assert.False(Find(await CompileAsync("App", source)).Any);

        [Fact]
        public async Task SpelledOnlyInACommentOfTheCompilation_IsNotFound() =>
            Assert.False(Find(await CompileAsync("App", "// [Acquires] is Vfio.Annotations.AcquiresAttribute\nclass App { }")).Any);

        [Fact]
        public async Task DeclaredNowhere_LeavesTheReferencesUnbound()
        {
            // The compiler binds them later, off the analyzer's clock; Roslyn keeps the assembly it makes then here.
            var compilation = await CompileAsync("App", "class App { }");
            var assemblyField = typeof(CSharpCompilation).GetField("_lazyAssemblySymbol", BindingFlags.NonPublic | BindingFlags.Instance);
            Assert.NotNull(assemblyField);
            Assert.False(Find(compilation).Any);
            Assert.Null(assemblyField!.GetValue(compilation));
            _ = compilation.Assembly;
            Assert.NotNull(assemblyField.GetValue(compilation));
        }

        [Theory]
        [InlineData("namespace Vfio.Annotations; public sealed class AcquiresAttribute : System.Attribute { }")]
        [InlineData("namespace Vfio.Annotations { public sealed class Acquires\\u0041ttribute : System.Attribute { } }")]
        [InlineData("namespace Vfio.Annotations { public sealed class \\U00000052eleasesAttribute : System.Attribute { } }")]
        [InlineData("namespace Vfio.Annotations { public sealed class Acquires\u00ADAttribute : System.Attribute { } }")]
        [InlineData("namespace Vfio.Annotations { public sealed class AcquiresAttr\u200Bibute : System.Attribute { } }")]
        [InlineData("namespace Vfio.Annotations { public sealed class @ReleasesAttribute : System.Attribute { } }")]
        public async Task DeclaredInTheCompilation_AsTheLanguageAllows_IsFound(string source) =>
            Assert.True(Find(await CompileAsync("Own", source)).Any);

        [Fact]
        public async Task DeclaredNowhere_LeavesTheCompilersTableOfDeclarationsUnbuilt()
        {
            // The compiler builds it later, off the analyzer's clock (79 ms of StackExchange.Redis's start, cold). A file
            // with an escape in a string is read as syntax, which the table is not made from.
            var compilation = await CompileAsync("App", "namespace Vfio.Annotations { class Note { string Text = \"\\u0041cquiresAttribute\"; } }");
            Assert.False(FilesDeclarationsBuilt(compilation));
            Assert.False(Find(compilation).Any);
            Assert.False(FilesDeclarationsBuilt(compilation));
            _ = compilation.ContainsSymbolsWithName("Note", SymbolFilter.Type);
            Assert.True(FilesDeclarationsBuilt(compilation));
        }

        [Fact]
        public async Task DeclaredNowhere_IsNotFound() =>
            Assert.False(Find(await CompileAsync("App", "namespace Vfio { class Annotations { } }")).Any);

        /// <summary>
        /// Whether Roslyn (4.8) has made any file's part of its table of declarations: each is a lazy value of the
        /// compilation's syntax-and-declarations state, which is itself made on first need.
        /// </summary>
        private static bool FilesDeclarationsBuilt(CSharpCompilation compilation)
        {
            const BindingFlags Fields = BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance;
            var manager = typeof(CSharpCompilation).GetField("_syntaxAndDeclarations", Fields)?.GetValue(compilation);
            Assert.NotNull(manager);
            var state = manager!.GetType().GetField("_lazyState", Fields)?.GetValue(manager);
            if (state == null)
            {
                return false;
            }

            var roots = state.GetType().GetField("RootNamespaces", Fields)?.GetValue(state) as System.Collections.IEnumerable;
            Assert.NotNull(roots);
            return roots!.Cast<object>()
                .Select(pair => pair.GetType().GetProperty("Value")!.GetValue(pair)!)
                .Any(lazy => (bool)lazy.GetType().GetProperty("IsValueCreated")!.GetValue(lazy)!);
        }

        private static AnnotationAssemblies Find(Compilation compilation) => AnnotationAssemblies.Find(compilation, CancellationToken.None);

        private static byte[] Emit(Compilation compilation)
        {
            using var image = new MemoryStream();
            var result = compilation.Emit(image);
            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            return image.ToArray();
        }

        private static async Task<CSharpCompilation> CompileAsync(string name, string source, params MetadataReference[] extra)
        {
            var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            return CSharpCompilation.Create(name, new[] { CSharpSyntaxTree.ParseText(source) }, references.AddRange(extra),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        }
    }
}
