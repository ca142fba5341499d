using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static VfioAnalyzers.Flow.OperationWrappers;

namespace VfioAnalyzers.Flow
{
    /// <summary>The transfer function: what each operation of the lowered graph does to a state. This file dispatches on the
    /// operation kind and holds the plumbing every concern shares; each concern has a file of its own.</summary>
    internal sealed partial class BodyAnalysis
    {
        private const int MaxOutcomesPerOperation = 64;

        private static readonly AbstractValue[] NoValues = new AbstractValue[0];

        private static readonly IOperation[] NoOperations = new IOperation[0];

        private Outcomes Eval(IOperation? operation, FlowState state)
        {
            if (operation == null)
            {
                return Outcomes.One(state, AbstractValue.Unknown);
            }

            if (operation.Kind == OperationKind.DefaultValue && WellKnownMembers.IsZeroHandle(operation))
            {
                // default(IntPtr), default(GCHandle): a handle that holds nothing, as null.
                return Outcomes.One(state, AbstractValue.Null);
            }

            if (operation.Kind == OperationKind.DefaultValue && operation.Type?.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                // default(int?): the null side of `g?.Id`.
                return Outcomes.One(state, AbstractValue.Null);
            }

            if (MayBeConstant(operation.Kind) && operation.ConstantValue is { HasValue: true } constant)
            {
                return Outcomes.One(state, AbstractValue.Constant(constant.Value));
            }

            switch (operation)
            {
                case IFlowCaptureOperation capture:
                    return EvalCapture(capture, state);
                case IFlowCaptureReferenceOperation captureReference:
                    return Outcomes.One(state, state.Get(ValueKey.For(captureReference.Id)));
                case ILocalReferenceOperation local:
                    return Outcomes.One(state, state.Get(ValueKey.For(local.Local)));
                case IParameterReferenceOperation parameter:
                    return Outcomes.One(state, state.Get(ValueKey.For(parameter.Parameter)));
                case IInstanceReferenceOperation instance:
                    return Outcomes.One(state, state.Get(ThisKey(instance)));
                case IFieldReferenceOperation field:
                    return EvalFieldRead(field, state);
                case IPropertyReferenceOperation property:
                    return EvalPropertyRead(property, state);
                case IConversionOperation conversion:
                    return EvalConversion(conversion, state);
                case IImplicitIndexerReferenceOperation slice:
                    return EvalSlice(slice, state);
                case IParenthesizedOperation parenthesized:
                    return Eval(parenthesized.Operand, state);
                case IAwaitOperation awaited:
                    // An awaited acquire hands its result over: the task's reference is the awaited value.
                    return EvalAwait(awaited, state);
                case IExpressionStatementOperation statement:
                    return EvalStatement(statement, state);
                case ISimpleAssignmentOperation assignment:
                    return EvalAssignment(assignment, state);
                case IInvocationOperation invocation:
                    return EvalCall(invocation, invocation.TargetMethod, invocation.Instance, invocation.Arguments, state);
                case IObjectCreationOperation creation when creation.Constructor != null:
                    return EvalCall(creation, creation.Constructor, null, creation.Arguments, state);
                case IIsNullOperation isNull:
                    return EvalNullTest(isNull.Operand, state, negate: false);
                case IBinaryOperation binary:
                    return EvalBinary(binary, state);
                case IUnaryOperation unary when unary.OperatorKind == UnaryOperatorKind.Not:
                    return EvalNot(unary, state);
                case IIsPatternOperation pattern:
                    return EvalPattern(pattern, state);
                case IReturnOperation yielded:
                    return EvalYield(yielded, state);
                case IFlowAnonymousFunctionOperation lambda:
                    return Outcomes.One(IsBorrowedForTheCall(lambda) ? state : EscapeCaptured(state, lambda), AbstractValue.Unknown);
                case IDelegateCreationOperation delegateCreation:
                    return Eval(delegateCreation.Target, state);
                case ITupleOperation tuple:
                    return EvalTuple(tuple, state);
                case IAnonymousObjectCreationOperation _:
                case IArrayCreationOperation arrayCreation when !arrayCreation.IsImplicit:
                case IArrayInitializerOperation _:
                    return EvalAggregate(operation, state);
                case ICompoundAssignmentOperation _:
                case IIncrementOrDecrementOperation _:
                    return TryEvalCounterStep(operation, state) ?? EvalCompound(operation, state);
                case IDeconstructionAssignmentOperation deconstruction:
                    return EvalDeconstruction(deconstruction, state);
                case ICoalesceAssignmentOperation _:
                    return EvalCompound(operation, state);
                default:
                    return EvalUses(Children(operation), state);
            }
        }

        private static IOperation[] Children(IOperation operation)
        {
            var children = operation.ChildOperations;
            if (children.Count == 0)
            {
                return NoOperations;
            }

            var array = new IOperation[children.Count];
            int i = 0;
            foreach (var child in children)
            {
                array[i++] = child;
            }

            return array;
        }

        /// <summary>
        /// Whether operations of this kind can carry a constant. Asking any operation for its constant compares
        /// Roslyn's constant values and is surprisingly dear, so the kinds that never have one are not asked.
        /// (An object creation can: <c>new bool()</c> is the constant false.)
        /// </summary>
        private static bool MayBeConstant(OperationKind kind)
        {
            switch (kind)
            {
                case OperationKind.Invocation:
                case OperationKind.ParameterReference:
                case OperationKind.InstanceReference:
                case OperationKind.ExpressionStatement:
                case OperationKind.SimpleAssignment:
                case OperationKind.CompoundAssignment:
                case OperationKind.Increment:
                case OperationKind.Decrement:
                case OperationKind.IsNull:
                case OperationKind.Return:
                case OperationKind.YieldReturn:
                case OperationKind.FlowCapture:
                case OperationKind.FlowAnonymousFunction:
                case OperationKind.PropertyReference:
                case OperationKind.ArrayElementReference:
                case OperationKind.DelegateCreation:
                case OperationKind.Await:
                case OperationKind.ArrayCreation:
                case OperationKind.Tuple:
                case OperationKind.AnonymousObjectCreation:
                    return false;
                default:
                    return true;
            }
        }

        // The cases below that map outcomes through a lambda live in methods of their own: a lambda's captures,
        // hoisted to the top of Eval, would otherwise cost an allocation on every operation evaluated.
        private Outcomes EvalCapture(IFlowCaptureOperation capture, FlowState state)
        {
            NoteCapturedPlace(capture);
            return Map(Eval(capture.Value, state), o => new Outcome(o.State.With(ValueKey.For(capture.Id), o.Value), AbstractValue.Unknown));
        }

        private Outcomes EvalConversion(IConversionOperation conversion, FlowState state)
        {
            if (conversion.OperatorMethod != null)
            {
                return Map(Eval(conversion.Operand, state), o => new Outcome(o.State, Convert(conversion, o.Value)));
            }

            // A non-nullable value lifted to T? (`g?.Id` where g is not null) is not null.
            return IsLifting(conversion) ? Map(Eval(conversion.Operand, state), o => o.Value.Kind == ValueKind.Unknown ? new Outcome(o.State, AbstractValue.Present) : o) : Eval(conversion.Operand, state);
        }

        private static bool IsLifting(IConversionOperation conversion) =>
            conversion.Conversion.IsNullable &&
            conversion.Type?.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T &&
            conversion.Operand.Type is { IsValueType: true } operandType &&
            operandType.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T;

        /// <summary><c>memory[..n]</c>: a slice of a wrapper wraps the same array.</summary>
        private Outcomes EvalSlice(IImplicitIndexerReferenceOperation slice, FlowState state)
        {
            var results = default(Outcomes);
            foreach (var (after, values) in EvalAll(new[] { slice.Instance, slice.Argument }, state))
            {
                var instance = values[0];
                var value = instance.IsReference && WellKnownMembers.IsWrapperType(slice.Type) ? instance.CarriedAs(Carrier.Wrapper) : AbstractValue.Unknown;
                results.Add(new Outcome(CheckUse(after, slice.Instance, instance), value));
            }

            return results;
        }

        private Outcomes EvalNot(IUnaryOperation unary, FlowState state) =>
            Map(Eval(unary.Operand, state), o => new Outcome(o.State, Negate(o.Value)));

        /// <summary>A yield return hands the value to the iterator's consumer.</summary>
        private Outcomes EvalYield(IReturnOperation yielded, FlowState state) =>
            Map(Eval(yielded.ReturnedValue, state), o => new Outcome(HandOn(o.State, o.Value, yielded.ReturnedValue), AbstractValue.Unknown));

        /// <summary>A reference placed in an aggregate is stored there: handed on.</summary>
        private Outcomes EvalAggregate(IOperation aggregate, FlowState state)
        {
            var results = default(Outcomes);
            foreach (var (after, values) in EvalAll(Children(aggregate), state))
            {
                results.Add(new Outcome(HandOnAll(after, values), AbstractValue.Unknown));
            }

            return results;
        }

        /// <summary>A compound assignment, increment or deconstruction: its target (the first child) is no longer known.</summary>
        private Outcomes EvalCompound(IOperation compound, FlowState state)
        {
            var children = Children(compound);
            var results = default(Outcomes);
            foreach (var (after, _) in EvalAll(children, state))
            {
                results.Add(new Outcome(Forget(after, children.Length > 0 ? children[0] : null), AbstractValue.Unknown));
            }

            return results;
        }

        /// <summary>Evaluates operands whose only effect on references is being read (a use, checked after release).</summary>
        private Outcomes EvalUses(IReadOnlyList<IOperation> children, FlowState state)
        {
            if (children.Count == 0)
            {
                return Outcomes.One(state, AbstractValue.Unknown);
            }

            var evaluated = EvalAll(children, state);
            var results = default(Outcomes);
            foreach (var (before, values) in evaluated)
            {
                var after = before;
                for (int i = 0; i < children.Count; i++)
                {
                    after = CheckUse(after, children[i], values[i]);
                }

                results.Add(new Outcome(after, AbstractValue.Unknown));
            }

            return results;
        }

        private Outcomes EvalStatement(IExpressionStatementOperation statement, FlowState state)
        {
            var inner = Strip(statement.Operation);
            var outcomes = Eval(statement.Operation, state);
            var results = default(Outcomes);
            foreach (var outcome in outcomes)
            {
                var after = outcome.State;
                if (inner is IInvocationOperation && IsFreshAcquire(inner, outcome.Value, after, out var resource))
                {
                    _sink.Discarded(_context.Sites[resource]);
                    after = after.WithStatus(resource, ResourceStatus.Lost);
                }

                results.Add(new Outcome(after, AbstractValue.Unknown));
            }

            return results;
        }

        private bool IsFreshAcquire(IOperation? operation, AbstractValue value, FlowState state, out int resource)
        {
            resource = value.Resource;
            return value.IsReference &&
                state.Status(resource) == ResourceStatus.Held &&
                _context.Sites[resource].Origin == SiteOrigin.Acquire &&
                ReferenceEquals(_context.Sites[resource].Operation, operation);
        }

        private static ValueKey? KeyOf(IOperation? operation)
        {
            switch (Strip(operation))
            {
                case ILocalReferenceOperation local:
                    return ValueKey.For(local.Local);
                case IParameterReferenceOperation parameter:
                    return ValueKey.For(parameter.Parameter);
                case IFieldReferenceOperation field:
                    return FieldKey(field);
                case IInstanceReferenceOperation instance:
                    return ThisKey(instance);
                case IFlowCaptureReferenceOperation capture:
                    return ValueKey.For(capture.Id);
                default:
                    return null;
            }
        }

        /// <summary>
        /// A read that conditions correlate on (docs/ownership.md): a property, a field of a local or parameter, or a
        /// parameterless call, on <c>this</c>, a static type, or a local or parameter. Taken as pure: the same read on
        /// the same unchanged receiver gives the same value.
        /// </summary>
        private static ValueKey? PathKeyOf(IOperation? operation)
        {
            switch (Strip(operation))
            {
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                    return PathKey(property.Instance, property.Property);
                case IFieldReferenceOperation field when field.Instance != null && !(field.Instance is IInstanceReferenceOperation):
                    return PathKey(field.Instance, field.Field);
                case IInvocationOperation call when call.Arguments.IsEmpty && !call.TargetMethod.ReturnsVoid:
                    return PathKey(call.Instance, call.TargetMethod);
                default:
                    return null;
            }
        }

        private static ValueKey? PathKey(IOperation? instance, ISymbol member)
        {
            switch (Strip(instance))
            {
                case null:
                    return ValueKey.ForPath(null, member.OriginalDefinition);
                case IInstanceReferenceOperation self:
                    return ValueKey.ForPath(self.Type, member.OriginalDefinition);
                case ILocalReferenceOperation local:
                    return ValueKey.ForPath(local.Local, member.OriginalDefinition);
                case IParameterReferenceOperation parameter:
                    return ValueKey.ForPath(parameter.Parameter, member.OriginalDefinition);
                case IFlowCaptureReferenceOperation capture:
                    return ValueKey.ForPath(capture.Id, member.OriginalDefinition);
                default:
                    return null;
            }
        }

        /// <summary>Fields of <c>this</c> and static fields are tracked; fields of other objects are not.</summary>
        private static ValueKey? FieldKey(IFieldReferenceOperation field) =>
            field.Field.IsStatic || field.Instance is IInstanceReferenceOperation ? ValueKey.For(field.Field) : (ValueKey?)null;

        private static ValueKey ThisKey(IInstanceReferenceOperation instance) => ValueKey.For(instance.Type ?? (ISymbol)instance.SemanticModel!.Compilation.ObjectType);

        private static bool IsNullLiteral(IOperation operation)
        {
            var stripped = Strip(operation);
            return stripped != null && stripped.ConstantValue.HasValue && stripped.ConstantValue.Value == null;
        }

        /// <summary>A value that holds nothing: <c>null</c>, <c>IntPtr.Zero</c>, <c>default</c> of a handle.</summary>
        private static bool IsNothing(IOperation operation) => IsNullLiteral(operation) || WellKnownMembers.IsZeroHandle(Strip(operation));

        private static bool TryFindArgument(ImmutableArray<IArgumentOperation> arguments, int ordinal, out int index)
        {
            for (index = 0; index < arguments.Length; index++)
            {
                if (arguments[index].Parameter?.Ordinal == ordinal)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The member as a message names it: a constructor by its type.</summary>
        private static string MemberName(IMethodSymbol method) =>
            method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name
            : method.AssociatedSymbol is IPropertySymbol property ? (property.IsIndexer ? "this[]" : property.Name)
            : method.Name;

        private static AbstractValue Negate(AbstractValue value) => value.AsBool is bool b ? AbstractValue.Bool(!b) : AbstractValue.Unknown;

        private static string Describe(IOperation? operation) => operation == null ? "this" : Reporting.ExitLocator.Describe(operation.Syntax);

        private static Outcomes Map(Outcomes outcomes, System.Func<Outcome, Outcome> map) => outcomes.Map(map);

        /// <summary>Evaluates operands left to right; a split in one operand multiplies the ways out.</summary>
        private List<(FlowState State, AbstractValue[] Values)> EvalAll(IEnumerable<IOperation?> operations, FlowState state)
        {
            var list = operations as IReadOnlyList<IOperation?> ?? operations.ToList();
            var values = list.Count == 0 ? NoValues : new AbstractValue[list.Count];

            // Most operands have one outcome: follow the single path until one splits.
            for (int i = 0; i < list.Count; i++)
            {
                if (list[i] == null)
                {
                    continue;
                }

                _context.CancellationToken.ThrowIfCancellationRequested();
                var outcomes = Eval(list[i], state);
                if (outcomes.Count != 1)
                {
                    return EvalRest(list, i, state, values, outcomes);
                }

                values[i] = outcomes[0].Value;
                state = outcomes[0].State;
            }

            return new List<(FlowState, AbstractValue[])>(1) { (state, values) };
        }

        /// <summary>The general case of <see cref="EvalAll"/>, from the operand at <paramref name="split"/> whose outcomes are given.</summary>
        private List<(FlowState State, AbstractValue[] Values)> EvalRest(IReadOnlyList<IOperation?> list, int split, FlowState state, AbstractValue[] values, Outcomes splitOutcomes)
        {
            var current = new List<(FlowState State, AbstractValue[] Values)> { (state, values) };
            for (int i = split; i < list.Count; i++)
            {
                if (list[i] == null)
                {
                    continue;
                }

                _context.CancellationToken.ThrowIfCancellationRequested();
                if (current.Count > MaxOutcomesPerOperation)
                {
                    // Each conditional acquire in one expression doubles the ways out: past a bound, the body is too tangled.
                    throw new GiveUpException();
                }

                var next = new List<(FlowState, AbstractValue[])>(current.Count);
                foreach (var (before, known) in current)
                {
                    var outcomes = i == split ? splitOutcomes : Eval(list[i], before);
                    for (int k = 0; k < outcomes.Count; k++)
                    {
                        var copy = k == outcomes.Count - 1 ? known : (AbstractValue[])known.Clone();
                        copy[i] = outcomes[k].Value;
                        next.Add((outcomes[k].State, copy));
                    }
                }

                current = next;
            }

            return current;
        }
    }
}
