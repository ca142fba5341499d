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

        // Source members that may wrap an acquire (docs/ownership.md, "Inferred contracts"): found on first need, so
        // that a body calling only such a wrapper is analysed too. Not cached on failure (cancellation).
        private readonly System.Lazy<(HashSet<string> Names, WordScanner Words)> _wrappers;

        private ContractNameIndex(Compilation compilation, HashSet<string> names, NameRoles roles, bool anyConstructor, bool monitor, CancellationToken cancellationToken)
        {
            _names = names;
            Roles = roles;
            _wrappers = new System.Lazy<(HashSet<string>, WordScanner)>(() => FindWrappers(compilation, cancellationToken), System.Threading.LazyThreadSafetyMode.PublicationOnly);
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

        public static ContractNameIndex Build(Compilation compilation, AnnotationAssemblies annotations, IReadOnlyDictionary<ISymbol, MemberContract> configured, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            var roles = new NameRoles();
            bool anyConstructor = false;
            bool monitor = false;
            void Add(IMethodSymbol method, MemberContract contract)
            {
                if (method.MethodKind == MethodKind.Constructor)
                {
                    anyConstructor = true;
                    names.Add(method.ContainingType.Name);
                }
                else
                {
                    names.Add(method.Name);
                    roles.Add(method.Name, contract);
                }

                // The lock statement calls Monitor.Enter and Exit without naming them.
                monitor |= method.ContainingType?.Name == "Monitor" && method.ContainingNamespace?.ToDisplayString() == "System.Threading";
            }

            foreach (var pair in configured)
            {
                if (pair.Key is IMethodSymbol method)
                {
                    Add(method, pair.Value);
                }
            }

            if (annotations.Any)
            {
                foreach (var assembly in annotations.Carriers())
                {
                    if (!SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly))
                    {
                        Collect(assembly.GlobalNamespace, method => Add(method, AttributeContractReader.Read(method)), cancellationToken);
                    }
                }

                // Source is read as syntax: binding every attribute of a large project would cost more than it saves,
                // and only files that spell an annotation's name are walked at all.
                foreach (var tree in compilation.SyntaxTrees)
                {
                    var text = tree.GetText(cancellationToken);
                    if (AnnotationWords.Mentions(text, new Microsoft.CodeAnalysis.Text.TextSpan(0, text.Length)))
                    {
                        CollectFromSyntax(tree.GetRoot(cancellationToken), names, roles, ref anyConstructor);
                    }
                }
            }

            return new ContractNameIndex(compilation, names, roles, anyConstructor, monitor, cancellationToken);
        }

        /// <summary>Whether the body's syntax calls a member by one of the indexed names, or a source member that may wrap one.</summary>
        public bool MayCall(SyntaxNode body) => MayCallContract(body) || MayCallWrapper(body);

        /// <summary>What each indexed name does: acquire in place, acquire a returned value, release.</summary>
        public NameRoles Roles { get; }

        /// <summary>Whether the body's syntax calls an annotated or configured member by name (not counting wrappers).</summary>
        public bool MayCallContract(SyntaxNode body)
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

        private bool MayCallWrapper(SyntaxNode body)
        {
            if (Roles.IsEmpty)
            {
                return false;
            }

            var (names, words) = _wrappers.Value;
            if (words.IsEmpty || (body.SyntaxTree.TryGetText(out var text) && !words.Mentions(text, body.Span)))
            {
                return false;
            }

            foreach (var node in body.DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation && names.Contains(RightmostName(invocation.Expression)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The names of source methods whose syntax looks like an acquire wrapper (<see cref="WrapperSyntax"/>): a
        /// body that calls one is analysed, and the method's contract is inferred on demand.
        /// </summary>
        private (HashSet<string> Names, WordScanner Words) FindWrappers(Compilation compilation, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = tree.GetText(cancellationToken);
                if (!Roles.AcquireWords.Mentions(text, new Microsoft.CodeAnalysis.Text.TextSpan(0, text.Length)))
                {
                    continue;
                }

                foreach (var method in tree.GetRoot(cancellationToken).DescendantNodes().OfType<MethodDeclarationSyntax>())
                {
                    if (WrapperSyntax.MayAcquireForCaller(method, Roles))
                    {
                        names.Add(method.Identifier.ValueText);
                    }
                }
            }

            names.ExceptWith(_names);
            return (names, new WordScanner(names));
        }

        internal static string RightmostNameOf(SyntaxNode expression) => RightmostName(expression);

        private static string RightmostName(SyntaxNode expression) => expression switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            _ => string.Empty,
        };

        private static void CollectFromSyntax(SyntaxNode root, HashSet<string> names, NameRoles roles, ref bool anyConstructor)
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
                        roles.Add(method.Identifier.ValueText, attribute);
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
