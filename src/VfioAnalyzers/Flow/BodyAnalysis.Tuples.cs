using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static VfioAnalyzers.Flow.OperationWrappers;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// Tuples and deconstruction (docs/ownership.md): <c>var (g, k) = (Get(f), n);</c> assigns each element to the
    /// variable it is deconstructed into, as separate assignments would; a tuple returned from an acquiring member
    /// carries the reference in its element of the held type, and deconstructing it gives that element the reference.
    /// </summary>
    internal sealed partial class BodyAnalysis
    {
        private Outcomes EvalDeconstruction(IDeconstructionAssignmentOperation deconstruction, FlowState state)
        {
            var target = Strip(deconstruction.Target) as ITupleOperation;
            if (target == null)
            {
                return EvalCompound(deconstruction, state);
            }

            var results = default(Outcomes);
            var literal = TupleLiteral(deconstruction.Value);
            if (literal != null && literal.Elements.Length == target.Elements.Length)
            {
                // Every element on the right is evaluated before any is assigned, so `(a, b) = (b, a)` swaps.
                foreach (var (after, values) in EvalAll(literal.Elements, state))
                {
                    results.Add(new Outcome(AssignElements(target, literal.Elements, values, after, deconstruction), AbstractValue.Unknown));
                }

                return results;
            }

            foreach (var outcome in Eval(deconstruction.Value, state))
            {
                results.Add(new Outcome(AssignFromTuple(target, outcome.Value, outcome.State, deconstruction), AbstractValue.Unknown));
            }

            return results;
        }

        private FlowState AssignElements(ITupleOperation target, IReadOnlyList<IOperation> sources, AbstractValue[] values, FlowState state, IOperation assignment)
        {
            for (int i = 0; i < target.Elements.Length; i++)
            {
                var element = Strip(target.Elements[i]);
                var value = values[i];
                switch (element)
                {
                    case ITupleOperation nested when TupleLiteral(sources[i]) is ITupleOperation inner && inner.Elements.Length == nested.Elements.Length:
                        // The inner values were evaluated as an aggregate: nested literals are rare, so the inner
                        // references are only handed on (the aggregate did that already).
                        state = ForgetTargets(nested, state);
                        break;
                    case ITupleOperation nested:
                        state = AssignFromTuple(nested, value, state, assignment);
                        break;
                    case IDiscardOperation _ when IsFreshAcquire(Strip(sources[i]), value, state, out int resource):
                        _sink.Discarded(_context.Sites[resource]);
                        state = state.WithStatus(resource, ResourceStatus.Lost);
                        break;
                    case null:
                        break;
                    default:
                        state = AssignTo(element, value, state, assignment);
                        break;
                }
            }

            return state;
        }

        /// <summary>
        /// A tuple that is not a literal: the reference it carries goes to the element of the held type (the group of a
        /// <c>(VfioGroup, int)</c>); the other elements get values the analysis does not know.
        /// </summary>
        private FlowState AssignFromTuple(ITupleOperation target, AbstractValue tuple, FlowState state, IOperation assignment)
        {
            bool given = false;
            foreach (var raw in target.Elements)
            {
                var element = Strip(raw);
                if (element is ITupleOperation nested)
                {
                    state = ForgetTargets(nested, state);
                    continue;
                }

                if (element == null || element is IDiscardOperation)
                {
                    continue;
                }

                var value = AbstractValue.Unknown;
                if (!given && tuple.IsCarrier)
                {
                    value = ReadThroughCarrier(tuple, element.Type);
                    given = value.IsReference;
                }

                state = AssignTo(element, value, state, assignment);
            }

            return state;
        }

        private FlowState ForgetTargets(ITupleOperation target, FlowState state)
        {
            foreach (var raw in target.Elements)
            {
                var element = Strip(raw);
                state = element is ITupleOperation nested ? ForgetTargets(nested, state) : Forget(state, element);
            }

            return state;
        }

        /// <summary>The tuple literal a value is, through the conversion that gives it the target's element types.</summary>
        private static ITupleOperation? TupleLiteral(IOperation? value) => Strip(value) as ITupleOperation;

        /// <summary>
        /// A tuple literal returned (the branch value of a <c>return</c>): the one reference among its elements is what
        /// the caller receives, as if it were returned alone (so a factory returning <c>(g, g.Id)</c> returns <c>g</c>).
        /// Any other tuple literal is an aggregate: what it holds is handed on.
        /// </summary>
        private Outcomes EvalTuple(ITupleOperation tuple, FlowState state)
        {
            if (IsStoredInALocal(tuple))
            {
                return EvalStoredTuple(tuple, state);
            }

            if (tuple.Parent != null && !(tuple.Parent is IConversionOperation { Parent: null }))
            {
                return EvalAggregate(tuple, state);
            }

            var results = default(Outcomes);
            foreach (var (after, values) in EvalAll(tuple.Elements, state))
            {
                int references = 0;
                var single = AbstractValue.Unknown;
                foreach (var value in values)
                {
                    if (value.IsReference)
                    {
                        references++;
                        single = value;
                    }
                }

                results.Add(references == 1 && !single.IsCarrier
                    ? new Outcome(after, single)
                    : new Outcome(HandOnAll(after, values), AbstractValue.Unknown));
            }

            return results;
        }

        /// <summary>
        /// <c>var t = (core.GetExternalUser(f), 5);</c>: a tuple literal with one reference, stored whole in a local,
        /// carries it as a tuple returned from an acquiring member does. <c>t.Item1</c>, a named element of the held
        /// type and deconstructing <c>t</c> read it back, and the local leaving with it held is a leak. Two references
        /// (or a carrier) in one tuple would be told apart only by position, which the value does not keep: those
        /// are handed on, as any other aggregate.
        /// </summary>
        private Outcomes EvalStoredTuple(ITupleOperation tuple, FlowState state)
        {
            var results = default(Outcomes);
            foreach (var (after, values) in EvalAll(tuple.Elements, state))
            {
                int references = 0;
                var single = AbstractValue.Unknown;
                foreach (var value in values)
                {
                    if (value.IsReference)
                    {
                        references++;
                        single = value;
                    }
                }

                results.Add(references == 1 && !single.IsCarrier && single.SecondResource < 0 && !single.MaybeNull
                    ? new Outcome(after, single.CarriedAs(Carrier.Wrapper))
                    : new Outcome(HandOnAll(after, values), AbstractValue.Unknown));
            }

            return results;
        }

        /// <summary>Whether the literal is the value of an assignment (a declaration, in the graph) to a tuple-typed local.</summary>
        private static bool IsStoredInALocal(ITupleOperation tuple)
        {
            IOperation value = tuple;
            while (value.Parent is IConversionOperation || value.Parent is IParenthesizedOperation)
            {
                value = value.Parent;
            }

            return value.Parent is ISimpleAssignmentOperation assignment && assignment.Value == value &&
                Strip(assignment.Target) is ILocalReferenceOperation { Local: { IsRef: false, Type: { IsTupleType: true } } };
        }

        /// <summary>
        /// For a member returning a tuple, the element type that holds what it acquires: the first element that is not
        /// a number, a bool, an enum or a string.
        /// </summary>
        private static ITypeSymbol? TupleHeldElement(ITypeSymbol type)
        {
            if (!(type is INamedTypeSymbol { IsTupleType: true } tuple))
            {
                return null;
            }

            foreach (var element in tuple.TupleElements)
            {
                var elementType = element.Type;
                if (elementType.TypeKind == TypeKind.Enum)
                {
                    continue;
                }

                switch (elementType.SpecialType)
                {
                    case SpecialType.None:
                    case SpecialType.System_IntPtr:
                    case SpecialType.System_UIntPtr:
                    case SpecialType.System_Object:
                        return elementType;
                }
            }

            return null;
        }
    }
}
