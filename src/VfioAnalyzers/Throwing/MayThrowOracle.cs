using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using VfioAnalyzers.Contracts;
using VfioAnalyzers.Flow;

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

        // Verdicts cut short by the depth bound, kept for the rest of the outermost judgement on this thread only.
        [System.ThreadStatic]
        private static Dictionary<IMethodSymbol, ThrowVerdict>? t_cutMemo;

        private readonly Compilation _compilation;
        private readonly ContractCatalog _catalog;
        private readonly ThrowListing _listing;
        private readonly ConcurrentDictionary<IMethodSymbol, ThrowVerdict> _verdicts = new ConcurrentDictionary<IMethodSymbol, ThrowVerdict>(SymbolEqualityComparer.Default);
        private readonly LoweredBodies _bodies;
        private SourceImplementations? _implementations;

        public MayThrowOracle(Compilation compilation, ContractCatalog catalog, ThrowListing listing, LoweredBodies bodies)
        {
            _bodies = bodies;
            _compilation = compilation;
            _catalog = catalog;
            _listing = listing;
        }

        /// <summary>
        /// An invocation. A delegate invoked from a parameter or local is a callback of unknown origin: it may throw.
        /// One read from a field or property is most often a binding (a native entry point kept in a static field):
        /// it does not count unless the pairs file lists its type.
        /// </summary>
        public ThrowVerdict ForInvocation(IInvocationOperation invocation, CancellationToken cancellationToken, SemanticModel? graphModel = null)
        {
            if (invocation.TargetMethod.MethodKind != MethodKind.DelegateInvoke)
            {
                return ForCall(invocation.TargetMethod, invocation.IsVirtual, cancellationToken);
            }

            if (_listing.Find(invocation.TargetMethod) is ThrowVerdict listed)
            {
                return listed;
            }

            var target = invocation.Instance;
            while (true)
            {
                if (target is IConversionOperation conversion)
                {
                    target = conversion.Operand;
                }
                else if (target is IConditionalAccessInstanceOperation)
                {
                    // callback?.Invoke(): the delegate is what the enclosing conditional access tests.
                    var access = target.Parent;
                    while (access != null && !(access is IConditionalAccessOperation))
                    {
                        access = access.Parent;
                    }

                    target = (access as IConditionalAccessOperation)?.Operation;
                }
                else
                {
                    break;
                }
            }

            return target is IParameterReferenceOperation || target is ILocalReferenceOperation || IsCapturedParameterOrLocal(target, graphModel, cancellationToken)
                ? ThrowVerdict.Because("invokes a delegate it was given")
                : ThrowVerdict.No;
        }

        /// <summary>A call (or object creation) of <paramref name="method"/>; <paramref name="dispatched"/> when the runtime picks the implementation.</summary>
        public ThrowVerdict ForCall(IMethodSymbol method, bool dispatched, CancellationToken cancellationToken)
        {
            method = method.ReducedFrom ?? method;
            if (_listing.Find(method) is ThrowVerdict listed)
            {
                // The pairs file decides for the member called, whatever implementation runs.
                return listed;
            }

            var own = Judge(method, cancellationToken);
            if (own.MayThrow || !dispatched || !(method.IsVirtual || method.IsAbstract || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface))
            {
                return own;
            }

            return JudgeImplementations(method, cancellationToken);
        }

        /// <summary>A property read: only a getter with a body here, or a blocking one (<c>Task.Result</c>), may throw.</summary>
        public ThrowVerdict ForGetter(IPropertySymbol property, CancellationToken cancellationToken) =>
            property.GetMethod is IMethodSymbol getter ? Judge(getter, cancellationToken) : ThrowVerdict.No;

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
        private ThrowVerdict Judge(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.PartialImplementationPart ?? method;
            if (_verdicts.TryGetValue(method, out var known))
            {
                return known;
            }

            var chain = t_chain ??= new List<IMethodSymbol>();
            var memo = t_cutMemo ??= new Dictionary<IMethodSymbol, ThrowVerdict>(SymbolEqualityComparer.Default);
            if (memo.TryGetValue(method, out var judgedInThisQuery))
            {
                return judgedInThisQuery;
            }

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
                verdict = JudgeUncached(method, cancellationToken);
            }
            finally
            {
                chain.RemoveAt(depth);
                if (depth == 0)
                {
                    memo.Clear();
                }
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
            else if (depth > 0)
            {
                // Not cacheable for the compilation, but judged once in this query: a call graph deeper than the
                // bound would otherwise be walked again at every call site, exponentially in its fan-out.
                memo[method] = verdict;
            }

            return verdict;
        }

        private ThrowVerdict JudgeUncached(IMethodSymbol method, CancellationToken cancellationToken)
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

            if (!IsInCompilation(method))
            {
                // Metadata, or a project referenced as a compilation (the IDE): the listed kinds only.
                return KnownThrowingMembers.Judge(method);
            }

            var bodies = BodiesOf(method, cancellationToken);
            if (bodies.Count == 0)
            {
                return ThrowVerdict.No;
            }

            int? cut = null;
            foreach (var body in bodies)
            {
                var verdict = BodyThrowScan.Scan(body, this, cancellationToken);
                if (verdict.MayThrow)
                {
                    return verdict;
                }

                cut = ThrowVerdict.Earlier(cut, verdict.CutAt);
            }

            return cut is int at ? ThrowVerdict.CutShortAt(at) : ThrowVerdict.No;
        }

        /// <summary>A virtual or interface member: whether any implementation in the compilation may throw.</summary>
        private ThrowVerdict JudgeImplementations(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.ContainingType?.SpecialType == SpecialType.System_Object)
            {
                // ToString, Equals, GetHashCode: every type overrides them; none is expected to throw.
                return ThrowVerdict.No;
            }

            var implementations = Implementations(cancellationToken).Of(method);
            int? cut = null;
            foreach (var implementation in implementations)
            {
                var verdict = Judge(implementation, cancellationToken);
                if (verdict.MayThrow)
                {
                    return ThrowVerdict.ViaImplementation($"{implementation.ContainingType.Name}.{implementation.Name}", verdict);
                }

                cut = ThrowVerdict.Earlier(cut, verdict.CutAt);
            }

            if (implementations.Count == 0 && method.IsAbstract && IsInCompilation(method))
            {
                return ThrowVerdict.Because("has no implementation in the compilation");
            }

            return cut is int at ? ThrowVerdict.CutShortAt(at) : ThrowVerdict.No;
        }

        /// <summary>The types of the compilation, listed on the first dispatched call judged (a cancelled listing is not kept).</summary>
        private SourceImplementations Implementations(CancellationToken cancellationToken)
        {
            var implementations = Volatile.Read(ref _implementations);
            if (implementations == null)
            {
                implementations = SourceImplementations.Of(_compilation, cancellationToken);
                implementations = Interlocked.CompareExchange(ref _implementations, implementations, null) ?? implementations;
            }

            return implementations;
        }

        /// <summary>
        /// In a control-flow graph, <c>callback?.Invoke()</c> invokes a capture of what the syntax names; the graph's
        /// operations have no semantic model of their own, so the body's is asked.
        /// </summary>
        private static bool IsCapturedParameterOrLocal(IOperation? target, SemanticModel? graphModel, CancellationToken cancellationToken) =>
            target is Microsoft.CodeAnalysis.FlowAnalysis.IFlowCaptureReferenceOperation capture && graphModel != null &&
            graphModel.SyntaxTree == capture.Syntax.SyntaxTree &&
            graphModel.GetSymbolInfo(capture.Syntax, cancellationToken).Symbol is ISymbol symbol &&
            (symbol is IParameterSymbol || symbol is ILocalSymbol);

        private bool IsInCompilation(IMethodSymbol method) =>
            SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly);

        private List<IOperation> BodiesOf(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var bodies = new List<IOperation>();
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (!_compilation.ContainsSyntaxTree(reference.SyntaxTree))
                {
                    continue;
                }

                // A member's body is shared with its own analysis and the summaries (bound once); a local function's
                // declaration is not a body of its own there.
                var syntax = reference.GetSyntax(cancellationToken);
                var operation = syntax is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax || syntax is Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax
                    ? _bodies.Get(syntax, model: null, cancellationToken)?.Root
                    : _bodies.ModelOf(syntax.SyntaxTree).GetOperation(syntax, cancellationToken);
                if (operation is ILocalFunctionOperation localFunction)
                {
                    // A local function's declaration is its body here: the scan skips declarations it meets inside.
                    operation = localFunction.Body ?? localFunction.IgnoredBody;
                }

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
