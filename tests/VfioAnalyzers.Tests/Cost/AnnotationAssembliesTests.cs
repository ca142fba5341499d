using System.IO;
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
    /// compilation reference, as the IDE gives one) and in a built assembly, whose namespace names are read before any
    /// type lookup (issue 16: a lookup in every reference was most of a small project's start).
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
            Assert.True(AnnotationAssemblies.Find(await CompileAsync("Own", Annotations)).Any);

        [Fact]
        public async Task DeclaredInAReferencedProject_IsFound()
        {
            var library = await CompileAsync("Library", Annotations);
            Assert.True(AnnotationAssemblies.Find(await CompileAsync("App", "class App { }", library.ToMetadataReference())).Any);
        }

        [Fact]
        public async Task DeclaredInABuiltAssembly_IsFound()
        {
            var library = await CompileAsync("Library", Annotations);
            using var image = new MemoryStream();
            Assert.True(library.Emit(image).Success);
            Assert.True(AnnotationAssemblies.Find(await CompileAsync("App", "class App { }", MetadataReference.CreateFromImage(image.ToArray()))).Any);
        }

        [Fact]
        public async Task DeclaredNowhere_IsNotFound() =>
            Assert.False(AnnotationAssemblies.Find(await CompileAsync("App", "namespace Vfio { class Annotations { } }")).Any);

        private static async Task<CSharpCompilation> CompileAsync(string name, string source, params MetadataReference[] extra)
        {
            var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            return CSharpCompilation.Create(name, new[] { CSharpSyntaxTree.ParseText(source) }, references.AddRange(extra),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        }
    }
}
