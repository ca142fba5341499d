using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Tells whether a call spelled with a contract member's name can bind to a contract member, without binding the
    /// body it is in: real code is full of <c>Return</c>, <c>Release</c>, <c>Wait</c>, <c>Enter</c>, <c>Exit</c> and
    /// <c>Free</c> on types of its own (docs/configuration.md, "Cost"). The receiver's type is read off its declaration
    /// (a parameter's or a local's type as written, a field's or a property's type, a type named in the call, an array's
    /// element, a type parameter's constraints, the return types of an unqualified call); a type that declares a member
    /// of that name with a contract, or whose name the filter cannot settle, may be called. Everything the declarations
    /// do not tell (a call through a member access, which may reach an extension, `var` from anything but a written
    /// type, an indexer, <c>dynamic</c>, a member whose text escapes characters) may call one too: the filter only skips
    /// a call that provably reaches no contract member.
    /// </summary>
    internal sealed class ContractCallFilter
    {
        private readonly ContractCatalog _catalog;

        // For each contract member name, the simple names of the types that declare such a member: a receiver declared
        // with one of them may call it, with no symbol needed.
        private readonly Dictionary<string, HashSet<string>> _declaringTypes;

        // The types written for each type declaration's fields and properties, for what a name means outside a member.
        private readonly DeclaredMemberTypes _declaredMembers = new DeclaredMemberTypes();

        // What a name that the member does not declare denotes in a type declaration (a field, a property, a type), and
        // whether a type's members of a name have a contract: asked again by every call on the same receiver.
        private readonly ConcurrentDictionary<(TypeDeclarationSyntax Scope, string Identifier), List<Receiver>> _scopeNames =
            new ConcurrentDictionary<(TypeDeclarationSyntax, string), List<Receiver>>();

        // What a type name written in a type declaration denotes (null: the binding cannot tell), per declaration it is
        // written in (the names in scope differ); whether each type found reaches a member is cached by the type.
        private readonly ConcurrentDictionary<(TypeDeclarationSyntax Scope, string TypeName, int Arity), IReadOnlyList<ISymbol>?> _resolvedNames =
            new ConcurrentDictionary<(TypeDeclarationSyntax, string, int), IReadOnlyList<ISymbol>?>();

        // Whether a call through a simple name that the member does not declare, or an unqualified call, may reach a
        // contract member: the same for every body of a type declaration (what `_stash.Return` or `Free()` means there).
        private readonly ConcurrentDictionary<(TypeDeclarationSyntax Scope, string Receiver, string Member), bool> _outsideVerdicts =
            new ConcurrentDictionary<(TypeDeclarationSyntax, string, string), bool>();

        // Whether a call through a type name written in a type declaration may reach a contract member, per name called.
        private readonly ConcurrentDictionary<(TypeDeclarationSyntax Scope, string TypeName, int Arity, string Member), bool> _namedVerdicts =
            new ConcurrentDictionary<(TypeDeclarationSyntax, string, int, string), bool>();

        // Whether an unqualified call that no local function of its member declares may reach one (`Free()`).
        private readonly ConcurrentDictionary<(TypeDeclarationSyntax Scope, string Member), bool> _unqualifiedVerdicts =
            new ConcurrentDictionary<(TypeDeclarationSyntax, string), bool>();

        // What an unqualified call that its member does not declare may return (`Make()` in `Make().Release()`).
        private readonly ConcurrentDictionary<(TypeDeclarationSyntax Scope, string Method), List<Receiver>> _callResults =
            new ConcurrentDictionary<(TypeDeclarationSyntax, string), List<Receiver>>();

        private readonly ConcurrentDictionary<(ITypeSymbol Type, string Member), bool> _typeVerdicts =
            new ConcurrentDictionary<(ITypeSymbol, string), bool>(new TypeAndNameComparer());

        private readonly ConcurrentDictionary<TypeDeclarationSyntax, INamedTypeSymbol?> _declaredTypes =
            new ConcurrentDictionary<TypeDeclarationSyntax, INamedTypeSymbol?>();

        private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<ITypeSymbol>> _staticImports =
            new ConcurrentDictionary<SyntaxTree, ImmutableArray<ITypeSymbol>>();

        private readonly Compilation _compilation;

        // Read once, by whichever thread first needs it: the same answer every time.
        private ITypeSymbol[]? _globalStaticImports;

        // What every type parameter's values also have: the members of object, and of ValueType for a struct's.
        private readonly ITypeSymbol _objectType;
        private readonly ITypeSymbol _valueType;
        private readonly INamedTypeSymbol _nullableType;

        public ContractCallFilter(Compilation compilation, ContractCatalog catalog, Dictionary<string, HashSet<string>> declaringTypes)
        {
            _compilation = compilation;
            _catalog = catalog;
            _declaringTypes = declaringTypes;
            _objectType = compilation.GetSpecialType(SpecialType.System_Object);
            _valueType = compilation.GetSpecialType(SpecialType.System_ValueType);
            _nullableType = compilation.GetSpecialType(SpecialType.System_Nullable_T);
        }

        /// <summary>Whether <paramref name="invocation"/>, whose name is a contract member's, may call one.</summary>
        public bool MayCallContract(InvocationExpressionSyntax invocation, string name, SemanticModel model, CancellationToken cancellationToken)
        {
            var scope = invocation.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (scope == null)
            {
                // Top-level statements: nothing to read declarations from.
                return true;
            }

            var member = (SyntaxNode?)invocation.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? scope;
            var context = new Context(member, scope, model, _declaredTypes, cancellationToken);
            switch (invocation.Expression)
            {
                case SimpleNameSyntax simple:
                    return MayCallUnqualified(name, NameStart(simple), context);
                case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                    return MayReachThrough(access.Expression, name, context);
                case MemberBindingExpressionSyntax _ when ConditionalReceiver(invocation) is { } receiver:
                    return MayReachThrough(receiver, name, context);
                default:
                    return true;
            }
        }

        /// <summary>
        /// What `?.Name(...)` is called on: the receiver of the nearest conditional access whose part after `?.` holds
        /// the call, also further down a chain (`gate?.Release().GetHashCode()`) and before a second `?.`
        /// (`gate?.WaitAsync(1)?.ConfigureAwait(false)`, where the second access's receiver is the call); null where no
        /// access holds it.
        /// </summary>
        private static ExpressionSyntax? ConditionalReceiver(InvocationExpressionSyntax invocation)
        {
            for (SyntaxNode child = invocation; child.Parent != null; child = child.Parent)
            {
                if (child.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == child)
                {
                    return conditional.Expression;
                }
            }

            return null;
        }

        /// <summary>
        /// Whether `receiver.Name(...)`, whose receiver is a plain identifier starting at <paramref name="receiverStart"/>
        /// in <paramref name="member"/> (read off the text, <see cref="ReceiverCallText"/>), may call a contract member:
        /// what <see cref="MayCallContract"/> answers for that call's syntax, without finding it.
        /// </summary>
        public bool MayCallThrough(SyntaxNode member, TypeDeclarationSyntax scope, string receiver, int receiverStart, string name, SemanticModel model, CancellationToken cancellationToken) =>
            MayReachThroughName(receiver, receiverStart, name, new Context(member, scope, model, _declaredTypes, cancellationToken));

        /// <summary>
        /// Whether `Name(...)`, an unqualified call whose name starts at <paramref name="use"/> in <paramref name="member"/>
        /// (read off the text, <see cref="ReceiverCallText.IsUnqualifiedCall"/>), may call a contract member: what
        /// <see cref="MayCallContract"/> answers for that call's syntax, without finding it.
        /// </summary>
        public bool MayCallUnqualified(SyntaxNode member, TypeDeclarationSyntax scope, string name, int use, SemanticModel model, CancellationToken cancellationToken) =>
            MayCallUnqualified(name, use, new Context(member, scope, model, _declaredTypes, cancellationToken));

        /// <summary>`receiver.Name(...)`: whether any type the receiver may have reaches a contract member of that name.</summary>
        private bool MayReachThrough(ExpressionSyntax receiver, string name, in Context context) =>
            receiver is IdentifierNameSyntax simple && simple.Identifier.ValueText.Length > 0
                ? MayReachThroughName(simple.Identifier.ValueText, NameStart(simple), name, context)
                : MayReach(ReceiverTypes(receiver, context), name, context);

        /// <summary>
        /// The common receiver, a simple name: what it means outside the member is judged once per type declaration and
        /// member name, for every body that calls through it; only its declarations in this member are read here.
        /// </summary>
        private bool MayReachThroughName(string identifier, int use, string name, in Context context)
        {
            if (IsImplicitValue(identifier, use, context.Member))
            {
                // A setter's `value` hides a field of that name: it is the property's, and is not read here.
                return true;
            }

            var declared = DeclarationsIn(context.Member, identifier, use, context.CancellationToken, out bool useInScope);
            if (declared != null)
            {
                if (MayReach(declared, name, context))
                {
                    return true;
                }

                if (useInScope && IsOnlyATypeName(Outside(identifier, context)))
                {
                    return false;
                }
            }

            var key = (context.Scope, identifier, name);
            return _outsideVerdicts.TryGetValue(key, out bool known) ? known : _outsideVerdicts.GetOrAdd(key, MayReach(Outside(identifier, context), name, context));
        }

        /// <summary>
        /// Whether the name is the implicit parameter of a <c>set</c>, <c>init</c>, <c>add</c> or <c>remove</c> accessor
        /// that holds the use: no declaration in the member's text spells it, and it hides any member named <c>value</c>.
        /// </summary>
        private static bool IsImplicitValue(string identifier, int use, SyntaxNode member)
        {
            if (identifier != "value")
            {
                return false;
            }

            foreach (var accessor in (member as BasePropertyDeclarationSyntax)?.AccessorList?.Accessors ?? default)
            {
                if (accessor.Span.Contains(use) &&
                    (accessor.IsKind(SyntaxKind.SetAccessorDeclaration) || accessor.IsKind(SyntaxKind.InitAccessorDeclaration) ||
                     accessor.IsKind(SyntaxKind.AddAccessorDeclaration) || accessor.IsKind(SyntaxKind.RemoveAccessorDeclaration)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>`Free()`: a method of this type, a base or an enclosing type, a local function, or a `using static` import.</summary>
        private bool MayCallUnqualified(string name, int use, in Context context)
        {
            if (DeclaresLocalFunction(context.Member, name, use, context.CancellationToken))
            {
                return true;
            }

            // The rest depends on the type declaration alone: judged once per declaration and name.
            var key = (context.Scope, name);
            return _unqualifiedVerdicts.TryGetValue(key, out bool known) ? known : _unqualifiedVerdicts.GetOrAdd(key, MayCallMemberOrImport(name, context));
        }

        private bool MayCallMemberOrImport(string name, in Context context)
        {
            foreach (var imported in StaticImports(context))
            {
                if (DeclaresContract(imported, name))
                {
                    return true;
                }
            }

            foreach (var member in MembersInScope(name, context.ContainingType))
            {
                if (member is IMethodSymbol method && !_catalog.Get(method).IsEmpty)
                {
                    return true;
                }
            }

            return context.ContainingType == null;
        }

        private bool MayReach(List<Receiver> receivers, string name, in Context context)
        {
            foreach (var receiver in receivers)
            {
                bool may = receiver.Kind switch
                {
                    ReceiverKind.Type => MayReach(receiver.Type!, name),
                    ReceiverKind.Named => MayReachNamed(receiver, name, context),
                    ReceiverKind.Namespace => false,
                    _ => true,
                };

                if (may)
                {
                    return true;
                }
            }

            return false;
        }

        private bool MayReach(ITypeSymbol type, string name) =>
            _typeVerdicts.TryGetValue((type, name), out bool known) ? known : _typeVerdicts.GetOrAdd((type, name), JudgeType(type, name));

        private bool JudgeType(ITypeSymbol type, string name)
        {
            if (type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && type is INamedTypeSymbol { TypeArguments: { Length: 1 } arguments })
            {
                // `handle?.Free()` on a `GCHandle?` calls the member of the underlying type.
                type = arguments[0];
            }

            if (type is ITypeParameterSymbol parameter)
            {
                return MayReachThroughConstraints(parameter, name);
            }

            if (type.TypeKind == TypeKind.Error || type.TypeKind == TypeKind.Dynamic)
            {
                return true;
            }

            if (_declaringTypes.TryGetValue(name, out var names) && names.Contains(type.Name))
            {
                return true;
            }

            if (DeclaresContract(type, name))
            {
                return true;
            }

            foreach (var contract in type.AllInterfaces)
            {
                if (DeclaresContract(contract, name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A call on a value of a type parameter binds to a member of its constraints (a class, interfaces, other type
        /// parameters), or of <c>object</c> and <c>ValueType</c>: where none of them reaches a contract member, the call
        /// cannot. The type parameters met here are in scope as themselves: a generic type found by its name has
        /// <c>dynamic</c> for its arguments (<see cref="WithUnknownArguments"/>). Roslyn leaves a constraint in a cycle
        /// out of <c>ConstraintTypes</c>, so the recursion ends; a constraint it could not bind may reach anything.
        /// </summary>
        private bool MayReachThroughConstraints(ITypeParameterSymbol parameter, string name)
        {
            foreach (var constraint in parameter.ConstraintTypes)
            {
                if (MayReach(constraint, name))
                {
                    return true;
                }
            }

            return MayReach(_objectType, name) || MayReach(_valueType, name);
        }

        /// <summary>Whether the type or a base declares a method of that name with a contract (declared or inferred).</summary>
        private bool DeclaresContract(ITypeSymbol type, string name)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    if (member is IMethodSymbol method && !_catalog.Get(method).IsEmpty)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>A type as written: its name settles it when a contract member's type has that name; otherwise it is looked up.</summary>
        private bool MayReachNamed(Receiver named, string name, in Context context)
        {
            if (_declaringTypes.TryGetValue(name, out var names) && names.Contains(named.Name!))
            {
                return true;
            }

            if (!IsBoundWhereDeclared(named, context))
            {
                return true;
            }

            var key = (context.Scope, named.Name!, named.Arity, name);
            return _namedVerdicts.TryGetValue(key, out bool known) ? known : _namedVerdicts.GetOrAdd(key, MayReachResolved(named, name, context));
        }

        private bool MayReachResolved(Receiver named, string name, in Context context)
        {
            var resolved = ResolveNamed(named, context);
            if (resolved == null)
            {
                return true;
            }

            foreach (var symbol in resolved)
            {
                if (symbol is ITypeSymbol type ? MayReach(type, name) : !(symbol is INamespaceSymbol))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The types a receiver may have, read off declarations; <see cref="ReceiverKind.Unknown"/> where they do not tell.</summary>
        private List<Receiver> ReceiverTypes(ExpressionSyntax expression, in Context context)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return ReceiverTypes(parenthesized.Expression, context);
                case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    return ReceiverTypes(suppressed.Operand, context);
                case ThisExpressionSyntax _:
                    return One(Receiver.Of(context.ContainingType));
                case BaseExpressionSyntax _:
                    return One(Receiver.Of(context.ContainingType?.BaseType));
                case IdentifierNameSyntax identifier when identifier.Identifier.ValueText.Length > 0:
                    return ByIdentifier(identifier, context);
                case GenericNameSyntax generic:
                    return One(Receiver.Named(generic));
                case PredefinedTypeSyntax predefined:
                    // `int.Parse`, `string.Join`: the keyword names one type wherever it is written.
                    return One(Receiver.Of(SpecialTypeOf(predefined, context.Model.Compilation)));
                case ObjectCreationExpressionSyntax creation:
                    return One(Declared(creation.Type));
                case CastExpressionSyntax cast:
                    return One(Declared(cast.Type));
                case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                    return MemberOf(access, context);
                case InvocationExpressionSyntax call when call.Expression is IdentifierNameSyntax callee && callee.Identifier.ValueText.Length > 0:
                    return CallResults(callee, context);
                case ElementAccessExpressionSyntax element:
                    return ElementsOf(element, context);
                default:
                    return UnknownOnly;
            }
        }

        /// <summary>
        /// `gates[i]`: an array's element type, or the array's own for a range (`gates[1..]`); an index that is neither a
        /// literal nor `^n` may be a range, so both are meant. An indexer, a span or a pointer is not read.
        /// </summary>
        private List<Receiver> ElementsOf(ElementAccessExpressionSyntax element, in Context context)
        {
            bool range = false;
            bool index = true;
            foreach (var argument in element.ArgumentList.Arguments)
            {
                range |= argument.Expression is RangeExpressionSyntax;
                index &= argument.Expression is LiteralExpressionSyntax || argument.Expression.IsKind(SyntaxKind.IndexExpression);
            }

            var result = new List<Receiver>();
            foreach (var collection in ReceiverTypes(element.Expression, context))
            {
                if (collection.Kind != ReceiverKind.Type || !(collection.Type is IArrayTypeSymbol array))
                {
                    return UnknownOnly;
                }

                if (!range)
                {
                    result.Add(Receiver.Of(array.ElementType));
                }

                if (!index)
                {
                    result.Add(collection);
                }
            }

            return result.Count == 0 ? UnknownOnly : result;
        }

        /// <summary>
        /// `Make().Release()`: an unqualified call binds to a method of this type, a base or an enclosing type, never to
        /// an extension; what it may give is the return types of the methods of that name, judged once per type
        /// declaration. A local function or a variable of that name in the member, a generic method (its type arguments
        /// are inferred), and anything else of that name (a delegate-typed field, a `using static` import) are not read.
        /// </summary>
        private List<Receiver> CallResults(IdentifierNameSyntax callee, in Context context)
        {
            var name = callee.Identifier.ValueText;
            int use = NameStart(callee);
            if (DeclaresLocalFunction(context.Member, name, use, context.CancellationToken) || DeclarationsIn(context.Member, name, use, context.CancellationToken) != null)
            {
                return UnknownOnly;
            }

            var key = (context.Scope, name);
            return _callResults.TryGetValue(key, out var known) ? known : _callResults.GetOrAdd(key, ReturnTypes(name, context));
        }

        private List<Receiver> ReturnTypes(string name, in Context context)
        {
            foreach (var parameter in PrimaryConstructorParameters(context))
            {
                if (parameter.Identifier.ValueText == name)
                {
                    return UnknownOnly;
                }
            }

            foreach (var imported in StaticImports(context))
            {
                if (!imported.GetMembers(name).IsEmpty)
                {
                    return UnknownOnly;
                }
            }

            var result = new List<Receiver>();
            foreach (var member in MembersInScope(name, context.ContainingType))
            {
                if (!(member is IMethodSymbol method) || method.IsGenericMethod)
                {
                    return UnknownOnly;
                }

                if (!method.ReturnsVoid)
                {
                    result.Add(Receiver.Of(method.ReturnType));
                }
            }

            return result.Count == 0 ? UnknownOnly : result;
        }

        /// <summary>`a.b`: the member `b` of what `a` is, or the type or namespace `b` inside the namespace or type `a`.</summary>
        private List<Receiver> MemberOf(MemberAccessExpressionSyntax access, in Context context)
        {
            var memberName = access.Name.Identifier.ValueText;
            var result = new List<Receiver>();
            foreach (var left in ReceiverTypes(access.Expression, context))
            {
                switch (left.Kind)
                {
                    case ReceiverKind.Type:
                        AddMembers(left.Type!, memberName, result, context.Unknown);
                        break;
                    case ReceiverKind.Namespace:
                        foreach (var member in left.Namespace!.GetMembers(memberName))
                        {
                            result.Add(Receiver.Of(WithUnknownArguments(member, context.Unknown)));
                        }

                        break;
                    case ReceiverKind.Named:
                        // `System.Threading.Monitor`, `ArrayPool<byte>.Shared`: resolved once the left type is known.
                        if (!IsBoundWhereDeclared(left, context))
                        {
                            return UnknownOnly;
                        }

                        var resolved = ResolveNamed(left, context);
                        if (resolved == null)
                        {
                            return UnknownOnly;
                        }

                        foreach (var symbol in resolved)
                        {
                            if (symbol is ITypeSymbol type)
                            {
                                // `Pair? pair` then `pair.Value.Gate`: of a value type, the written name is `Nullable<Pair>`.
                                AddMembers(left.IsWrittenNullable && type.IsValueType ? _nullableType.Construct(type) : type, memberName, result, context.Unknown);
                            }
                            else if (symbol is INamespaceSymbol ns)
                            {
                                foreach (var member in ns.GetMembers(memberName))
                                {
                                    result.Add(Receiver.Of(WithUnknownArguments(member, context.Unknown)));
                                }
                            }
                        }

                        break;
                    default:
                        return UnknownOnly;
                }
            }

            return result.Count == 0 ? UnknownOnly : result;
        }

        private static ITypeSymbol? SpecialTypeOf(PredefinedTypeSyntax predefined, Compilation compilation)
        {
            var special = predefined.Keyword.Kind() switch
            {
                SyntaxKind.BoolKeyword => SpecialType.System_Boolean,
                SyntaxKind.ByteKeyword => SpecialType.System_Byte,
                SyntaxKind.SByteKeyword => SpecialType.System_SByte,
                SyntaxKind.ShortKeyword => SpecialType.System_Int16,
                SyntaxKind.UShortKeyword => SpecialType.System_UInt16,
                SyntaxKind.IntKeyword => SpecialType.System_Int32,
                SyntaxKind.UIntKeyword => SpecialType.System_UInt32,
                SyntaxKind.LongKeyword => SpecialType.System_Int64,
                SyntaxKind.ULongKeyword => SpecialType.System_UInt64,
                SyntaxKind.FloatKeyword => SpecialType.System_Single,
                SyntaxKind.DoubleKeyword => SpecialType.System_Double,
                SyntaxKind.DecimalKeyword => SpecialType.System_Decimal,
                SyntaxKind.CharKeyword => SpecialType.System_Char,
                SyntaxKind.StringKeyword => SpecialType.System_String,
                SyntaxKind.ObjectKeyword => SpecialType.System_Object,
                _ => SpecialType.None,
            };

            return special == SpecialType.None ? null : compilation.GetSpecialType(special);
        }

        private static void AddMembers(ITypeSymbol type, string memberName, List<Receiver> result, ITypeSymbol unknown)
        {
            if (type.TypeKind == TypeKind.Error || type.TypeKind == TypeKind.Dynamic || type.TypeKind == TypeKind.TypeParameter)
            {
                result.Add(Receiver.Unknown);
                return;
            }

            bool found = false;
            for (var current = type; current != null && !found; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(memberName))
                {
                    found = true;
                    result.Add(MemberType(member, unknown));
                }
            }

            if (!found)
            {
                // An interface's inherited member, an extension property: not settled here.
                result.Add(Receiver.Unknown);
            }
        }

        private static Receiver MemberType(ISymbol member, ITypeSymbol unknown) => member switch
        {
            IFieldSymbol field => Receiver.Of(field.Type),
            IPropertySymbol property when !property.IsIndexer => Receiver.Of(property.Type),
            IEventSymbol @event => Receiver.Of(@event.Type),
            INamedTypeSymbol nested => Receiver.Of(WithUnknownArguments(nested, unknown)),
            _ => Receiver.Unknown,
        };

        /// <summary>
        /// A generic type found by its name, with <c>dynamic</c> (which may reach anything) for its own type arguments:
        /// the name was written with arguments the filter does not read (<c>Box&lt;SemaphoreSlim&gt;</c>), and a member
        /// typed by one of its type parameters is whatever the argument is. Its containing type is kept as found: the
        /// enclosing types' parameters are in scope as themselves, and a base's are its arguments.
        /// </summary>
        private static ISymbol WithUnknownArguments(ISymbol symbol, ITypeSymbol unknown) =>
            symbol is INamedTypeSymbol type && type.Arity > 0
                ? type.ConstructedFrom.Construct(Enumerable.Repeat(unknown, type.Arity).ToArray())
                : symbol;

        /// <summary>
        /// Whether the name means there what it means where the type's members are declared, where it is bound: a
        /// method's or local function's type parameter is not in scope there at all.
        /// </summary>
        private static bool IsBoundWhereDeclared(Receiver named, in Context context) =>
            !DeclaresTypeParameter(context.Member, named.Name!, context.CancellationToken);

        /// <summary>What a type name written in a type declaration denotes, bound once per declaration (<see cref="BindNamed"/>).</summary>
        private IEnumerable<ISymbol>? ResolveNamed(Receiver named, in Context context)
        {
            // Bound once per type declaration, whatever member is called on it: `Stash.Enter` and `Stash.Exit`, or a
            // parameter and a local declared `Stash`, ask the same question.
            var key = (context.Scope, named.Name!, named.Arity);
            return _resolvedNames.TryGetValue(key, out var known) ? known : _resolvedNames.GetOrAdd(key, BindNamed(named, context));
        }

        /// <summary>
        /// The types or namespaces a name written in source denotes, bound as a type or namespace name where the type's
        /// members are declared, outside any body (no body is bound for it), where the type's own type parameters are
        /// in scope and a method's are not; null when that cannot tell (nothing found). The name alone is bound, with its arity
        /// (<c>Pool&lt;byte&gt;</c> is not <c>Pool</c>): a lookup of every symbol in scope would fill the name tables of each
        /// imported namespace, which costs more than the binding of the body it spares.
        /// </summary>
        private static IReadOnlyList<ISymbol>? BindNamed(Receiver named, in Context context)
        {
            var brace = context.Scope.OpenBraceToken;
            if (brace.IsMissing || brace.RawKind == 0)
            {
                return null;
            }

            if (!brace.HasTrailingTrivia && !brace.GetNextToken().HasLeadingTrivia)
            {
                // `{public void M<Gate>()`: the position after the brace is the first member's, where its own type
                // parameters are in scope.
                return null;
            }

            var info = context.Model.GetSpeculativeSymbolInfo(brace.Span.End, SpelledName(named), SpeculativeBindingOption.BindAsTypeOrNamespace);
            var found = info.Symbol != null ? ImmutableArray.Create(info.Symbol) : info.CandidateSymbols;
            if (found.IsEmpty)
            {
                return null;
            }

            var symbols = new List<ISymbol>(found.Length);
            foreach (var symbol in found)
            {
                // A type parameter found here is the type's own (or an enclosing type's): a method's, which would shadow
                // it, was ruled out before (IsBoundWhereDeclared); its constraints tell what its values can call. An
                // alias names its type with its arguments; a generic name's arguments are not read.
                if (symbol is IAliasSymbol alias)
                {
                    symbols.Add(alias.Target);
                    continue;
                }

                if (symbol.Kind == SymbolKind.ErrorType)
                {
                    return null;
                }

                symbols.Add(WithUnknownArguments(symbol, context.Unknown));
            }

            return symbols;
        }

        /// <summary>The name as a type name of its arity: <c>Pool</c>, or <c>Pool&lt;&gt;</c> for one written with one type argument.</summary>
        private static NameSyntax SpelledName(Receiver named) => named.Arity == 0
            ? (NameSyntax)SyntaxFactory.IdentifierName(named.Name!)
            : SyntaxFactory.GenericName(SyntaxFactory.Identifier(named.Name!), SyntaxFactory.TypeArgumentList(
                SyntaxFactory.SeparatedList<TypeSyntax>(Enumerable.Repeat<TypeSyntax>(SyntaxFactory.OmittedTypeArgument(), named.Arity))));

        /// <summary>
        /// What a simple name used as a receiver may be: every declaration of that name in the member (a parameter, a
        /// local, a pattern or out variable, a foreach or catch variable, a primary constructor's parameter) and every
        /// field, property or nested type of that name in the enclosing types and their bases; a type or namespace name
        /// when there is none.
        /// </summary>
        private List<Receiver> ByIdentifier(IdentifierNameSyntax receiver, in Context context)
        {
            // The receiver itself is a use, not a declaration: its own spelling is not read again.
            var identifier = receiver.Identifier.ValueText;
            if (IsImplicitValue(identifier, NameStart(receiver), context.Member))
            {
                return UnknownOnly;
            }

            var declared = DeclarationsIn(context.Member, identifier, NameStart(receiver), context.CancellationToken, out bool useInScope);
            var outside = Outside(identifier, context);
            if (declared == null)
            {
                return outside;
            }

            var result = new List<Receiver>(declared);
            if (!useInScope || !IsOnlyATypeName(outside))
            {
                result.AddRange(outside);
            }

            return result;
        }

        /// <summary>
        /// Whether what a name means outside the member is only a type or namespace name: inside the scope of a local of
        /// that name, the local is meant. A local named like a field, a property or a parameter of a primary
        /// constructor may shadow it in part of its scope only (a nested lambda's parameter), so both are meant.
        /// </summary>
        private static bool IsOnlyATypeName(List<Receiver> outside) => outside.Count == 1 && outside[0].IsUndeclared;

        /// <summary>What a name means outside the member, read once per type declaration (<see cref="OutsideMember"/>).</summary>
        private List<Receiver> Outside(string identifier, in Context context) =>
            _scopeNames.TryGetValue((context.Scope, identifier), out var known) ? known : _scopeNames.GetOrAdd((context.Scope, identifier), OutsideMember(identifier, context));

        /// <summary>What a name means outside the member: a primary constructor's parameter, a member of an enclosing type or a base, or else a type or namespace.</summary>
        private List<Receiver> OutsideMember(string identifier, in Context context)
        {
            var result = new List<Receiver>();
            foreach (var parameter in PrimaryConstructorParameters(context))
            {
                if (parameter.Identifier.ValueText == identifier)
                {
                    result.Add(Declared(parameter.Type));
                }
            }

            // This declaration's own members of that name are read off it where it tells; the other types' are asked for.
            var declaredHere = context.ContainingType is { } containing && MayDeclareMember(containing, identifier)
                ? MembersDeclaredIn(context.Scope, containing, identifier)
                : null;
            bool isMember = declaredHere != null;
            if (declaredHere != null)
            {
                result.AddRange(declaredHere);
            }

            foreach (var member in MembersInScope(identifier, context.ContainingType, answered: declaredHere != null ? context.ContainingType : null))
            {
                isMember = true;
                result.Add(MemberType(member, context.Unknown));
            }

            if (result.Count == 0 && !isMember)
            {
                // A `using static` import's field or property of that name comes before a type of an outer namespace.
                foreach (var imported in StaticImports(context))
                {
                    foreach (var member in imported.GetMembers(identifier))
                    {
                        if (!(member is ITypeSymbol))
                        {
                            return UnknownOnly;
                        }
                    }
                }

                // Not a variable or member: a type or a namespace, looked up when it matters.
                result.Add(Receiver.Undeclared(identifier));
            }

            return result;
        }

        /// <summary>
        /// The members of that name a simple name in the type declaration may find (<see cref="TypesInScope"/>), but for
        /// those of <paramref name="answered"/>, whose members of that name were read off its declaration.
        /// </summary>
        private static IEnumerable<ISymbol> MembersInScope(string name, INamedTypeSymbol? containing, ITypeSymbol? answered = null)
        {
            foreach (var type in TypesInScope(containing))
            {
                if (ReferenceEquals(type, answered) || !MayDeclareMember(type, name))
                {
                    continue;
                }

                foreach (var member in type.GetMembers(name))
                {
                    yield return member;
                }
            }
        }

        /// <summary>
        /// Whether the type may have a member of that name. The names of a type's fields, properties and methods are
        /// known without its members, and its nested types without the others: most names (a parameter, a local, a
        /// type) are neither, and asking for members by name makes the compiler build the type's member table.
        /// </summary>
        private static bool MayDeclareMember(ITypeSymbol type, string name) =>
            !(type is INamedTypeSymbol named) || named.MemberNames.Contains(name) || !named.GetTypeMembers(name).IsEmpty;

        /// <summary>
        /// The types of the fields, properties and events of that name that <paramref name="scope"/>, a declaration of
        /// <paramref name="type"/>, declares, as written there, when each is written as a simple or generic name (with a
        /// `?` or not, <see cref="Receiver.IsWrittenNullable"/>): such a name is bound where the call's own names are
        /// (<see cref="BindNamed"/>). Null where this declaration does not
        /// tell (another part of a partial type, a record's positional property, a nested type, a method, a type written
        /// otherwise): the type's members are asked for then. Read off syntax, because asking makes the compiler build
        /// the member table of a type it may not have reached yet (the wrapper search reads every file before the first
        /// body is analysed).
        /// </summary>
        private List<Receiver>? MembersDeclaredIn(TypeDeclarationSyntax scope, INamedTypeSymbol type, string name)
        {
            if (!type.GetTypeMembers(name).IsEmpty || !(_declaredMembers.Of(scope, name) is { } types))
            {
                return null;
            }

            var found = new List<Receiver>(types.Count);
            foreach (var written in types)
            {
                var declared = Declared(written);
                if (declared.Kind != ReceiverKind.Named)
                {
                    // A method, or a type the name alone does not tell (qualified, an array, a keyword).
                    return null;
                }

                found.Add(declared);
            }

            return found;
        }

        /// <summary>
        /// The types whose members a simple name in the type declaration may find: the type and its bases (and, for an
        /// interface, the interfaces it extends, whose default members it may call), then the same for each enclosing type.
        /// </summary>
        private static IEnumerable<ITypeSymbol> TypesInScope(INamedTypeSymbol? containing)
        {
            for (var type = containing; type != null; type = type.ContainingType)
            {
                for (var current = (ITypeSymbol?)type; current != null; current = current.BaseType)
                {
                    yield return current;
                }

                if (type.TypeKind == TypeKind.Interface)
                {
                    foreach (var inherited in type.AllInterfaces)
                    {
                        yield return inherited;
                    }
                }
            }
        }

        /// <summary>The parameters of the type's primary constructor, from whichever of its partial declarations has them.</summary>
        private static IEnumerable<ParameterSyntax> PrimaryConstructorParameters(Context context)
        {
            if (context.ContainingType == null)
            {
                foreach (var parameter in context.Scope.ParameterList?.Parameters ?? default)
                {
                    yield return parameter;
                }

                yield break;
            }

            foreach (var reference in context.ContainingType.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(context.CancellationToken) is TypeDeclarationSyntax declaration && declaration.ParameterList != null)
                {
                    foreach (var parameter in declaration.ParameterList.Parameters)
                    {
                        yield return parameter;
                    }
                }
            }
        }

        /// <summary>
        /// The declarations of a name inside a member, found from the places its text spells the name: a member is
        /// not walked as a whole, and only the tokens at those places are read.
        /// </summary>
        private static List<Receiver>? DeclarationsIn(SyntaxNode member, string identifier, int use, CancellationToken cancellationToken) =>
            DeclarationsIn(member, identifier, use, cancellationToken, out _);

        /// <summary>
        /// As <see cref="DeclarationsIn(SyntaxNode, string, int, CancellationToken)"/>, and whether the use is certainly
        /// inside the scope of one of them (then the name means one of them there, whatever it means outside).
        /// </summary>
        private static List<Receiver>? DeclarationsIn(SyntaxNode member, string identifier, int use, CancellationToken cancellationToken, out bool useInScope)
        {
            useInScope = false;
            var spellings = Spellings(member, identifier, use, cancellationToken);
            if (spellings == null)
            {
                return UnknownOnly;
            }

            List<Receiver>? found = null;
            // Indexed: a foreach over the interface would box its enumerator, once per name asked about.
            for (int i = 0; i < spellings.Count; i++)
            {
                var token = spellings[i];
                Receiver? declared = token.Parent switch
                {
                    ParameterSyntax parameter => Declared(parameter.Type),
                    VariableDeclaratorSyntax declarator => declarator.Parent is VariableDeclarationSyntax declaration ? DeclaredOrInitialized(declaration.Type, declarator.Initializer?.Value) : Receiver.Unknown,
                    SingleVariableDesignationSyntax designation => designation.Parent switch
                    {
                        DeclarationExpressionSyntax expression => Declared(expression.Type),
                        DeclarationPatternSyntax pattern => Declared(pattern.Type),
                        _ => Receiver.Unknown,
                    },
                    ForEachStatementSyntax loop => Declared(loop.Type),
                    CatchDeclarationSyntax caught => Declared(caught.Type),

                    // A method's or local function's type parameter: `Gate.Take()` on it calls a static member of its constraints.
                    TypeParameterSyntax _ => Receiver.Unknown,

                    // Range variables get their types from the query: not read here.
                    QueryClauseSyntax _ => Receiver.Unknown,
                    QueryContinuationSyntax _ => Receiver.Unknown,
                    JoinIntoClauseSyntax _ => Receiver.Unknown,
                    _ => null,
                };

                if (declared != null)
                {
                    (found ??= new List<Receiver>(1)).Add(declared.Value);
                    useInScope |= ScopeWithin(token) is { } scope && scope.Span.Contains(use);
                }
            }

            return found;
        }

        /// <summary>
        /// A node wholly inside the declared variable's scope: the block or switch section of a local, the owner of a
        /// parameter, the statement of a `for`, `using` or `fixed` variable, the body of a `foreach` variable (not its
        /// collection), the clause of a `catch` variable; for a pattern or `out` variable, see <see cref="DesignationScope"/>.
        /// Null where this does not tell. What it answers serves to tell that a use means a declaration the member's text
        /// shows: a declaration the text search does not read (a range variable) is never one.
        /// </summary>
        private static SyntaxNode? ScopeWithin(SyntaxToken declared)
        {
            switch (declared.Parent)
            {
                case ParameterSyntax parameter:
                    return parameter.Parent is BaseParameterListSyntax list ? list.Parent : parameter.Parent;
                case VariableDeclaratorSyntax declarator:
                    switch (declarator.Parent?.Parent)
                    {
                        case LocalDeclarationStatementSyntax statement:
                            SyntaxNode? scope = statement.Parent;
                            while (scope is LabeledStatementSyntax)
                            {
                                scope = scope.Parent;
                            }

                            return scope is BlockSyntax || scope is SwitchSectionSyntax ? scope : null;
                        case ForStatementSyntax loop:
                            return loop;
                        case UsingStatementSyntax usingStatement:
                            return usingStatement;
                        case FixedStatementSyntax fixedStatement:
                            return fixedStatement;
                        default:
                            return null;
                    }

                case SingleVariableDesignationSyntax designation:
                    return DesignationScope(designation);
                case ForEachStatementSyntax loop:
                    return loop.Statement;
                case CatchDeclarationSyntax caught:
                    return caught.Parent;
                default:
                    return null;
            }
        }

        /// <summary>Whether the member (a method, or a local function in it) declares a type parameter of that name.</summary>
        private static bool DeclaresTypeParameter(SyntaxNode member, string name, CancellationToken cancellationToken)
        {
            var spellings = Spellings(member, name, use: -1, cancellationToken, MayFollowTypeParameter);
            if (spellings == null)
            {
                return true;
            }

            for (int i = 0; i < spellings.Count; i++)
            {
                var token = spellings[i];
                if (token.Parent is TypeParameterSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the member declares a local function of that name.</summary>
        private static bool DeclaresLocalFunction(SyntaxNode member, string name, int use, CancellationToken cancellationToken)
        {
            var spellings = Spellings(member, name, use, cancellationToken);
            if (spellings == null)
            {
                return true;
            }

            for (int i = 0; i < spellings.Count; i++)
            {
                var token = spellings[i];
                if (token.Parent is LocalFunctionStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Where the text of a name starts, after the `@` of a verbatim one: where the text search finds it.</summary>
        private static int NameStart(SimpleNameSyntax name) => name.Identifier.Span.End - name.Identifier.ValueText.Length;

        /// <summary>
        /// What may come next, in text, after a type parameter's name: <c>&gt;</c> or <c>,</c>, or a comment or a directive
        /// before them. <c>Stash s</c> or <c>Stash.Enter</c> is no declaration of a type parameter <c>Stash</c>.
        /// </summary>
        private static readonly System.Func<char, bool> MayFollowTypeParameter = next => next == '>' || next == ',' || next == '/' || next == '#';

        /// <summary>
        /// The identifier tokens of the member whose text is the name (a verbatim `@name` included) and that may declare
        /// it: a spelling next to a dot, or followed by what <paramref name="mayFollow"/> rules out, is not read, nor the
        /// one at <paramref name="use"/> (-1 for none); a list kept for later questions holds every other spelling. Null
        /// when the member's text escapes a character (`\u0054`) or holds a formatting character: an identifier may then spell the name in a way the
        /// search does not see, and the member's declarations cannot be told from its text.
        /// </summary>
        private static IReadOnlyList<SyntaxToken>? Spellings(SyntaxNode member, string name, int use, CancellationToken cancellationToken, System.Func<char, bool>? mayFollow = null)
        {
            if (name.Length == 0)
            {
                // A name the parser is still missing while the code is typed spells nothing.
                return System.Array.Empty<SyntaxToken>();
            }

            // Asked once or twice per call by a contract member's name, and again for each call of the same body: the
            // member's text is read once into a buffer kept per thread, with the answers for the names asked so far.
            var memo = MemberText.For(member, cancellationToken);
            if (memo.HidesAName)
            {
                return null;
            }

            if (memo.Known(name, mayFollow, out var known))
            {
                return known;
            }

            var span = member.Span;
            var source = memo.Buffer;
            List<SyntaxToken>? found = null;
            bool leftOutTheUse = false;
            for (int at = IndexOf(source, span.Length, name, 0); at >= 0; at = IndexOf(source, span.Length, name, at + name.Length))
            {
                bool wordStart = at == 0 || !IsIdentifierPart(source[at - 1]) || (source[at - 1] == '@' && (at == 1 || !IsIdentifierPart(source[at - 2])));
                bool wordEnd = at + name.Length == span.Length || !IsIdentifierPart(source[at + name.Length]);
                if (!wordStart || !wordEnd || IsDotted(source, at, at + name.Length, span.Length) ||
                    (mayFollow != null && NextNonSpace(source, at + name.Length, span.Length) is char next && !mayFollow(next)))
                {
                    continue;
                }

                if (span.Start + at == use)
                {
                    // The use that asks: its token is not read. A list without it answers for this use only (text read
                    // as an unqualified call may be a local function's declaration): it is not kept.
                    leftOutTheUse = true;
                    continue;
                }

                var token = member.FindToken(span.Start + at);
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.End == span.Start + at + name.Length && token.ValueText == name)
                {
                    (found ??= new List<SyntaxToken>(2)).Add(token);
                }
            }

            var spellings = (IReadOnlyList<SyntaxToken>?)found ?? System.Array.Empty<SyntaxToken>();
            return leftOutTheUse ? spellings : memo.Remember(name, mayFollow, spellings);
        }

        /// <summary>
        /// For a pattern or `out` variable, a node wholly inside its scope: the innermost statement, lambda, switch arm or
        /// section, catch clause or initializer around it. A `for` condition's or incrementor's variable is not in scope in
        /// the loop's initializers, a `foreach` collection's is not the loop's, and each key or selector of a query is a
        /// lambda of its own: none of those is told.
        /// </summary>
        private static SyntaxNode? DesignationScope(SyntaxNode designation)
        {
            var child = designation;
            for (var node = designation.Parent; node != null; child = node, node = node.Parent)
            {
                switch (node)
                {
                    case QueryClauseSyntax _:
                    case SelectOrGroupClauseSyntax _:
                    case QueryContinuationSyntax _:
                    case OrderingSyntax _:
                        return null;
                    case ForStatementSyntax loop:
                        return child == loop.Declaration || (child is ExpressionSyntax initializer && loop.Initializers.Contains(initializer)) ? loop : null;
                    case CommonForEachStatementSyntax _:
                        return null;
                    case StatementSyntax _:
                    case AnonymousFunctionExpressionSyntax _:
                    case SwitchExpressionArmSyntax _:
                    case SwitchSectionSyntax _:
                    case CatchClauseSyntax _:
                    case ArrowExpressionClauseSyntax _:
                    case EqualsValueClauseSyntax _:
                    case ConstructorInitializerSyntax _:
                        return node;
                }
            }

            return null;
        }

        /// <summary>
        /// Whether a dot stands next to the word, across white space only (<c>x.Rent</c>, <c>a.x</c>, <c>x\n.Rent</c>): a
        /// name being declared (a variable, a type parameter, a local function) never does, so its token is not read.
        /// Anything else between (a comment, a `?`) leaves the token to be read. Before the word the search stays on its
        /// line: a line above may end in a comment or a directive whose text ends with a dot.
        /// </summary>
        private static bool IsDotted(char[] source, int start, int end, int length)
        {
            int before = start - 1;
            while (before >= 0 && char.IsWhiteSpace(source[before]) && !IsLineBreak(source[before]))
            {
                before--;
            }

            if (before >= 0 && source[before] == '.')
            {
                return true;
            }

            return NextNonSpace(source, end, length) == '.';
        }

        private static bool IsLineBreak(char c) => c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';

        /// <summary>The first character from <paramref name="from"/> that is not white space; null at the end of the text.</summary>
        private static char? NextNonSpace(char[] source, int from, int length)
        {
            while (from < length && char.IsWhiteSpace(source[from]))
            {
                from++;
            }

            return from < length ? source[from] : (char?)null;
        }

        /// <summary>Where <paramref name="name"/> next starts in the first <paramref name="length"/> characters, from <paramref name="from"/>; -1 when nowhere.</summary>
        private static int IndexOf(char[] source, int length, string name, int from)
        {
            for (int at = from; at <= length - name.Length; at++)
            {
                at = System.Array.IndexOf(source, name[0], at, length - name.Length + 1 - at);
                if (at < 0)
                {
                    return -1;
                }

                int k = 1;
                while (k < name.Length && source[at + k] == name[k])
                {
                    k++;
                }

                if (k == name.Length)
                {
                    return at;
                }
            }

            return -1;
        }

        private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '@';

        /// <summary>
        /// The types whose members a file imports with `using static`, its own and every file's `global using static`,
        /// read once per file.
        /// </summary>
        private ImmutableArray<ITypeSymbol> StaticImports(Context context) =>
            _staticImports.TryGetValue(context.Scope.SyntaxTree, out var known) ? known : _staticImports.GetOrAdd(context.Scope.SyntaxTree, _ =>
            {
                var types = ImmutableArray.CreateBuilder<ITypeSymbol>();
                types.AddRange(GlobalStaticImports(context.CancellationToken));
                foreach (var node in context.Scope.SyntaxTree.GetRoot(context.CancellationToken).DescendantNodes(n => !(n is MemberDeclarationSyntax) || n is BaseNamespaceDeclarationSyntax))
                {
                    if (node is UsingDirectiveSyntax directive && directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) &&
                        context.Model.GetSymbolInfo(directive.Name!, context.CancellationToken).Symbol is ITypeSymbol type)
                    {
                        types.Add(type);
                    }
                }

                return types.ToImmutable();
            });

        /// <summary>The types every file imports with `global using static`, from any file: read once per compilation.</summary>
        private ITypeSymbol[] GlobalStaticImports(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _globalStaticImports) is { } known)
            {
                return known;
            }

            var types = new List<ITypeSymbol>();
            foreach (var tree in _compilation.SyntaxTrees)
            {
                if (!(tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit))
                {
                    continue;
                }

                foreach (var directive in unit.Usings)
                {
                    if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) && directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) &&
#pragma warning disable RS1030 // Once per compilation, and only for a file with a `global using static` directive.
                        _compilation.GetSemanticModel(tree).GetSymbolInfo(directive.Name!, cancellationToken).Symbol is ITypeSymbol type)
#pragma warning restore RS1030
                    {
                        types.Add(type);
                    }
                }
            }

            var found = types.ToArray();
            Volatile.Write(ref _globalStaticImports, found);
            return found;
        }

        private static Receiver DeclaredOrInitialized(TypeSyntax type, ExpressionSyntax? initializer)
        {
            if (!type.IsVar)
            {
                return Declared(type);
            }

            // Only a type written in the initializer is read. Reading any other initializer as a receiver asked the
            // compiler for the members of types it had not reached yet, on the analyzer's clock: on npgsql, cold, 30 to
            // 45 ms more, to spare three bodies.
            return initializer switch
            {
                ObjectCreationExpressionSyntax creation => Declared(creation.Type),
                CastExpressionSyntax cast => Declared(cast.Type),
                _ => Receiver.Unknown,
            };
        }

        /// <summary>A type as written: its simple name, to be judged by name or looked up.</summary>
        private static Receiver Declared(TypeSyntax? type) => type switch
        {
            null => Receiver.Unknown,
            NullableTypeSyntax nullable => Declared(nullable.ElementType).WrittenNullable(),
            IdentifierNameSyntax identifier when !identifier.IsVar => Receiver.Named(identifier.Identifier.ValueText),
            GenericNameSyntax generic => Receiver.Named(generic),
            // A qualified name (`Real.Stash`) is not judged: its last part, bound where the type's members are declared,
            // may find another type of that name.
            _ => Receiver.Unknown,
        };

        private static List<Receiver> One(Receiver receiver) => new List<Receiver>(1) { receiver };

        /// <summary>
        /// A receiver whose type is not told, shared by every answer that says only that: the filter's answers are read,
        /// never added to, once returned.
        /// </summary>
        private static readonly List<Receiver> UnknownOnly = One(Receiver.Unknown);

        private enum ReceiverKind
        {
            Unknown,
            Type,
            Named,
            Namespace,
        }

        /// <summary>What a receiver may be: a type symbol, a type named in source, a namespace, or unknown.</summary>
        private readonly struct Receiver
        {
            private Receiver(ReceiverKind kind, ITypeSymbol? type, string? name, int arity, INamespaceSymbol? ns, bool undeclared = false, bool nullable = false)
            {
                Kind = kind;
                Type = type;
                Name = name;
                Arity = arity;
                Namespace = ns;
                IsUndeclared = undeclared;
                IsWrittenNullable = nullable;
            }

            /// <summary>
            /// Whether the name was written with <c>?</c>: of a value type, that is <c>Nullable&lt;T&gt;</c>, whose own
            /// members (<c>Value</c>) are read, not the type's.
            /// </summary>
            public bool IsWrittenNullable { get; }

            /// <summary>Whether this is a name that no variable or member declares: a type or namespace name.</summary>
            public bool IsUndeclared { get; }

            public static Receiver Unknown => default;

            public ReceiverKind Kind { get; }

            public ITypeSymbol? Type { get; }

            public string? Name { get; }

            /// <summary>How many type arguments the name was written with.</summary>
            public int Arity { get; }

            public INamespaceSymbol? Namespace { get; }

            /// <summary>The same name, written with <c>?</c> (<see cref="IsWrittenNullable"/>).</summary>
            public Receiver WrittenNullable() => Kind == ReceiverKind.Named ? new Receiver(Kind, null, Name, Arity, null, IsUndeclared, nullable: true) : this;

            public static Receiver Undeclared(string identifier) =>
                identifier.Length == 0 ? Unknown : new Receiver(ReceiverKind.Named, null, identifier, 0, null, undeclared: true);

            public static Receiver Named(string name) => name.Length == 0 ? Unknown : new Receiver(ReceiverKind.Named, null, name, 0, null);

            public static Receiver Named(GenericNameSyntax generic) =>
                generic.Identifier.ValueText.Length == 0 ? Unknown : new Receiver(ReceiverKind.Named, null, generic.Identifier.ValueText, generic.Arity, null);

            public static Receiver Of(ISymbol? symbol) => symbol switch
            {
                ITypeSymbol type => new Receiver(ReceiverKind.Type, type, null, 0, null),
                INamespaceSymbol ns => new Receiver(ReceiverKind.Namespace, null, null, 0, ns),
                _ => Unknown,
            };
        }

        private sealed class TypeAndNameComparer : IEqualityComparer<(ITypeSymbol Type, string Member)>
        {
            public bool Equals((ITypeSymbol Type, string Member) x, (ITypeSymbol Type, string Member) y) =>
                SymbolEqualityComparer.Default.Equals(x.Type, y.Type) && x.Member == y.Member;

            public int GetHashCode((ITypeSymbol Type, string Member) key) =>
                (SymbolEqualityComparer.Default.GetHashCode(key.Type) * 31) ^ key.Member.GetHashCode();
        }

        /// <summary>
        /// Where the call is: its member's syntax, its type declaration and symbol, the model to look names up in. A
        /// value passed by reference: one is made for each call judged, and most judgements are found in the caches.
        /// </summary>
        private readonly struct Context
        {
            private readonly ConcurrentDictionary<TypeDeclarationSyntax, INamedTypeSymbol?> _declaredTypes;

            public Context(SyntaxNode member, TypeDeclarationSyntax scope, SemanticModel model, ConcurrentDictionary<TypeDeclarationSyntax, INamedTypeSymbol?> declaredTypes, CancellationToken cancellationToken)
            {
                _declaredTypes = declaredTypes;
                Member = member;
                Scope = scope;
                Model = model;
                CancellationToken = cancellationToken;
            }

            /// <summary>What a type argument the filter does not read may be: <c>dynamic</c>, which may reach anything.</summary>
            public ITypeSymbol Unknown => Model.Compilation.DynamicType;

            public TypeDeclarationSyntax Scope { get; }

            public SyntaxNode Member { get; }

            public SemanticModel Model { get; }

            public CancellationToken CancellationToken { get; }

            /// <summary>The symbol of <see cref="Scope"/>, found once per type declaration.</summary>
            public INamedTypeSymbol? ContainingType =>
                _declaredTypes.TryGetValue(Scope, out var known) ? known : _declaredTypes.GetOrAdd(Scope, Model.GetDeclaredSymbol(Scope, CancellationToken));
        }
    }
}
