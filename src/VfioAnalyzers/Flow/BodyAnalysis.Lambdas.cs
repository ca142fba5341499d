using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace VfioAnalyzers.Flow
{
    /// <summary>Lambdas, local functions and captures: what escapes with a lambda, and local functions inlined at their calls.</summary>
    internal sealed partial class BodyAnalysis
    {
        /// <summary>A lambda that captures a variable holding a reference takes it along: handed on.</summary>
        private FlowState EscapeCaptured(FlowState state, IFlowAnonymousFunctionOperation lambda)
        {
            var syntax = lambda.Symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_context.CancellationToken);
            var model = _graph.OriginalOperation.SemanticModel;
            if (syntax == null || model == null)
            {
                return state;
            }

            List<IdentifierNameSyntax>? identifiers = null;
            foreach (var pair in state.Values.ToList())
            {
                if (!pair.Value.IsReference || !pair.Key.IsNamed)
                {
                    continue;
                }

                identifiers ??= syntax.DescendantNodes().OfType<IdentifierNameSyntax>().ToList();
                var symbol = pair.Key.Symbol!;
                if (identifiers.Any(identifier => identifier.Identifier.ValueText == symbol.Name &&
                    SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, _context.CancellationToken).Symbol, symbol)))
                {
                    state = HandOn(state, pair.Value, null);
                }
            }

            return state;
        }

        /// <summary>
        /// A lambda given straight to a member that runs it during the call (LINQ, List&lt;T&gt;.ForEach, Array.Find...)
        /// only borrows what it captures; one stored, returned or given to anything else may outlive the method.
        /// </summary>
        private static bool IsBorrowedForTheCall(IFlowAnonymousFunctionOperation lambda)
        {
            var parent = lambda.Parent;
            while (parent is IDelegateCreationOperation || parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if (!(parent is IArgumentOperation { Parent: IInvocationOperation call }))
            {
                return false;
            }

            var type = call.TargetMethod.ContainingType?.OriginalDefinition.ToDisplayString();
            return type == "System.Linq.Enumerable" || type == "System.Array" || type == "System.Collections.Generic.List<T>";
        }

        /// <summary>Runs a local function's graph from the caller's state: its effects on captured variables count here.</summary>
        private bool TryInline(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, AbstractValue[] values, int offset, FlowState state, ref Outcomes results)
        {
            var definition = method.OriginalDefinition;
            if (_depth >= MaxInlineDepth || !_context.LocalFunctions.TryGetValue(definition, out var graph) || !_context.Inlining.Add(definition))
            {
                return false;
            }

            try
            {
                var entry = state;
                for (int i = 0; i < arguments.Length; i++)
                {
                    if (arguments[i].Parameter != null)
                    {
                        entry = entry.With(ValueKey.For(arguments[i].Parameter!.OriginalDefinition), values[i + offset]);
                    }
                }

                var inner = Collect(_context, graph, definition, entry, _depth + 1);
                if (inner.GaveUp)
                {
                    return false;
                }

                foreach (var exit in inner.Exits)
                {
                    results.Add(new Outcome(ForgetInnerLeaks(exit.State, definition, exit.Value), exit.Value));
                }

                return true;
            }
            finally
            {
                _context.Inlining.Remove(definition);
            }
        }

        /// <summary>
        /// After an inlined call, the callee's own variables are gone. A reference only they held is the callee's own
        /// leak, reported where the callee is analysed as a body of its own: the caller keeps what it can still reach.
        /// </summary>
        private FlowState ForgetInnerLeaks(FlowState state, IMethodSymbol callee, AbstractValue returned)
        {
            var inner = state.Values.Select(p => p.Key).Where(k => k.Symbol != null && IsDeclaredIn(k.Symbol, callee)).ToList();
            state = state.WithoutAll(inner);
            for (int resource = 0; resource < state.ResourceCount; resource++)
            {
                if (state.Status(resource) == ResourceStatus.Held && !returned.Refers(resource) && !state.IsReferencedElsewhere(resource, default))
                {
                    state = state.WithStatus(resource, ResourceStatus.Lost);
                }
            }

            return state;
        }

        private static bool IsDeclaredIn(ISymbol symbol, IMethodSymbol method)
        {
            if (symbol is IParameterSymbol parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method))
            {
                return true;
            }

            for (var container = symbol.ContainingSymbol; container != null; container = container.ContainingSymbol)
            {
                if (SymbolEqualityComparer.Default.Equals(container, method))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsOuterLocal(ILocalSymbol local) =>
            _owner != null && !_collectExits && !SymbolEqualityComparer.Default.Equals(local.ContainingSymbol, _owner) && IsInsideOwner(local.ContainingSymbol);

        private bool IsOuterParameter(IParameterSymbol parameter) =>
            _owner != null && !_collectExits && !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _owner);

        // A local declared in a lambda or local function nested in this body is not outer.
        private bool IsInsideOwner(ISymbol? symbol)
        {
            for (var current = symbol; current != null; current = current.ContainingSymbol)
            {
                if (SymbolEqualityComparer.Default.Equals(current, _owner))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
