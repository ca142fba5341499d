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
        // How source can spell the annotations: the text scan of a file and the walk of its attributes use the same names.
        private static readonly string[] AnnotationAttributeNames = { "Acquires", "AcquiresAttribute", "Releases", "ReleasesAttribute" };

        private static readonly WordScanner AnnotationWords = new WordScanner(AnnotationAttributeNames);

        private readonly HashSet<string> _names;
        private readonly bool _anyConstructor;
        private readonly bool _monitor;

        // The words whose presence in a body's text makes a call possible.
        private readonly WordScanner _words;

        private ContractNameIndex(HashSet<string> names, bool anyConstructor, bool monitor)
        {
            _names = names;
            _anyConstructor = anyConstructor;
            _monitor = monitor;
            var words = new HashSet<string>(names.Where(n => n.Length > 0), System.StringComparer.Ordinal);
            if (anyConstructor)
            {
                words.Add("new");
            }

            if (monitor)
            {
                words.Add("lock");
            }

            _words = new WordScanner(words);
        }

        public static ContractNameIndex Build(Compilation compilation, AnnotationAssemblies annotations, IEnumerable<ISymbol> configured, CancellationToken cancellationToken)
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

            if (annotations.Any)
            {
                foreach (var assembly in annotations.Carriers())
                {
                    if (!SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly))
                    {
                        Collect(assembly.GlobalNamespace, Add, cancellationToken);
                    }
                }

                // Source is read as syntax: binding every attribute of a large project would cost more than it saves,
                // and only files that spell an annotation's name are walked at all.
                foreach (var tree in compilation.SyntaxTrees)
                {
                    var text = tree.GetText(cancellationToken);
                    if (AnnotationWords.Mentions(text, new Microsoft.CodeAnalysis.Text.TextSpan(0, text.Length)))
                    {
                        CollectFromSyntax(tree.GetRoot(cancellationToken), names, ref anyConstructor);
                    }
                }
            }

            return new ContractNameIndex(names, anyConstructor, monitor);
        }

        /// <summary>Whether the body's syntax calls a member by one of the indexed names.</summary>
        public bool MayCall(SyntaxNode body)
        {
            // Most bodies never even spell such a name: a scan of their text settles it without creating syntax nodes.
            if (_words.IsEmpty || (body.SyntaxTree.TryGetText(out var text) && !_words.Mentions(text, body.Span)))
            {
                return false;
            }

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

        private static void CollectFromSyntax(SyntaxNode root, HashSet<string> names, ref bool anyConstructor)
        {
            foreach (var attribute in root.DescendantNodes().OfType<AttributeSyntax>())
            {
                if (System.Array.IndexOf(AnnotationAttributeNames, RightmostName(attribute.Name)) < 0)
                {
                    continue;
                }

                switch (attribute.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax || n is LocalFunctionStatementSyntax || n is TypeDeclarationSyntax))
                {
                    case MethodDeclarationSyntax method:
                        names.Add(method.Identifier.ValueText);
                        break;
                    case ConstructorDeclarationSyntax constructor:
                        anyConstructor = true;
                        names.Add(constructor.Identifier.ValueText);
                        break;
                    case LocalFunctionStatementSyntax localFunction:
                        names.Add(localFunction.Identifier.ValueText);
                        break;
                    case TypeDeclarationSyntax type:
                        // A primary constructor's parameter: calls name the type.
                        anyConstructor = true;
                        names.Add(type.Identifier.ValueText);
                        break;
                }
            }
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
