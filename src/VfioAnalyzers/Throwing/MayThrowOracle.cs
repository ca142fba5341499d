using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using VfioAnalyzers.Contracts;

namespace VfioAnalyzers.Throwing
{
    /// <summary>
    /// Whether a call may throw, judged once per member and compilation (docs/exception-paths.md): a body in the
    /// compilation that lets a throw, or a call that may throw, leave it; an implementation that may, for a virtual
    /// or interface call; the listed kinds of BCL member; the pairs file's <c>throws</c>/<c>nothrow</c> lines.
    /// Pair members, <c>[Conditional]</c> members, P/Invoke and <c>[PreserveSig]</c> calls never throw here.
    /// </summary>
    internal sealed class MayThrowOracle
    {
        private const int MaxDepth = 8;

        // The members being judged on this thread, outermost first: one verdict is computed on one thread.
        [System.ThreadStatic]
        private static List<IMethodSymbol>? t_chain;

        private readonly Compilation _compilation;
        private readonly ContractCatalog _catalog;
        private readonly ThrowListing _listing;
        private readonly CancellationToken _cancellationToken;
        private readonly ConcurrentDictionary<IMethodSymbol, ThrowVerdict> _verdicts = new ConcurrentDictionary<IMethodSymbol, ThrowVerdict>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
        private readonly System.Lazy<SourceImplementations> _implementations;

        public MayThrowOracle(Compilation compilation, ContractCatalog catalog, ThrowListing listing, CancellationToken cancellationToken)
        {
            _compilation = compilation;
            _catalog = catalog;
            _listing = listing;
            _cancellationToken = cancellationToken;
            _implementations = new System.Lazy<SourceImplementations>(() => SourceImplementations.Of(compilation, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>
        /// An invocation. A delegate invoked from a parameter or local is a callback of unknown origin: it may throw.
        /// One read from a field or property is most often a binding (a native entry point kept in a static field):
        /// it does not count unless the pairs file lists its type.
        /// </summary>
        public ThrowVerdict ForInvocation(IInvocationOperation invocation)
        {
            if (invocation.TargetMethod.MethodKind != MethodKind.DelegateInvoke)
            {
                return ForCall(invocation.TargetMethod, invocation.IsVirtual);
            }

            if (_listing.Find(invocation.TargetMethod) is ThrowVerdict listed)
            {
                return listed;
            }

            var target = invocation.Instance;
            while (target is IConversionOperation conversion)
            {
                target = conversion.Operand;
            }

            return target is IParameterReferenceOperation || target is ILocalReferenceOperation
                ? ThrowVerdict.Because("invokes a delegate it was given")
                : ThrowVerdict.No;
        }

        /// <summary>A call (or object creation) of <paramref name="method"/>; <paramref name="dispatched"/> when the runtime picks the implementation.</summary>
        public ThrowVerdict ForCall(IMethodSymbol method, bool dispatched)
        {
            method = method.ReducedFrom ?? method;
            var own = Judge(method);
            if (own.MayThrow || !dispatched || !(method.IsVirtual || method.IsAbstract || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface))
            {
                return own;
            }

            return JudgeImplementations(method);
        }

        /// <summary>A property read: only a getter with a body here, or a blocking one (<c>Task.Result</c>), may throw.</summary>
        public ThrowVerdict ForGetter(IPropertySymbol property) =>
            property.GetMethod is IMethodSymbol getter ? Judge(getter) : ThrowVerdict.No;

        /// <summary>
        /// An await: the awaited call was judged where it was made, unless it combines tasks made elsewhere; a task
        /// read from a variable, field or property comes from elsewhere and may have faulted.
        /// </summary>
        public ThrowVerdict ForAwait(IAwaitOperation awaited)
        {
            var operand = awaited.Operation;
            while (true)
            {
                switch (operand)
                {
                    case IConversionOperation conversion:
                        operand = conversion.Operand;
                        continue;
                    case IInvocationOperation { TargetMethod: { Name: "ConfigureAwait" }, Instance: { } configured }:
                        operand = configured;
                        continue;
                    case IInvocationOperation invocation:
                        return KnownThrowingMembers.AwaitsOtherTasks(invocation.TargetMethod) ? ThrowVerdict.Because("awaits tasks started elsewhere") : ThrowVerdict.No;
                    case IObjectCreationOperation _:
                        return ThrowVerdict.No;
                    case IPropertyReferenceOperation property when property.Property.GetMethod is IMethodSymbol getter && KnownThrowingMembers.IsCompletedTask(getter):
                        return ThrowVerdict.No;
                    default:
                        return ThrowVerdict.Because("awaits a task started elsewhere");
                }
            }
        }

        /// <summary>
        /// The member's own verdict. Cached once complete: a chain that comes back to a member still being judged
        /// (recursion) is complete when that member's judgement ends, as every body of the cycle has been read; one
        /// stopped by the depth bound is not cached.
        /// </summary>
        private ThrowVerdict Judge(IMethodSymbol method)
        {
            method = method.PartialImplementationPart ?? method;
            if (_verdicts.TryGetValue(method, out var known))
            {
                return known;
            }

            var chain = t_chain ??= new List<IMethodSymbol>();
            for (int i = 0; i < chain.Count; i++)
            {
                if (SymbolEqualityComparer.Default.Equals(chain[i], method))
                {
                    return ThrowVerdict.CutShortAt(i);
                }
            }

            if (chain.Count >= MaxDepth)
            {
                return ThrowVerdict.CutShortAt(-1);
            }

            int depth = chain.Count;
            chain.Add(method);
            ThrowVerdict verdict;
            try
            {
                verdict = JudgeUncached(method);
            }
            finally
            {
                chain.RemoveAt(depth);
            }

            if (verdict.CutAt is int cut && cut >= depth)
            {
                // The cycle closes here, and nothing in it throws.
                verdict = ThrowVerdict.No;
            }

            if (!verdict.CutShort)
            {
                _verdicts.TryAdd(method, verdict);
            }

            return verdict;
        }

        private ThrowVerdict JudgeUncached(IMethodSymbol method)
        {
            if (_listing.Find(method) is ThrowVerdict listed)
            {
                return listed;
            }

            if (!_catalog.GetDeclared(method).IsEmpty || IsConditional(method))
            {
                // A pair's own members: a failed acquire holds nothing, a release of a held reference succeeds.
                return ThrowVerdict.No;
            }

            if (method.GetDllImportData() != null)
            {
                // PreserveSig = true (the default) keeps the native signature: failure is a return value.
                return (method.MethodImplementationFlags & System.Reflection.MethodImplAttributes.PreserveSig) != 0
                    ? ThrowVerdict.No
                    : ThrowVerdict.Because("is a P/Invoke that turns failures into exceptions (PreserveSig = false)");
            }

            if (HasAttribute(method, "PreserveSigAttribute", "System.Runtime.InteropServices") || HasAttribute(method, "LibraryImportAttribute", "System.Runtime.InteropServices"))
            {
                // Native calls report failure by their return value.
                return ThrowVerdict.No;
            }

            if (HasAttribute(method, "DoesNotReturnAttribute", "System.Diagnostics.CodeAnalysis"))
            {
                return ThrowVerdict.Because("never returns ([DoesNotReturn])");
            }

            var bodies = BodiesOf(method);
            if (bodies.Count == 0)
            {
                return method.DeclaringSyntaxReferences.IsEmpty ? KnownThrowingMembers.Judge(method) : ThrowVerdict.No;
            }

            int? cut = null;
            foreach (var body in bodies)
            {
                var verdict = BodyThrowScan.Scan(body, this, _cancellationToken);
                if (verdict.MayThrow)
                {
                    return verdict;
                }

                cut = ThrowVerdict.Earlier(cut, verdict.CutAt);
            }

            return cut is int at ? ThrowVerdict.CutShortAt(at) : ThrowVerdict.No;
        }

        /// <summary>A virtual or interface member: whether any implementation in the compilation may throw.</summary>
        private ThrowVerdict JudgeImplementations(IMethodSymbol method)
        {
            if (method.ContainingType?.SpecialType == SpecialType.System_Object)
            {
                // ToString, Equals, GetHashCode: every type overrides them; none is expected to throw.
                return ThrowVerdict.No;
            }

            var implementations = _implementations.Value.Of(method);
            int? cut = null;
            foreach (var implementation in implementations)
            {
                var verdict = Judge(implementation);
                if (verdict.MayThrow)
                {
                    return ThrowVerdict.ViaImplementation($"{implementation.ContainingType.Name}.{implementation.Name}", verdict);
                }

                cut = ThrowVerdict.Earlier(cut, verdict.CutAt);
            }

            if (implementations.Count == 0 && (method.IsAbstract || method.ContainingType?.TypeKind == TypeKind.Interface) && !method.DeclaringSyntaxReferences.IsEmpty)
            {
                return ThrowVerdict.Because("has no implementation in the compilation");
            }

            return cut is int at ? ThrowVerdict.CutShortAt(at) : ThrowVerdict.No;
        }

        private List<IOperation> BodiesOf(IMethodSymbol method)
        {
            var bodies = new List<IOperation>();
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(_cancellationToken);
                var model = _models.GetOrAdd(syntax.SyntaxTree, tree =>
                {
#pragma warning disable RS1030 // A callee's body may live in another tree; its verdict is cached once per compilation.
                    return _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                });
                var operation = model.GetOperation(syntax, _cancellationToken);
                if (operation != null)
                {
                    bodies.Add(operation);
                }
            }

            return bodies;
        }

        private static bool IsConditional(IMethodSymbol method) =>
            HasAttribute(method, "ConditionalAttribute", "System.Diagnostics");

        private static bool HasAttribute(IMethodSymbol method, string name, string ns)
        {
            foreach (var attribute in method.GetAttributes())
            {
                var type = attribute.AttributeClass;
                if (type != null && type.Name == name && type.ContainingNamespace?.ToDisplayString() == ns)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
