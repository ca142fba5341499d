using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection.Metadata;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Which assemblies of a compilation declare the annotation attributes, found once at start-up: whether
    /// attributes are read at all, and which assemblies can carry annotated members, both follow from it.
    /// </summary>
    /// <remarks>
    /// Found without symbols where it can be. The start action runs before the compiler has bound the compilation's
    /// references; asking for an assembly symbol binds them all, which costs a small project most of its start (50 ms
    /// of about 120 for a netstandard2.0 project of 131 references, cold). The compiler does that work anyway, but
    /// not on the analyzer's clock, and a compilation with nothing to analyse should not make it wait. Nor should it make
    /// the compiler build its table of the source's declarations, which a start action may come before: 79 ms of
    /// StackExchange.Redis's start, cold. A type's declaration spells its name (escaped or with formatting characters at
    /// worst), so the text tells which files to read.
    /// </remarks>
    internal sealed class AnnotationAssemblies
    {
        private readonly Compilation _compilation;
        private readonly HashSet<string> _declaring;

        private AnnotationAssemblies(Compilation compilation, HashSet<string> declaring)
        {
            _compilation = compilation;
            _declaring = declaring;
        }

        /// <summary>True when some assembly (the compilation's own included) declares the annotations.</summary>
        public bool Any => _declaring.Count > 0;

        public static AnnotationAssemblies Find(Compilation compilation, CancellationToken cancellationToken)
        {
            var declaring = new HashSet<string>(StringComparer.Ordinal);

            // A script inherits the references of the submissions before it, #r ones included, which only its bound
            // references list: a script is asked of its assembly symbols, as every compilation once was.
            if (compilation.ScriptCompilationInfo != null || compilation.SyntaxTrees.Any(tree => tree.Options.Kind != SourceCodeKind.Regular))
            {
                declaring.UnionWith(All(compilation).Where(a => !IsMetadata(a) || a.TypeNames.Contains(AnnotationNames.Acquires) || a.TypeNames.Contains(AnnotationNames.Releases))
                    .Where(DeclaresBySymbol)
                    .Select(a => a.Identity.Name));
                return new AnnotationAssemblies(compilation, declaring);
            }

            // Only a compilation whose source declares a type of either name asks its own assembly.
            if (SourceDeclaresTypeNamedAlike(compilation, cancellationToken) && DeclaresBySymbol(compilation.Assembly))
            {
                declaring.Add(compilation.Assembly.Identity.Name);
            }

            foreach (var reference in compilation.ExternalReferences)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (DeclaringName(compilation, reference) is string name)
                {
                    declaring.Add(name);
                }
            }

            return new AnnotationAssemblies(compilation, declaring);
        }

        /// <summary>Assemblies that declare the annotations or reference one that does: only they can carry them.</summary>
        public IEnumerable<IAssemblySymbol> Carriers() =>
            // References are compared by identity, which is read from metadata without resolving any symbol.
            All(_compilation).Where(a => _declaring.Contains(a.Identity.Name) || a.Modules.Any(m => m.ReferencedAssemblies.Any(r => _declaring.Contains(r.Name))));

        private static IEnumerable<IAssemblySymbol> All(Compilation compilation) =>
            new[] { compilation.Assembly }.Concat(compilation.SourceModule.ReferencedAssemblySymbols);

        // A metadata assembly's type names are read before a type lookup, which would build its namespaces as symbols.
        private static bool IsMetadata(IAssemblySymbol assembly) =>
            assembly.Locations.Length > 0 && assembly.Locations.All(location => location.IsInMetadata);

        /// <summary>
        /// Whether a file of the source declares a type of either name: the files whose text may spell one
        /// (<see cref="AnnotationDeclarationText"/>) are read as syntax, down to their type declarations. Needs no
        /// reference bound, nor the compiler's table of declarations.
        /// </summary>
        private static bool SourceDeclaresTypeNamedAlike(Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (AnnotationDeclarationText.MayDeclare(tree.GetText(cancellationToken)) && DeclaresTypeNamedAlike(tree.GetRoot(cancellationToken)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool DeclaresTypeNamedAlike(SyntaxNode root)
        {
            foreach (var node in root.DescendantNodes(node => node is CompilationUnitSyntax || node is BaseNamespaceDeclarationSyntax || node is TypeDeclarationSyntax))
            {
                var name = node switch
                {
                    BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
                    DelegateDeclarationSyntax @delegate => @delegate.Identifier.ValueText,
                    _ => null,
                };
                if (name == AnnotationNames.Acquires || name == AnnotationNames.Releases)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The name of the assembly a reference brings when it declares either attribute, read off its metadata
        /// without creating symbols; an added module's types belong to the compilation's own assembly.
        /// </summary>
        private static string? DeclaringName(Compilation compilation, MetadataReference reference)
        {
            switch (reference)
            {
                case PortableExecutableReference file:
                    try
                    {
                        switch (file.GetMetadata())
                        {
                            case AssemblyMetadata assembly when assembly.GetModules() is var modules && modules[0].GetMetadataReader() is var manifest && modules.Any(Declares):
                                // A module passed as an assembly has no manifest: the compiler rejects it (CS1509).
                                return manifest.IsAssembly ? manifest.GetString(manifest.GetAssemblyDefinition().Name) : null;
                            case ModuleMetadata module when Declares(module):
                                return compilation.Assembly.Identity.Name;
                            default:
                                return null;
                        }
                    }
                    catch (Exception e) when (e is System.IO.IOException || e is BadImageFormatException || e is UnauthorizedAccessException)
                    {
                        // A reference that cannot be read is reported by the compiler, which binds nothing from it either.
                        return null;
                    }

                case CompilationReference project:
                    // A project referenced in the IDE: its own compilation, already built there.
                    return DeclaresBySymbol(project.Compilation.Assembly) ? project.Compilation.Assembly.Identity.Name : null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// Whether the module declares either attribute: read once per module, which a compiler server and the IDE share
        /// across compilations (a reference's metadata is loaded once), so that a compilation's start does not read every
        /// type of every reference again.
        /// </summary>
        private static bool Declares(ModuleMetadata module) =>
            DeclaringModules.GetValue(module, m => Declares(m.GetMetadataReader()) ? Declaring : NotDeclaring) == Declaring;

        private static readonly ConditionalWeakTable<ModuleMetadata, object> DeclaringModules = new ConditionalWeakTable<ModuleMetadata, object>();
        private static readonly object Declaring = new object();
        private static readonly object NotDeclaring = new object();

        private static bool Declares(MetadataReader reader)
        {
            foreach (var handle in reader.TypeDefinitions)
            {
                // A nested type's namespace is empty, so a match of the namespace is a top-level type.
                var type = reader.GetTypeDefinition(handle);
                if (reader.StringComparer.Equals(type.Namespace, AnnotationNames.Namespace) &&
                    (reader.StringComparer.Equals(type.Name, AnnotationNames.Acquires) || reader.StringComparer.Equals(type.Name, AnnotationNames.Releases)))
                {
                    return true;
                }
            }

            return false;
        }

        // Asked of each assembly, not of the compilation: it answers null when several declare the same name.
        private static bool DeclaresBySymbol(IAssemblySymbol assembly) =>
            assembly.GetTypeByMetadataName(AnnotationNames.AcquiresMetadataName) != null || assembly.GetTypeByMetadataName(AnnotationNames.ReleasesMetadataName) != null;
    }
}
