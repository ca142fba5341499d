using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static VfioAnalyzers.Flow.OperationWrappers;

namespace VfioAnalyzers.Flow
{
    /// <summary>Assignment, aliasing and escape: where a stored, returned or yielded reference goes, and what an overwrite loses.</summary>
    internal sealed partial class BodyAnalysis
    {
        private Outcomes EvalFieldRead(IFieldReferenceOperation field, FlowState state)
        {
            if (WellKnownMembers.IsZeroHandle(field))
            {
                // IntPtr.Zero holds nothing, as null does.
                return Outcomes.One(state, AbstractValue.Null);
            }

            var key = FieldKey(field);
            if (!key.HasValue && field.Instance != null)
            {
                // A field of another object: read through a carrier, or known from a condition on the same field.
                return EvalMemberRead(field.Instance, ImmutableArray<IArgumentOperation>.Empty, field.Type, PathKeyOf(field), state, field.Field);
            }

            var results = EvalMemberAccess(field.Instance, ImmutableArray<IArgumentOperation>.Empty, state);
            for (int i = 0; i < results.Count; i++)
            {
                var after = results[i].State;
                var value = key.HasValue && after.Has(key.Value) ? after.Get(key.Value) : AbstractValue.FromField(field.Field);
                results[i] = new Outcome(after, value.WithOrigin(field.Field));
            }

            return results;
        }

        private Outcomes EvalPropertyRead(IPropertyReferenceOperation property, FlowState state)
        {
            if (property.Property.GetMethod is IMethodSymbol getter && !_context.Catalog.GetDeclared(getter).IsEmpty)
            {
                // A getter with a contract (`[return: Acquires]` on `get`) is a call: `var g = s.First;` acquires.
                return EvalCall(property, getter, property.Instance, property.Arguments, state);
            }

            RaiseFromGetter(state, property);
            if (property.Instance != null && property.Arguments.IsEmpty && WellKnownMembers.IsAllocatedTest(property))
            {
                // handle.IsAllocated: whether the handle holds its object, a null test in other words.
                return EvalNullTest(property.Instance, state, negate: true);
            }

            return EvalMemberRead(property.Instance, property.Arguments, property.Type, PathKeyOf(property), state, originField: null);
        }

        /// <summary>
        /// A member read off an object (a use of it): the reference a carrier holds when the member has its type, what a
        /// condition learnt of the same member on the same unchanged receiver, or unknown.
        /// </summary>
        private Outcomes EvalMemberRead(IOperation? instance, ImmutableArray<IArgumentOperation> arguments, ITypeSymbol? type, ValueKey? path, FlowState state, IFieldSymbol? originField)
        {
            if (instance == null && !path.HasValue && originField == null)
            {
                return EvalMemberAccess(instance, arguments, state);
            }

            int offset = instance != null ? 1 : 0;
            var children = new IOperation[arguments.Length + offset];
            if (instance != null)
            {
                children[0] = instance;
            }

            for (int i = 0; i < arguments.Length; i++)
            {
                children[i + offset] = arguments[i].Value;
            }

            var results = default(Outcomes);
            foreach (var (before, values) in EvalAll(children, state))
            {
                // What was stored into, or learnt of, this very member comes first; a carrier's type tells otherwise.
                var value = path.HasValue && before.Has(path.Value) ? before.Get(path.Value)
                    : instance != null ? ReadThroughCarrier(values[0], type) : AbstractValue.Unknown;

                var after = before;
                for (int i = 0; i < children.Length; i++)
                {
                    // A tuple is a bag of values: reading its other elements (`opened.Id`) is not a use of the reference.
                    if (i > 0 || instance == null || value.IsReference || !(instance.Type is { IsTupleType: true }))
                    {
                        after = CheckUse(after, children[i], values[i]);
                    }
                }

                if (instance != null && !value.IsReference && IsFreshAcquire(Strip(instance), values[0], after, out int fresh))
                {
                    // `core.GetExternalUser(f).Id`: acquired, read once and never stored, so nothing can release it.
                    _sink.Discarded(_context.Sites[fresh]);
                    after = after.WithStatus(fresh, ResourceStatus.Lost);
                }

                if (value.Kind == ValueKind.Unknown && originField != null)
                {
                    value = AbstractValue.FromField(originField);
                }

                results.Add(new Outcome(after, value));
            }

            return results;
        }

        /// <summary>Reading a member of a released object is a use after release.</summary>
        private Outcomes EvalMemberAccess(IOperation? instance, ImmutableArray<IArgumentOperation> arguments, FlowState state)
        {
            if (instance == null && arguments.IsEmpty)
            {
                return Outcomes.One(state, AbstractValue.Unknown);
            }

            int offset = instance != null ? 1 : 0;
            var children = new IOperation[arguments.Length + offset];
            if (instance != null)
            {
                children[0] = instance;
            }

            for (int i = 0; i < arguments.Length; i++)
            {
                children[i + offset] = arguments[i].Value;
            }

            return EvalUses(children, state);
        }

        private Outcomes EvalAssignment(ISimpleAssignmentOperation assignment, FlowState state)
        {
            var results = default(Outcomes);
            var parts = TargetParts(assignment.Target);
            if (parts.Length == 0)
            {
                // A local, a parameter, a field of this: nothing to evaluate before the store.
                Assign(assignment, state, ref results);
                return results;
            }

            foreach (var target in EvalUses(parts, state))
            {
                Assign(assignment, target.State, ref results);
            }

            return results;
        }

        private void Assign(ISimpleAssignmentOperation assignment, FlowState target, ref Outcomes results)
        {
            {
                foreach (var value in Eval(assignment.Value, target))
                {
                    var after = value.State;
                    if (assignment.Target is IDiscardOperation && IsFreshAcquire(Strip(assignment.Value), value.Value, after, out int resource))
                    {
                        _sink.Discarded(_context.Sites[resource]);
                        after = after.WithStatus(resource, ResourceStatus.Lost);
                    }
                    else
                    {
                        after = AssignTo(assignment.Target, value.Value, after, assignment);
                        after = CopyMembers(after, assignment.Value, assignment.Target);
                    }

                    results.Add(new Outcome(after, value.Value));
                }
            }
        }

        /// <summary>What a target needs evaluated before the store (an instance, indices), for their uses.</summary>
        private static IOperation[] TargetParts(IOperation target) => target switch
        {
            IFieldReferenceOperation field when field.Instance != null && !(field.Instance is IInstanceReferenceOperation) => new[] { field.Instance },
            IPropertyReferenceOperation property => (property.Instance != null ? new[] { property.Instance } : NoOperations).Concat(property.Arguments.Select(a => a.Value)).ToArray(),
            IArrayElementReferenceOperation element => new[] { element.ArrayReference }.Concat(element.Indices).ToArray(),
            _ => NoOperations,
        };

        /// <summary>Stores a value: into a tracked place (checking what it overwrites), or out of this body (handing it on).</summary>
        private FlowState AssignTo(IOperation target, AbstractValue value, FlowState state, IOperation assignment)
        {
            // `out var g` and `(var a, var b)` declare the local they store into.
            while (target is IDeclarationExpressionOperation declaration)
            {
                target = declaration.Expression;
            }

            if (TryGetCapturedPlace(target, out var place))
            {
                target = place;
            }

            switch (target)
            {
                case ILocalReferenceOperation local:
                {
                    // What conditions taught, or stores put, in the members of the old object is gone with it.
                    var key = ValueKey.For(local.Local);
                    state = CheckOverwrite(state.WithoutPathsOf(key), key, value, assignment);
                    if (local.Local.IsRef || IsOuterLocal(local.Local))
                    {
                        // A ref local or a variable of an enclosing body outlives this store: handed on.
                        state = HandOn(state, value, null);
                    }

                    return state.With(key, Tracked(value, local.Local));
                }

                case IParameterReferenceOperation parameter:
                {
                    var key = ValueKey.For(parameter.Parameter);
                    state = CheckOverwrite(state.WithoutPathsOf(key), key, value, assignment);
                    if (parameter.Parameter.RefKind != RefKind.None || IsOuterParameter(parameter.Parameter))
                    {
                        state = HandOn(state, value, null);
                    }

                    return state.With(key, Tracked(value, parameter.Parameter));
                }

                case IFieldReferenceOperation field when ContainerKey(field.Instance) is ValueKey container:
                    return StoreIntoContainer(state, container, value, PathKeyOf(field));
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty && ContainerKey(property.Instance) is ValueKey container:
                    return StoreIntoContainer(state, container, value, PathKeyOf(property));
                case IFieldReferenceOperation field:
                {
                    state = ForgetPath(state, field);
                    foreach (int resource in value.Resources)
                    {
                        if (state.Status(resource) == ResourceStatus.Held)
                        {
                            _sink.FieldStored(_context.Sites[resource], field.Field, assignment);
                        }
                    }

                    state = HandOn(state, value, null);
                    var key = FieldKey(field);
                    return key.HasValue ? state.With(key.Value, value.WithOrigin(field.Field)) : state;
                }

                case IDiscardOperation _:
                    return state;
                default:
                    // Properties, array elements, indexers, dynamic members: the value is stored elsewhere.
                    return HandOn(ForgetPath(state, target), value, null);
            }
        }

        /// <summary>
        /// A struct copied, or an initialised object stored, into a local or parameter: what was stored into its
        /// members, and learnt of them, holds for the new place.
        /// </summary>
        private static FlowState CopyMembers(FlowState state, IOperation source, IOperation target)
        {
            var from = KeyOf(source);
            var to = KeyOf(target);
            return from.HasValue && to.HasValue && !from.Value.Equals(to.Value) && (to.Value.Symbol is ILocalSymbol || to.Value.Symbol is IParameterSymbol)
                ? state.CopyPaths(from.Value, to.Value)
                : state;
        }

        /// <summary>A member assigned is no longer what a condition taught about it.</summary>
        private static FlowState ForgetPath(FlowState state, IOperation target) =>
            PathKeyOf(target) is ValueKey path ? state.Without(path) : state;

        /// <summary>A constant is kept only for a variable some condition tests; others' constants decide nothing.</summary>
        private AbstractValue Tracked(AbstractValue value, ISymbol variable) =>
            (value.Kind == ValueKind.Constant || value.Kind == ValueKind.NonNull || value.Kind == ValueKind.Present || value.Kind == ValueKind.Signed) && _context.Decisive != null && !_context.Decisive.Contains(variable) ? AbstractValue.Unknown : value;

        private FlowState CheckOverwrite(FlowState state, ValueKey key, AbstractValue value, IOperation assignment)
        {
            _sink.PathAt(assignment, state);
            var old = state.Get(key);
            foreach (int resource in old.Resources)
            {
                if (!value.Refers(resource) &&
                    state.Status(resource) == ResourceStatus.Held &&
                    _context.Sites[resource].Origin == SiteOrigin.Acquire &&
                    !state.IsReferencedElsewhere(resource, key))
                {
                    _sink.Overwritten(_context.Sites[resource], assignment, key.Symbol?.Name ?? "?");
                    state = state.WithStatus(resource, ResourceStatus.Lost);
                }
            }

            return state;
        }

        /// <summary>Returning hands the reference to the caller; a wrapper that promised one is checked here (VFIO008).</summary>
        private FlowState HandOnReturn(FlowState state, IOperation returned, AbstractValue value)
        {
            state = CheckUse(state, returned, value);
            if (_collectExits && _owner is IMethodSymbol { MethodKind: MethodKind.LocalFunction })
            {
                // Inlined: the caller receives the value and keeps the duty.
                return state;
            }

            CheckPromise(state, value, returned);
            if (value.IsReference && !value.IsCarrier && state.Status(value.Resource) == ResourceStatus.Held && _context.Sites[value.Resource].Origin == SiteOrigin.Acquire)
            {
                LooksLikeWrapper = true;
            }

            return HandOn(state, value, returned);
        }

        private FlowState HandOn(FlowState state, AbstractValue value, IOperation? operation)
        {
            foreach (int resource in value.Resources)
            {
                if (state.Status(resource) == ResourceStatus.Held)
                {
                    _sink.HandedOn(_context.Sites[resource]);
                    state = state.WithStatus(resource, ResourceStatus.Escaped);
                }
            }

            return state;
        }

        private FlowState HandOnAll(FlowState state, AbstractValue[] values)
        {
            foreach (var value in values)
            {
                state = HandOn(state, value, null);
            }

            return state;
        }

        private FlowState Forget(FlowState state, IOperation? target)
        {
            var key = KeyOf(target) ?? PathKeyOf(target);
            return key.HasValue ? state.Without(key.Value) : state;
        }
    }
}
