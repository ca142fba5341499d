using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using VfioAnalyzers.Reporting;
using VfioAnalyzers.Throwing;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// Exception paths (docs/exception-paths.md): which calls, getters and awaits raise an exception here, where it
    /// goes (a catch, the finally regions on the way out, out of the body), and whether leaving the body by it counts.
    /// </summary>
    internal sealed partial class BodyAnalysis
    {
        /// <summary>
        /// A call between acquire and release: it raises into enclosing catch handlers whatever it is (as it always
        /// did), and out of the body when the mode counts it (every call, or one the oracle judges throwing).
        /// </summary>
        private void RaiseFromCall(FlowState state, IOperation call, IMethodSymbol method)
        {
            // A catch around the call takes the exception whatever the call is: the cause is then never read.
            bool caught = HasEnclosingCatch(_block?.EnclosingRegion);
            var cause = HoldsCountedKind(state) && !caught ? CauseOfCall(state, call, method) : null;
            if (cause != null || caught)
            {
                RaiseException(state, call.Syntax.GetLocation(), cause);
            }
        }

        /// <summary>A getter with a body here that may throw, or a blocking one, in the precise mode.</summary>
        private void RaiseFromGetter(FlowState state, IPropertyReferenceOperation property)
        {
            // Unlike a call, a getter raises only when judged throwing, also into a catch: only the finally probe is skipped there.
            if (IsPrecise && !property.IsImplicit && HoldsCountedKind(state) &&
                (HasEnclosingCatch(_block?.EnclosingRegion) || NeedsVerdict(state, property.Syntax)) &&
                _context.Throws!.ForGetter(property.Property, _context.CancellationToken) is { MayThrow: true } verdict)
            {
                RaiseException(state, property.Syntax.GetLocation(), new ThrowCause(ExitLocator.Describe(property.Syntax), verdict.Reason));
            }
        }

        /// <summary>The awaited value; the await raises when the task awaited may have faulted.</summary>
        private Outcomes EvalAwait(IAwaitOperation awaited, FlowState state)
        {
            var results = Eval(awaited.Operation, state);
            if (IsPrecise)
            {
                foreach (var outcome in results)
                {
                    RaiseFromAwait(outcome.State, awaited);
                }
            }

            return results;
        }

        /// <summary>An await of a task that may have faulted, in the precise mode.</summary>
        private void RaiseFromAwait(FlowState state, IAwaitOperation awaited)
        {
            if (IsPrecise && HoldsCountedKind(state) && _context.Throws!.ForAwait(awaited) is { MayThrow: true } verdict)
            {
                RaiseException(state, awaited.Syntax.GetLocation(), new ThrowCause(ExitLocator.Describe(awaited.Syntax), verdict.Reason));
            }
        }

        /// <summary>Whether a reference whose exception paths count is held: only then is a call worth judging.</summary>
        private bool HoldsCountedKind(FlowState state)
        {
            for (int resource = 0; resource < state.ResourceCount; resource++)
            {
                if (state.Status(resource) == ResourceStatus.Held && _context.Settings.CountsExceptionsFor(_context.Sites[resource].Kind))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsPrecise => !_collectExits && _context.Settings.Mode == ExceptionPathMode.Precise && _context.Throws != null;

        /// <summary>Why leaving the body through this call's exception counts; null when it does not.</summary>
        private ThrowCause? CauseOfCall(FlowState state, IOperation call, IMethodSymbol method)
        {
            if (_collectExits)
            {
                return null;
            }

            switch (_context.Settings.Mode)
            {
                case ExceptionPathMode.AllCalls:
                    return new ThrowCause(ExitLocator.Describe(call.Syntax), reason: null);
                case ExceptionPathMode.Precise when _context.Throws != null && !call.IsImplicit && NeedsVerdict(state, call.Syntax):
                    var verdict = call is IInvocationOperation invocation ? _context.Throws.ForInvocation(invocation, _context.CancellationToken, _graph.OriginalOperation.SemanticModel) : _context.Throws.ForCall(method, dispatched: false, _context.CancellationToken);
                    return verdict.MayThrow ? new ThrowCause(ExitLocator.Describe(call.Syntax), verdict.Reason) : null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// An exception leaves the current point: catch handlers of enclosing try blocks receive the state; finally
        /// regions on the way out run; if it leaves the body, held references leak there, when that path counts:
        /// always for an explicit throw (<paramref name="cause"/> null), and for a call when the mode gave a cause.
        /// </summary>
        private void RaiseException(FlowState state, Location location, ThrowCause? cause, bool isExplicit = false)
        {
            bool counted = !_collectExits && (isExplicit || cause != null);
            if (counted)
            {
                // A raise that may report comes between: the next quiet one is raised whatever it repeats.
                _quietRaise = default;
            }
            else if (!HasEnclosingCatch(_block!.EnclosingRegion) || IsRaisedAgain(state))
            {
                return;
            }

            // Raised from every call in a try: one list, forgotten in place, and a new one only past a finally.
            var states = new List<FlowState>(1) { state };
            for (var region = _block!.EnclosingRegion; region != null; region = Outer(region))
            {
                if (region.Kind != ControlFlowRegionKind.Try)
                {
                    continue;
                }

                var parent = region.EnclosingRegion!;
                if (parent.Kind == ControlFlowRegionKind.TryAndCatch)
                {
                    ForgetScopesLeft(states, region);
                    for (int handler = 1; handler < parent.NestedRegions.Length; handler++)
                    {
                        foreach (var raised in states)
                        {
                            _run!.AddInputAnywhere(parent.NestedRegions[handler].FirstBlockOrdinal, raised);
                        }
                    }

                    // Assume a handler takes it: whether its type matches is beyond what this analysis knows.
                    return;
                }

                if (parent.Kind == ControlFlowRegionKind.TryAndFinally)
                {
                    ForgetScopesLeft(states, region);
                    states = ApplyFinally(parent.NestedRegions[1], states);
                }
            }

            if (!counted)
            {
                return;
            }

            foreach (var after in states)
            {
                // An exception is a failure: everything acquired since entry must have been given back.
                ReportHeld(after, () => location, ExitClass.Failure, cause);
            }
        }

        /// <summary>
        /// Whether the same state was raised last, from this block of this run, where nothing is reported: the calls of
        /// one statement mostly leave the state as it was (<c>Expect(await ReadMessage(async).ConfigureAwait(false))</c>),
        /// and raising it again would only find it in the handler's input and the finally's memo again. Every other
        /// raise, quiet or not, replaces what is remembered, so nothing reached the handler in between (a handler
        /// whose input was merged past its budget in between would merge the state again).
        /// </summary>
        private bool IsRaisedAgain(FlowState state)
        {
            if (ReferenceEquals(_quietRaise.State, state) && ReferenceEquals(_quietRaise.Block, _block) && ReferenceEquals(_quietRaise.Run, _run))
            {
                return true;
            }

            _quietRaise = (state, _block, _run);
            return false;
        }

        /// <summary>
        /// An exception leaves every scope up to the try block it unwinds: what the paths knew of those scopes' variables
        /// (a flag, a null test, a count) can no longer decide anything, and forgetting it lets paths that differed only
        /// there share one run of the finally and one state in the handler. A variable that refers to a reference is
        /// kept: the reference is still reported, by the name the reader knows it by.
        /// </summary>
        private void ForgetScopesLeft(List<FlowState> states, ControlFlowRegion tryRegion)
        {
            _deadScopes ??= new Dictionary<(ControlFlowRegion, ControlFlowRegion), DeadScopes>();
            var from = _block!.EnclosingRegion!;
            if (!_deadScopes.TryGetValue((from, tryRegion), out var scopes))
            {
                scopes = DeadScopes.Between(from, tryRegion, _graph.Root);
                _deadScopes.Add((from, tryRegion), scopes);
            }

            if (scopes.IsEmpty)
            {
                return;
            }

            for (int i = 0; i < states.Count; i++)
            {
                states[i] = states[i].Forget(scopes.Forgettable);
            }
        }

        private bool HasEnclosingCatch(ControlFlowRegion? region) => IsInTryOf(region, ControlFlowRegionKind.TryAndCatch);

        /// <summary>Whether the region lies, within this body, in the try block of a try statement of that kind (with a catch, or a finally).</summary>
        private bool IsInTryOf(ControlFlowRegion? region, ControlFlowRegionKind statement)
        {
            for (; region != null; region = Outer(region))
            {
                if (region.Kind == ControlFlowRegionKind.Try && region.EnclosingRegion?.Kind == statement)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
