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

        // The names as words, to tell which one a mention spells from the text alone.
        private readonly WordScanner _nameWords;

        // Names some extension method with a contract has: its calls are not narrowed by the receiver (see MayCall).
        private readonly HashSet<string> _extensionNames;
        private readonly ContractCallFilter _calls;

        // Properties whose getter acquires or releases (read as `s.First`), and whether an indexer's does (`s[i]`).
        private readonly HashSet<string> _properties;
        private readonly bool _anyIndexer;
        private readonly bool _anyConstructor;

        // The words whose presence in a body's text makes a call possible.
        private readonly HashSet<string> _words;
        private readonly WordScanner _contractWords;

        // Where the files mention contract members, and the source members that may wrap an acquire
        // (docs/ownership.md, "Inferred contracts"), so that a body calling only such a wrapper is analysed too:
        // found once, on first need, by one thread while the others wait. A cancellation is kept: the compilation's
        // analysis is being cancelled as a whole. The mentions come first and on their own: the wrapper search judges
        // calls, which may ask whether a source method can wrap anything (MayMentionContract).
        private readonly System.Lazy<ContractMentions> _mentions;
        private readonly System.Lazy<(WrapperCandidates Wrappers, ContractMentions? WrapperMentions)> _wrappers;

        private ContractNameIndex(Compilation compilation, ContractCatalog catalog, HashSet<string> names, HashSet<string> extensionNames, Dictionary<string, HashSet<string>> declaringTypes, HashSet<string> properties, bool anyIndexer, NameRoles roles, bool anyConstructor, CancellationToken cancellationToken)
        {
            _names = names;
            _nameWords = new WordScanner(names);
            _extensionNames = extensionNames;
            _calls = new ContractCallFilter(compilation, catalog, declaringTypes);
            _properties = properties;
            _anyIndexer = anyIndexer;
            Roles = roles;
            _anyConstructor = anyConstructor;
            _words = new HashSet<string>(names.Concat(properties).Where(n => n.Length > 0), System.StringComparer.Ordinal);
            if (anyConstructor)
            {
                _words.Add("new");
            }

            _contractWords = new WordScanner(_words);
            _mentions = new System.Lazy<ContractMentions>(() => ContractMentions.Scan(compilation, _contractWords, cancellationToken), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
            _wrappers = new System.Lazy<(WrapperCandidates, ContractMentions?)>(
                () =>
                {
                    var wrappers = roles.IsEmpty ? WrapperCandidates.None : WrapperCandidates.Find(compilation, roles, MemberTypes, names, _mentions.Value, JudgesFor(cancellationToken), () => ConfirmWrapper, cancellationToken);
                    return (wrappers, wrappers.IsEmpty ? null : ContractMentions.OnDemand(new WordScanner(wrappers.Names)));
                },
                System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public static ContractNameIndex Build(Compilation compilation, ContractCatalog catalog, AnnotationAssemblies annotations, IReadOnlyDictionary<ISymbol, MemberContract> configured, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            var extensionNames = new HashSet<string>(System.StringComparer.Ordinal);
            var declaringTypes = new Dictionary<string, HashSet<string>>(System.StringComparer.Ordinal);
            var roles = new NameRoles();
            var properties = new HashSet<string>(System.StringComparer.Ordinal);
            bool anyIndexer = false;
            bool anyConstructor = false;
            void Add(IMethodSymbol method, MemberContract contract)
            {
                if (method.MethodKind == MethodKind.Constructor)
                {
                    anyConstructor = true;
                    names.Add(method.ContainingType.Name);
                }
                else if (method.AssociatedSymbol is IPropertySymbol property)
                {
                    // A getter is called by reading the property: `s.First`, or `s[i]` for an indexer.
                    anyIndexer |= property.IsIndexer;
                    properties.Add(property.Name);
                }
                else
                {
                    names.Add(method.Name);
                    roles.Add(method.Name, contract, method.ContainingType);
                    AddDeclaringType(declaringTypes, method.Name, method.ContainingType?.Name);
                    if (method.IsExtensionMethod || !IsOrdinaryType(method.ContainingType))
                    {
                        extensionNames.Add(method.Name);
                    }
                }
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
                        CollectFromSyntax(tree.GetRoot(cancellationToken), names, extensionNames, declaringTypes, properties, roles, ref anyConstructor, ref anyIndexer);
                    }
                }
            }

            return new ContractNameIndex(compilation, catalog, names, extensionNames, declaringTypes, properties, anyIndexer, roles, anyConstructor, cancellationToken);
        }

        /// <summary>
        /// Whether the body's syntax calls a member by one of the indexed names, or a source member that wraps one
        /// (its contract is then inferred to tell): one scan of the text, one walk of the syntax, and for a call by a
        /// contract member's name, name lookups that tell whether it can bind to one (<see cref="ContractCallFilter"/>).
        /// </summary>
        public bool MayCall(SyntaxNode body, SemanticModel model, CancellationToken cancellationToken)
        {
            if (_contractWords.IsEmpty)
            {
                return false;
            }

            // Most bodies never even spell such a name: the file's mentions, found by one scan of its text, settle it
            // without creating syntax nodes.
            var mentions = _mentions.Value;
            var (wrappers, wrapperMentions) = _wrappers.Value;
            var within = mentions.Within(body.SyntaxTree, body.Span, cancellationToken);
            var wrapperWithin = wrapperMentions?.Within(body.SyntaxTree, body.Span, cancellationToken) ?? (FileMentions.None, 0, 0);
            if (within is var (file, first, end) && wrapperWithin is var (wrapperFile, wrapperFirst, wrapperEnd) && !_anyIndexer && !file.MayHideAName(body.Span.Start, body.Span.End))
            {
                // Only the tokens the scans found are read, each judged once: a body full of look-alike names is not
                // walked as a whole, and a call the wrapper search judged is not judged again. The commonest calls
                // are read off the text, without their tokens (ReceiverCallText).
                var calls = first < end ? CallsFromText.For(body) : default;
                for (int index = first; index < end; index++)
                {
                    if (file.Verdict(index) ?? (!SettledByText(file, index, calls, model, cancellationToken) && MentionMayCall(file, index, body, model, cancellationToken)))
                    {
                        return true;
                    }
                }

                // A wrapper's name is as common as a contract member's (`Parse`, `Take`): its calls are narrowed by
                // their receiver the same way, against the wrappers' inferred contracts.
                for (int index = wrapperFirst; index < wrapperEnd; index++)
                {
                    if (wrapperFile.Verdict(index) ?? wrapperFile.Remember(index, WrapperMentionMayCall(body.FindToken(wrapperFile.Positions[index]), wrappers, model, cancellationToken)))
                    {
                        return true;
                    }
                }

                return false;
            }

            foreach (var node in body.DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax invocation when CallsContractOrWrapper(invocation, wrappers, model, cancellationToken):
                    case ObjectCreationExpressionSyntax creation when _names.Contains(RightmostName(creation.Type)):
                    case ImplicitObjectCreationExpressionSyntax _ when _anyConstructor:
                    case MemberAccessExpressionSyntax access when _properties.Contains(access.Name.Identifier.ValueText):
                    case MemberBindingExpressionSyntax binding when _properties.Contains(binding.Name.Identifier.ValueText):
                    case IdentifierNameSyntax identifier when _properties.Contains(identifier.Identifier.ValueText):
                    case ElementAccessExpressionSyntax _ when _anyIndexer:
                    case ElementBindingExpressionSyntax _ when _anyIndexer:
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the text of <paramref name="node"/> may spell the name of a contract member: where it spells none
        /// (and hides no name, <see cref="HiddenSpellings"/>), nothing in it is a call of one. A wrapper's syntax needs
        /// such a call (<see cref="WrapperSyntax"/>), so a method whose text has none is known to wrap nothing without
        /// its body being walked.
        /// </summary>
        public bool MayMentionContract(SyntaxNode node, CancellationToken cancellationToken)
        {
            if (_contractWords.IsEmpty)
            {
                return false;
            }

            return !(_mentions.Value.Within(node.SyntaxTree, node.Span, cancellationToken) is var (file, first, end)) ||
                first < end || file.MayHideAName(node.Span.Start, node.Span.End);
        }

        /// <summary>
        /// Whether the token where the scan found a contract word may call a contract member: the name of a call, of a
        /// created type, of a property read, or the <c>new</c> keyword. A word in a comment, a string or a declaration
        /// calls nothing. A <c>lock</c> statement calls Monitor's members without naming them, but always in pairs (the
        /// compiler's own try/finally): a body whose only Monitor calls are locks has nothing to report.
        /// </summary>
        private bool MentionMayCall(SyntaxToken token, SemanticModel model, CancellationToken cancellationToken)
        {
            switch (token.Parent)
            {
                case ImplicitObjectCreationExpressionSyntax _:
                    return _anyConstructor;
                case ObjectCreationExpressionSyntax creation:
                    return _names.Contains(RightmostName(creation.Type));
                case SimpleNameSyntax name:
                    if (_properties.Contains(name.Identifier.ValueText))
                    {
                        return true;
                    }

                    if (CallSyntax.CalledBy(token) is { } invocation)
                    {
                        return _names.Contains(name.Identifier.ValueText) && MayCallContract(invocation, name.Identifier.ValueText, model, cancellationToken);
                    }

                    // The rightmost name of a created type: `new SafeThing(...)`, `new Ns.SafeThing(...)`.
                    SyntaxNode type = name;
                    while (type.Parent is QualifiedNameSyntax qualified && qualified.Right == type || type.Parent is AliasQualifiedNameSyntax alias && alias.Name == type)
                    {
                        type = type.Parent;
                    }

                    return type.Parent is ObjectCreationExpressionSyntax created && created.Type == type && _names.Contains(name.Identifier.ValueText);
                default:
                    return false;
            }
        }

        /// <summary>
        /// What the mention at <paramref name="index"/> of the file may do, judged once per compilation: its token is
        /// found from <paramref name="around"/>, a node that holds it, only when it has not been judged yet.
        /// </summary>
        private bool MentionMayCall(FileMentions file, int index, SyntaxNode around, SemanticModel model, CancellationToken cancellationToken) =>
            file.Verdict(index) ?? file.Remember(index, MentionMayCall(around.FindToken(file.Positions[index]), model, cancellationToken));

        /// <summary>
        /// Whether the mention at <paramref name="position"/> is a call that cannot reach a contract member, read off its
        /// member's text where that is one of the commonest calls, <c>receiver.Name(</c> or <c>Name(</c>
        /// (<see cref="ReceiverCallText"/>), as its syntax would be judged. False where the text does not tell, and where
        /// the call may reach one: the text does not tell a call from a comment or a string, so the syntax settles those.
        /// </summary>
        private bool CallsNothingByText(int position, CallsFromText calls, SemanticModel model, CancellationToken cancellationToken)
        {
            if (calls.Member == null)
            {
                return false;
            }

            var text = MemberText.For(calls.Member, cancellationToken);
            int at = position - calls.MemberStart;
            var name = _nameWords.WordAt(new System.ReadOnlySpan<char>(text.Buffer, 0, text.Length), at);
            if (name == null || _properties.Contains(name) || _extensionNames.Contains(name))
            {
                return false;
            }

            if (!ReceiverCallText.TryRead(text.Buffer, text.Length, at, name.Length, out int receiverAt, out int receiverLength))
            {
                // `Free()`: a method of this type, a base or an enclosing type, a local function, or a `using static` import.
                return ReceiverCallText.IsUnqualifiedCall(text.Buffer, text.Length, at, name.Length) &&
                    !_calls.MayCallUnqualified(calls.Member, calls.Scope!, name, position, model, cancellationToken);
            }

            var receiver = RecentIdentifiers.Get(text.Buffer, receiverAt, receiverLength);
            return !ReceiverCallText.IsKeyword(receiver) &&
                !_calls.MayCallThrough(calls.Member, calls.Scope!, receiver, calls.MemberStart + receiverAt, name, model, cancellationToken);
        }

        /// <summary>How the wrapper search judges a mention: as a body does, keeping each verdict for it.</summary>
        private MentionJudges JudgesFor(CancellationToken cancellationToken) => new MentionJudges(
            (file, index, calls, model) => SettledByText(file, index, calls, model, cancellationToken),
            (file, index, token, model) => MentionMayCall(file, index, token.Parent!, model, cancellationToken));

        /// <summary>
        /// Whether the mention at <paramref name="index"/> is read off its member's text as calling nothing
        /// (<see cref="CallsNothingByText"/>): that verdict is kept for whoever asks next. False where the text does not
        /// settle it, and when calls are not read off text.
        /// </summary>
        private bool SettledByText(FileMentions file, int index, CallsFromText calls, SemanticModel model, CancellationToken cancellationToken)
        {
            if (!ReadsCallsFromText || !CallsNothingByText(file.Positions[index], calls, model, cancellationToken))
            {
                return false;
            }

            file.Remember(index, false);
            return true;
        }

        /// <summary>Whether the token where the scan found a wrapper's name is the name of a call that may reach a wrapper.</summary>
        private bool WrapperMentionMayCall(SyntaxToken token, WrapperCandidates wrappers, SemanticModel model, CancellationToken cancellationToken) =>
            CallSyntax.CalledBy(token) is { } invocation && MayCallWrapper(invocation, token.ValueText, wrappers, model, cancellationToken);

        private bool CallsContractOrWrapper(InvocationExpressionSyntax invocation, WrapperCandidates wrappers, SemanticModel model, CancellationToken cancellationToken)
        {
            var name = RightmostName(invocation.Expression);
            return _names.Contains(name) ? MayCallContract(invocation, name, model, cancellationToken) : MayCallWrapper(invocation, name, wrappers, model, cancellationToken);
        }

        /// <summary>
        /// A call by a wrapper's name: whether some method of that name whose contract is inferred to acquire may receive
        /// it. Its receiver narrows it as a contract member's does (<see cref="ContractCallFilter"/>), against any
        /// contract, declared or inferred, of the receiver's methods of that name (a superset); an extension wrapper is
        /// reached through any receiver its `this` parameter converts from. Without the inference, the name alone
        /// decides. The receiver is judged before the name is confirmed: confirming infers the contract of every
        /// candidate of that name, which `int.Parse` needs none of.
        /// </summary>
        private bool MayCallWrapper(InvocationExpressionSyntax invocation, string name, WrapperCandidates wrappers, SemanticModel model, CancellationToken cancellationToken) =>
            wrappers.IsCandidate(name) &&
            (ConfirmWrapper == null || wrappers.IsReachedAsExtension(name) || _calls.MayCallContract(invocation, name, model, cancellationToken)) &&
            wrappers.IsWrapper(name);

        /// <summary>A call by a contract member's name: whether it can bind to one (<see cref="ContractCallFilter"/>).</summary>
        private bool MayCallContract(InvocationExpressionSyntax invocation, string name, SemanticModel model, CancellationToken cancellationToken) =>
            // An extension method is reached through any receiver its `this` parameter converts from: not narrowed.
            _extensionNames.Contains(name) || _calls.MayCallContract(invocation, name, model, cancellationToken);

        /// <summary>
        /// Whether calls of a source method are reached as an extension's are, through any receiver: an extension
        /// method, or a member of anything but a class, struct or interface (a C# 14 extension block).
        /// </summary>
        internal static bool IsReachedAsExtension(MethodDeclarationSyntax method) =>
            method.ParameterList.Parameters.FirstOrDefault()?.Modifiers.Any(Microsoft.CodeAnalysis.CSharp.SyntaxKind.ThisKeyword) == true ||
            !(method.Parent is ClassDeclarationSyntax || method.Parent is StructDeclarationSyntax || method.Parent is InterfaceDeclarationSyntax || method.Parent is RecordDeclarationSyntax);

        /// <summary>A class, struct or interface: a member of anything else (a C# 14 extension block) is reached as an extension is.</summary>
        private static bool IsOrdinaryType(INamedTypeSymbol? type) =>
            type != null && (type.TypeKind == TypeKind.Class || type.TypeKind == TypeKind.Struct || type.TypeKind == TypeKind.Interface);

        /// <summary>
        /// Confirms that a source method whose syntax looks like a wrapper is one (its inferred contract acquires): set
        /// once the contract inference exists. Without it, the syntax alone decides.
        /// </summary>
        internal System.Func<IMethodSymbol, bool>? ConfirmWrapper { get; set; }

        /// <summary>Whether calls are read off text where they can be (on unless a test compares with their syntax alone).</summary>
        internal bool ReadsCallsFromText { get; set; } = true;

        /// <summary>What each indexed name does: acquire in place, acquire a returned value, release.</summary>
        public NameRoles Roles { get; }

        /// <summary>The declared types of the fields and properties of the compilation's types, read once each by the wrapper checks.</summary>
        public MemberTypeNames MemberTypes { get; } = new MemberTypeNames();

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

        private static void AddDeclaringType(Dictionary<string, HashSet<string>> declaringTypes, string name, string? typeName)
        {
            if (string.IsNullOrEmpty(typeName))
            {
                return;
            }

            if (!declaringTypes.TryGetValue(name, out var types))
            {
                declaringTypes.Add(name, types = new HashSet<string>(System.StringComparer.Ordinal));
            }

            types.Add(typeName!);
        }

        private static void CollectFromSyntax(SyntaxNode root, HashSet<string> names, HashSet<string> extensionNames, Dictionary<string, HashSet<string>> declaringTypes, HashSet<string> properties, NameRoles roles, ref bool anyConstructor, ref bool anyIndexer)
        {
            foreach (var attribute in root.DescendantNodes().OfType<AttributeSyntax>())
            {
                if (System.Array.IndexOf(AnnotationAttributeNames, RightmostName(attribute.Name)) < 0)
                {
                    continue;
                }

                switch (attribute.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax || n is LocalFunctionStatementSyntax || n is TypeDeclarationSyntax || n is AccessorDeclarationSyntax))
                {
                    case AccessorDeclarationSyntax accessor:
                        switch (accessor.Parent?.Parent)
                        {
                            case PropertyDeclarationSyntax property:
                                properties.Add(property.Identifier.ValueText);
                                break;
                            case IndexerDeclarationSyntax _:
                                anyIndexer = true;
                                break;
                        }

                        break;
                    case MethodDeclarationSyntax method:
                        names.Add(method.Identifier.ValueText);
                        roles.Add(method.Identifier.ValueText, attribute);
                        AddDeclaringType(declaringTypes, method.Identifier.ValueText, (method.Parent as BaseTypeDeclarationSyntax)?.Identifier.ValueText);
                        if (IsReachedAsExtension(method))
                        {
                            extensionNames.Add(method.Identifier.ValueText);
                        }

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
