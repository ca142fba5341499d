using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// The names of every member that acquires or releases, gathered once per compilation, so that a body is only
    /// bound and lowered when its syntax can call one: most bodies of a real project never pay for more than a walk
    /// over their syntax.
    /// </summary>
    internal sealed class ContractNameIndex
    {
        private readonly HashSet<string> _names;
        private readonly bool _anyConstructor;
        private readonly bool _monitor;

        private ContractNameIndex(HashSet<string> names, bool anyConstructor, bool monitor)
        {
            _names = names;
            _anyConstructor = anyConstructor;
            _monitor = monitor;
        }

        public static ContractNameIndex Build(Compilation compilation, bool readAttributes, IEnumerable<ISymbol> configured, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            bool anyConstructor = false;
            bool monitor = false;
            void Add(IMethodSymbol method)
            {
                if (method.MethodKind == MethodKind.Constructor)
                {
                    anyConstructor = true;
                    names.Add(method.ContainingType.Name);
                }
                else
                {
                    names.Add(method.Name);
                }

                // The lock statement calls Monitor.Enter and Exit without naming them.
                monitor |= method.ContainingType?.Name == "Monitor" && method.ContainingNamespace?.ToDisplayString() == "System.Threading";
            }

            foreach (var symbol in configured)
            {
                if (symbol is IMethodSymbol method)
                {
                    Add(method);
                }
            }

            if (readAttributes)
            {
                foreach (var assembly in AnnotatedAssemblies(compilation))
                {
                    Collect(assembly.GlobalNamespace, Add, cancellationToken);
                }
            }

            return new ContractNameIndex(names, anyConstructor, monitor);
        }

        /// <summary>Whether the body's syntax calls a member by one of the indexed names.</summary>
        public bool MayCall(SyntaxNode body)
        {
            foreach (var node in body.DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax invocation when _names.Contains(RightmostName(invocation.Expression)):
                    case ObjectCreationExpressionSyntax creation when _names.Contains(RightmostName(creation.Type)):
                    case ImplicitObjectCreationExpressionSyntax _ when _anyConstructor:
                    case LockStatementSyntax _ when _monitor:
                        return true;
                }
            }

            return false;
        }

        private static string RightmostName(SyntaxNode expression) => expression switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            _ => string.Empty,
        };

        /// <summary>Assemblies that declare the annotations or reference one that does: only they can carry them.</summary>
        private static IEnumerable<IAssemblySymbol> AnnotatedAssemblies(Compilation compilation)
        {
            var assemblies = new[] { compilation.Assembly }.Concat(compilation.SourceModule.ReferencedAssemblySymbols).ToList();
            var declaring = new HashSet<IAssemblySymbol>(
                assemblies.Where(a => a.GetTypeByMetadataName(AnnotationNames.AcquiresMetadataName) != null || a.GetTypeByMetadataName(AnnotationNames.ReleasesMetadataName) != null),
                SymbolEqualityComparer.Default);
            return assemblies.Where(a =>
                declaring.Contains(a) ||
                SymbolEqualityComparer.Default.Equals(a, compilation.Assembly) ||
                a.Modules.Any(m => m.ReferencedAssemblySymbols.Any(declaring.Contains)));
        }

        private static void Collect(INamespaceOrTypeSymbol container, System.Action<IMethodSymbol> add, CancellationToken cancellationToken)
        {
            foreach (var member in container.GetMembers())
            {
                switch (member)
                {
                    case INamespaceOrTypeSymbol nested:
                        cancellationToken.ThrowIfCancellationRequested();
                        Collect(nested, add, cancellationToken);
                        break;
                    case IMethodSymbol method when IsAnnotated(method):
                        add(method);
                        break;
                }
            }
        }

        private static bool IsAnnotated(IMethodSymbol method) =>
            HasAnnotation(method.GetAttributes()) ||
            HasAnnotation(method.GetReturnTypeAttributes()) ||
            method.Parameters.Any(p => HasAnnotation(p.GetAttributes()));

        private static bool HasAnnotation(System.Collections.Immutable.ImmutableArray<AttributeData> attributes)
        {
            foreach (var attribute in attributes)
            {
                if (AttributeContractReader.IsAnnotation(attribute.AttributeClass, AnnotationNames.Acquires) ||
                    AttributeContractReader.IsAnnotation(attribute.AttributeClass, AnnotationNames.Releases))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
