using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static VfioAnalyzers.Flow.OperationWrappers;
using VfioAnalyzers.Contracts;

namespace VfioAnalyzers.Flow
{
    /// <summary>The transfer function: what each operation of the lowered graph does to a state.</summary>
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
                    return EvalMemberAccess(property.Instance, property.Arguments, state);
                case IConversionOperation conversion:
                    return Eval(conversion.Operand, state);
                case IParenthesizedOperation parenthesized:
                    return Eval(parenthesized.Operand, state);
                case IAwaitOperation awaited:
                    // An awaited acquire hands its result over: the task's reference is the awaited value.
                    return Eval(awaited.Operation, state);
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
                case ITupleOperation _:
                case IAnonymousObjectCreationOperation _:
                case IArrayCreationOperation arrayCreation when !arrayCreation.IsImplicit:
                case IArrayInitializerOperation _:
                    return EvalAggregate(operation, state);
                case ICompoundAssignmentOperation _:
                case IIncrementOrDecrementOperation _:
                case IDeconstructionAssignmentOperation _:
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
        private Outcomes EvalCapture(IFlowCaptureOperation capture, FlowState state) =>
            Map(Eval(capture.Value, state), o => new Outcome(o.State.With(ValueKey.For(capture.Id), o.Value), AbstractValue.Unknown));

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

        private Outcomes EvalFieldRead(IFieldReferenceOperation field, FlowState state)
        {
            var key = FieldKey(field);
            var results = EvalMemberAccess(field.Instance, ImmutableArray<IArgumentOperation>.Empty, state);
            for (int i = 0; i < results.Count; i++)
            {
                var after = results[i].State;
                var value = key.HasValue && after.Has(key.Value) ? after.Get(key.Value) : AbstractValue.FromField(field.Field);
                results[i] = new Outcome(after, value.WithOrigin(field.Field));
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

            switch (target)
            {
                case ILocalReferenceOperation local:
                {
                    var key = ValueKey.For(local.Local);
                    state = CheckOverwrite(state, key, value, assignment);
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
                    state = CheckOverwrite(state, key, value, assignment);
                    if (parameter.Parameter.RefKind != RefKind.None || IsOuterParameter(parameter.Parameter))
                    {
                        state = HandOn(state, value, null);
                    }

                    return state.With(key, Tracked(value, parameter.Parameter));
                }

                case IFieldReferenceOperation field:
                {
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
                    return HandOn(state, value, null);
            }
        }

        /// <summary>A constant is kept only for a variable some condition tests; others' constants decide nothing.</summary>
        private AbstractValue Tracked(AbstractValue value, ISymbol variable) =>
            value.Kind == ValueKind.Constant && _context.Decisive != null && !_context.Decisive.Contains(variable) ? AbstractValue.Unknown : value;

        private FlowState CheckOverwrite(FlowState state, ValueKey key, AbstractValue value, IOperation assignment)
        {
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

        private Outcomes EvalCall(IOperation call, IMethodSymbol method, IOperation? instance, ImmutableArray<IArgumentOperation> arguments, FlowState state)
        {
            var contract = _context.Catalog.Get(method);
            int offset = instance != null ? 1 : 0;
            var children = new IOperation?[arguments.Length + offset];
            if (instance != null)
            {
                children[0] = instance;
            }

            // Out arguments are stores, not reads: they are not evaluated as values.
            for (int i = 0; i < arguments.Length; i++)
            {
                var argument = arguments[i];
                children[i + offset] = argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter?.RefKind == RefKind.Out ? null : argument.Value;
            }

            var results = default(Outcomes);
            foreach (var evaluated in EvalAll(children, state))
            {
                var after = evaluated.State;
                var values = evaluated.Values;
                var instanceValue = instance != null ? values[0] : AbstractValue.Unknown;

                after = CheckCallUses(after, contract, instance, instanceValue, arguments, values, offset);
                var beforeRelease = after;

                foreach (var release in contract.Releases)
                {
                    if (release.Target == ReleaseTarget.Receiver)
                    {
                        after = Release(after, instance, instanceValue, release.Kind, call, method);
                    }
                    else if (TryFindArgument(arguments, release.ParameterOrdinal, out int index))
                    {
                        after = Release(after, arguments[index].Value, values[index + offset], release.Kind, call, method);
                    }
                }

                // The exception being constructed for a throw is not a second way out: the throw itself is reported.
                if (ExceptionsMatterHere() && !IsThrownValue(call))
                {
                    // A releasing call that throws has still given back what it releases (a put is refused only
                    // when nothing is held): the exception carries the state after the release, before any acquire.
                    RaiseException(contract.Releases.IsEmpty ? beforeRelease : after, call.Syntax.GetLocation(), isExplicit: false);
                }

                after = HandOnArguments(after, call, method, contract, arguments, values, offset);
                if (contract.IsEmpty && method.MethodKind != MethodKind.LocalFunction)
                {
                    after = ForgetFieldsAfterCall(after);
                }

                if (method.MethodKind == MethodKind.LocalFunction && TryInline(method, arguments, values, offset, after, ref results))
                {
                    continue;
                }

                after = StoreOutArguments(after, contract, arguments, call);
                results.AddRange(Acquire(after, call, method, contract, instance, arguments));
            }

            return results;
        }

        /// <summary>
        /// A call may store into the fields of <c>this</c> or static fields, so what they held is forgotten; a reference
        /// still held through one (a lock taken on a field) stays, since only its release could end it.
        /// </summary>
        private static FlowState ForgetFieldsAfterCall(FlowState state)
        {
            List<ValueKey>? stale = null;
            foreach (var pair in state.Values)
            {
                if (pair.Key.Symbol is IFieldSymbol && !HoldsAny(state, pair.Value))
                {
                    (stale ??= new List<ValueKey>()).Add(pair.Key);
                }
            }

            return stale == null ? state : state.WithoutAll(stale);
        }

        private static bool HoldsAny(FlowState state, AbstractValue value)
        {
            foreach (int resource in value.Resources)
            {
                if (state.Status(resource) == ResourceStatus.Held)
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsThrownValue(IOperation operation) =>
            _block != null && _block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Throw &&
            _block.BranchValue != null && ReferenceEquals(Strip(_block.BranchValue), operation);

        private FlowState CheckCallUses(FlowState state, MemberContract contract, IOperation? instance, AbstractValue instanceValue, ImmutableArray<IArgumentOperation> arguments, AbstractValue[] values, int offset)
        {
            if (instance != null && !ReleasesReceiver(contract))
            {
                state = CheckUse(state, instance, instanceValue);
            }

            for (int i = 0; i < arguments.Length; i++)
            {
                var parameter = arguments[i].Parameter;
                if (parameter != null && parameter.RefKind != RefKind.Out && !ReleasesArgument(contract, parameter.Ordinal))
                {
                    state = CheckUse(state, arguments[i].Value, values[i + offset]);
                }
            }

            return state;
        }

        private FlowState CheckUse(FlowState state, IOperation? operation, AbstractValue value)
        {
            if (operation == null)
            {
                return state;
            }

            foreach (int resource in value.Resources)
            {
                if (state.Status(resource) == ResourceStatus.Released && !SurvivesRelease(_context.Sites[resource]))
                {
                    _sink.UsedAfterRelease(_context.Sites[resource], operation, NameOf(state, resource));
                }
            }

            return state;
        }

        /// <summary>
        /// An object acquired in place (a lock object, a semaphore, a SafeHandle: an argument or receiver acquire of
        /// the kind) lives on after its release and may be used or acquired again; a returned one (a pooled array,
        /// a group reference) does not. For a release of an unknown value, the releasing member's type tells.
        /// </summary>
        private bool SurvivesRelease(ResourceSite site)
        {
            if (!(site.Operation is IInvocationOperation invocation) || site.Origin == SiteOrigin.Entry)
            {
                return false;
            }

            var candidates = site.Origin == SiteOrigin.Acquire
                ? new[] { invocation.TargetMethod }
                : invocation.TargetMethod.ContainingType.GetMembers().OfType<IMethodSymbol>();
            return candidates.Any(m => _context.Catalog.Get(m).Acquires.Any(a =>
                a.Kind == site.Kind && (a.Target == AcquireTarget.Argument || a.Target == AcquireTarget.Receiver)));
        }

        /// <summary>Gives back one reference of <paramref name="kind"/> held through the value.</summary>
        private FlowState Release(FlowState state, IOperation? operation, AbstractValue value, string kind, IOperation call, IMethodSymbol method)
        {
            var stripped = Strip(operation);
            if (stripped is IFieldReferenceOperation fieldReference)
            {
                _sink.FieldReleased(fieldReference.Field);
            }

            if (value.OriginField != null)
            {
                _sink.FieldReleased(value.OriginField);
            }

            switch (value.Kind)
            {
                case ValueKind.Null:
                    _sink.ReleaseNotHeld(kind, call, Describe(operation), "it is null");
                    return state;
                case ValueKind.Reference:
                    return ReleaseReference(state, value, operation, kind, call, method);
                case ValueKind.Unknown:
                    return TrackReleasedUnknown(state, stripped, AbstractValue.Unknown, kind, call, method);
                default:
                    return state;
            }
        }

        private FlowState ReleaseReference(FlowState state, AbstractValue value, IOperation? operation, string kind, IOperation call, IMethodSymbol method)
        {
            int matching = -1;
            bool anyAcquired = false;
            foreach (int resource in value.Resources)
            {
                var site = _context.Sites[resource];
                anyAcquired |= site.Origin != SiteOrigin.ReleasedUnknown;
                if (site.Matches(kind))
                {
                    matching = resource;
                }
            }

            if (matching < 0)
            {
                if (anyAcquired)
                {
                    var held = _context.Sites[value.Resource];
                    _sink.ReleaseNotHeld(kind, call, Describe(operation), $"it holds the '{held.Kind}' reference from '{held.MemberName}'");
                    return state;
                }

                // Released before through a member of another kind: track this kind too.
                return TrackReleasedUnknown(state, Strip(operation), value, kind, call, method);
            }

            var name = NameOf(state, matching);
            switch (state.Status(matching))
            {
                case ResourceStatus.Held:
                    return state.WithStatus(matching, ResourceStatus.Released).WithReleasedBy(matching, call);
                case ResourceStatus.Released:
                    _sink.ReleasedTwice(_context.Sites[matching], call, name, state.ReleasedBy(matching));
                    return state;
                case ResourceStatus.NotHeld:
                    _sink.ReleaseNotHeld(kind, call, name, value.MaybeNull ? "the acquire failed" : "it was never acquired");
                    return state;
                default:
                    return state;
            }
        }

        /// <summary>A value of unknown origin released here is remembered as released, to catch a second release or a later use.</summary>
        private FlowState TrackReleasedUnknown(FlowState state, IOperation? place, AbstractValue current, string kind, IOperation call, IMethodSymbol method)
        {
            var key = KeyOf(place);
            if (!key.HasValue)
            {
                return state;
            }

            var site = _context.Sites.ForReleasedUnknown(call, 0, kind, MemberName(method));
            var value = current.IsReference ? current.Attach(site.Id) : AbstractValue.Reference(site.Id, maybeNull: false).WithOrigin(current.OriginField);
            return state.With(key.Value, value).WithStatus(site.Id, ResourceStatus.Released);
        }

        /// <summary>Arguments given to members that store or release them, or into collections, are handed on.</summary>
        private FlowState HandOnArguments(FlowState state, IOperation call, IMethodSymbol method, MemberContract contract, ImmutableArray<IArgumentOperation> arguments, AbstractValue[] values, int offset)
        {
            for (int i = 0; i < arguments.Length; i++)
            {
                var value = values[i + offset];
                var parameter = arguments[i].Parameter;
                if (parameter == null || parameter.RefKind == RefKind.Out || IsContractParameter(contract, parameter.Ordinal))
                {
                    continue;
                }

                var field = value.OriginField ?? (Strip(arguments[i].Value) as IFieldReferenceOperation)?.Field;
                if (field != null && method.MethodKind != MethodKind.LocalFunction &&
                    _context.Summaries.Get(method, parameter.Ordinal, _depth, _context.CancellationToken) != ParameterFate.Borrowed)
                {
                    // A field's value given to a helper that releases or keeps it counts as released from the field (VFIO007).
                    _sink.FieldReleased(field);
                }

                if (!value.IsReference)
                {
                    continue;
                }

                if (IsCollectionStore(method))
                {
                    state = HandOn(state, value, null);
                    continue;
                }

                if (method.MethodKind == MethodKind.LocalFunction)
                {
                    continue;
                }

                var fate = _context.Summaries.Get(method, parameter.Ordinal, _depth, _context.CancellationToken);
                if (fate == ParameterFate.Borrowed && IsFreshAcquire(Strip(arguments[i].Value), value, state, out int fresh))
                {
                    // Acquired and only lent in one expression: no variable ever holds it, so nothing can release it.
                    _sink.Discarded(_context.Sites[fresh]);
                    state = state.WithStatus(fresh, ResourceStatus.Lost);
                    continue;
                }

                switch (fate)
                {
                    case ParameterFate.Releases:
                        foreach (int resource in value.Resources)
                        {
                            state = ReleaseReference(state, value, arguments[i].Value, _context.Sites[resource].Kind, call, method);
                        }

                        break;
                    case ParameterFate.Consumes:
                        state = HandOn(state, value, null);
                        break;
                }
            }

            return state;
        }

        private static bool IsContractParameter(MemberContract contract, int ordinal)
        {
            if (ReleasesArgument(contract, ordinal))
            {
                return true;
            }

            foreach (var acquire in contract.Acquires)
            {
                if (acquire.ParameterOrdinal == ordinal && acquire.Target == AcquireTarget.Argument)
                {
                    return true;
                }
            }

            return false;
        }

        // Loops rather than LINQ: these run for every argument of every call.
        private static bool ReleasesArgument(MemberContract contract, int ordinal)
        {
            foreach (var release in contract.Releases)
            {
                if (release.Target == ReleaseTarget.Argument && release.ParameterOrdinal == ordinal)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ReleasesReceiver(MemberContract contract)
        {
            foreach (var release in contract.Releases)
            {
                if (release.Target == ReleaseTarget.Receiver)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsCollectionStore(IMethodSymbol method)
        {
            switch (method.Name)
            {
                case "Add":
                case "AddFirst":
                case "AddLast":
                case "Insert":
                case "Push":
                case "Enqueue":
                case "TryAdd":
                case "TryPush":
                case "Set":
                case "SetItem":
                case "GetOrAdd":
                case "AddOrUpdate":
                    return method.ContainingType != null &&
                        (method.ContainingType.SpecialType == SpecialType.System_Collections_IEnumerable ||
                         method.ContainingType.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable));
                default:
                    return false;
            }
        }

        /// <summary>Out arguments of ordinary members are overwritten with values the analysis does not know.</summary>
        private FlowState StoreOutArguments(FlowState state, MemberContract contract, ImmutableArray<IArgumentOperation> arguments, IOperation call)
        {
            foreach (var argument in arguments)
            {
                var parameter = argument.Parameter;
                if (parameter != null && parameter.RefKind == RefKind.Out &&
                    !contract.Acquires.Any(a => a.Target == AcquireTarget.OutParameter && a.ParameterOrdinal == parameter.Ordinal))
                {
                    state = AssignTo(argument.Value, AbstractValue.Unknown, state, call);
                }
            }

            return state;
        }

        private Outcomes Acquire(FlowState state, IOperation call, IMethodSymbol method, MemberContract contract, IOperation? instance, ImmutableArray<IArgumentOperation> arguments)
        {
            var outcomes = Outcomes.One(state, ResultOfUnknownCall(method, arguments, state));
            for (int specIndex = 0; specIndex < contract.Acquires.Length; specIndex++)
            {
                var spec = contract.Acquires[specIndex];
                var next = default(Outcomes);
                foreach (var outcome in outcomes)
                {
                    var current = outcome.State;
                    var site = NextGeneration(ref current, call, specIndex, spec.Kind, MemberName(method));
                    int resource = site.Id;
                    current = current.WithBranch(null);
                    switch (spec.Condition)
                    {
                        case AcquireCondition.ReturnsTrue:
                            next.Add(new Outcome(Bind(current.WithStatus(resource, ResourceStatus.Held), spec, resource, false, call, instance, arguments), AbstractValue.True));
                            next.Add(new Outcome(Bind(current.WithStatus(resource, ResourceStatus.NotHeld), spec, resource, true, call, instance, arguments), AbstractValue.False));
                            break;
                        case AcquireCondition.FlagTrue:
                            var flag = TryFindArgument(arguments, spec.FlagParameterOrdinal, out int flagIndex) ? KeyOf(arguments[flagIndex].Value) : null;
                            var held = Bind(current.WithStatus(resource, ResourceStatus.Held), spec, resource, false, call, instance, arguments);
                            var failed = current.WithStatus(resource, ResourceStatus.NotHeld);
                            next.Add(new Outcome(flag.HasValue ? held.With(flag.Value, AbstractValue.True) : held, outcome.Value));
                            next.Add(new Outcome(flag.HasValue ? failed.With(flag.Value, AbstractValue.False) : failed, outcome.Value));
                            break;
                        default:
                            bool maybeNull = spec.Target == AcquireTarget.ReturnValue ? ReturnMayBeNull(method) : spec.Condition == AcquireCondition.NonNull;
                            var bound = Bind(current.WithStatus(resource, ResourceStatus.Held), spec, resource, maybeNull, call, instance, arguments);
                            next.Add(new Outcome(bound, spec.Target == AcquireTarget.ReturnValue ? AbstractValue.Reference(resource, maybeNull) : outcome.Value));
                            break;
                    }
                }

                outcomes = next;
            }

            return outcomes;
        }

        /// <summary>
        /// The site's current generation; if its last reference is still held somewhere (a loop acquiring again),
        /// that one moves to the older generation, so that overwriting it is seen.
        /// </summary>
        private ResourceSite NextGeneration(ref FlowState state, IOperation call, int specIndex, string kind, string member)
        {
            var current = _context.Sites.ForAcquire(call, specIndex, 0, kind, member);
            // Only a still-held reference needs keeping apart; a released one is forgotten, which keeps loops converging fast.
            var status = state.Status(current.Id);
            if (status == ResourceStatus.Held)
            {
                var older = _context.Sites.ForAcquire(call, specIndex, 1, kind, member);
                int oldId = current.Id;
                state = state.Rebind(oldId, v => v.Replace(oldId, older.Id)).WithStatus(older.Id, status);
            }

            return current;
        }

        private FlowState Bind(FlowState state, AcquireSpec spec, int resource, bool maybeNull, IOperation call, IOperation? instance, ImmutableArray<IArgumentOperation> arguments)
        {
            switch (spec.Target)
            {
                case AcquireTarget.OutParameter when TryFindArgument(arguments, spec.ParameterOrdinal, out int index):
                    var target = arguments[index].Value;
                    if (target is IDiscardOperation)
                    {
                        if (state.Status(resource) == ResourceStatus.Held)
                        {
                            _sink.Discarded(_context.Sites[resource]);
                            return state.WithStatus(resource, ResourceStatus.Lost);
                        }

                        return state;
                    }

                    return AssignTo(target, AbstractValue.Reference(resource, maybeNull), state, call);
                case AcquireTarget.Argument when TryFindArgument(arguments, spec.ParameterOrdinal, out int index):
                    return AttachTo(state, arguments[index].Value, resource);
                case AcquireTarget.Receiver:
                    return AttachTo(state, instance, resource);
                case AcquireTarget.ReturnValue:
                    return state;
                default:
                    return state.WithStatus(resource, ResourceStatus.None);
            }
        }

        /// <summary>An object acquired in place (a lock taken, a handle's count raised) now carries the reference.</summary>
        private FlowState AttachTo(FlowState state, IOperation? place, int resource)
        {
            var key = KeyOf(place);
            if (!key.HasValue)
            {
                // Nothing names the object, so nothing could release it: not tracked.
                return state.WithStatus(resource, ResourceStatus.None);
            }

            return state.With(key.Value, state.Get(key.Value).Attach(resource));
        }

        private static bool ReturnMayBeNull(IMethodSymbol method) =>
            !method.ReturnType.IsValueType && method.ReturnNullableAnnotation != NullableAnnotation.NotAnnotated;

        /// <summary><c>Interlocked.Exchange(ref field, null)</c> hands back what the field held.</summary>
        private static AbstractValue ResultOfUnknownCall(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, FlowState state)
        {
            if ((method.Name == "Exchange" || method.Name == "CompareExchange") &&
                method.ContainingType?.ToDisplayString() == "System.Threading.Interlocked" &&
                arguments.Length > 0 && Strip(arguments[0].Value) is IFieldReferenceOperation field)
            {
                var key = FieldKey(field);
                var value = key.HasValue && state.Has(key.Value) ? state.Get(key.Value) : AbstractValue.FromField(field.Field);
                return value.WithOrigin(field.Field);
            }

            return AbstractValue.Unknown;
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
            return HandOn(state, value, returned);
        }

        /// <summary>An [Acquires] wrapper must hand a held reference to its caller whenever it reports success.</summary>
        private void CheckPromise(FlowState state, AbstractValue returned, IOperation returnedOperation)
        {
            var member = _promise.Member;
            if (member == null)
            {
                return;
            }

            foreach (var spec in _promise.Acquires)
            {
                switch (spec.Target)
                {
                    case AcquireTarget.ReturnValue:
                        CheckHanded(state, returned, spec.Kind, member, member, returnedOperation, "returns");
                        break;
                    case AcquireTarget.OutParameter when returned.AsBool != false && spec.ParameterOrdinal < member.Parameters.Length:
                        var parameter = member.Parameters[spec.ParameterOrdinal];
                        var value = state.Get(ValueKey.For(parameter));
                        if (value.Kind == ValueKind.Null && spec.Condition == AcquireCondition.ReturnsTrue)
                        {
                            _sink.AcquireNotHanded(member, parameter, spec.Kind, returnedOperation.Syntax.GetLocation(), $"it reports success while '{parameter.Name}' is null");
                        }
                        else
                        {
                            CheckHanded(state, value, spec.Kind, member, parameter, returnedOperation, $"reports success with '{parameter.Name}', which is");
                        }

                        break;
                }
            }
        }

        private void CheckHanded(FlowState state, AbstractValue value, string kind, IMethodSymbol member, ISymbol annotated, IOperation at, string verb)
        {
            foreach (int resource in value.Resources)
            {
                var site = _context.Sites[resource];
                if (!site.Matches(kind))
                {
                    continue;
                }

                switch (state.Status(resource))
                {
                    case ResourceStatus.Released:
                        _sink.AcquireNotHanded(member, annotated, kind, at.Syntax.GetLocation(), $"it {verb} a reference it already released");
                        return;
                    case ResourceStatus.NotHeld:
                        _sink.AcquireNotHanded(member, annotated, kind, at.Syntax.GetLocation(), $"it {verb} a reference whose acquire failed");
                        return;
                }
            }
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

        private Outcomes EvalNullTest(IOperation operand, FlowState state, bool negate)
        {
            var results = default(Outcomes);
            foreach (var outcome in Eval(operand, state))
            {
                results.AddRange(NullTestOutcomes(outcome.State, outcome.Value, negate));
            }

            return results;
        }

        /// <summary>
        /// Whether a value is null (<paramref name="negate"/>: not null), splitting an unchecked nullable acquire into
        /// its two sides: null means nothing was acquired. Each outcome's state is refined to its side.
        /// </summary>
        private static Outcomes NullTestOutcomes(FlowState state, AbstractValue value, bool negate)
        {
            var results = default(Outcomes);
            switch (value.Kind)
            {
                case ValueKind.Null:
                    results.Add(new Outcome(state, AbstractValue.Bool(!negate)));
                    break;
                case ValueKind.Constant:
                    results.Add(new Outcome(state, AbstractValue.Constant(negate)));
                    break;
                case ValueKind.Reference when state.Status(value.Resource) == ResourceStatus.NotHeld:
                    results.Add(new Outcome(state, AbstractValue.Bool(!negate)));
                    break;
                case ValueKind.Reference when value.MaybeNull:
                    int resource = value.Resource;
                    var isNull = state.Rebind(resource, _ => AbstractValue.Null);
                    foreach (int held in value.Resources)
                    {
                        if (isNull.Status(held) == ResourceStatus.Held)
                        {
                            isNull = isNull.WithStatus(held, ResourceStatus.NotHeld);
                        }
                    }

                    results.Add(new Outcome(isNull, AbstractValue.Bool(!negate)));
                    results.Add(new Outcome(state.Rebind(resource, v => v.AsNonNull()), AbstractValue.Constant(negate)));
                    break;
                case ValueKind.Reference:
                    results.Add(new Outcome(state, AbstractValue.Constant(negate)));
                    break;
                default:
                    results.Add(new Outcome(state, AbstractValue.Unknown));
                    break;
            }

            return results;
        }

        private Outcomes EvalBinary(IBinaryOperation binary, FlowState state)
        {
            bool equals = binary.OperatorKind == BinaryOperatorKind.Equals || binary.OperatorKind == BinaryOperatorKind.ObjectValueEquals;
            bool notEquals = binary.OperatorKind == BinaryOperatorKind.NotEquals || binary.OperatorKind == BinaryOperatorKind.ObjectValueNotEquals;
            if (equals || notEquals)
            {
                if (IsNullLiteral(binary.RightOperand))
                {
                    return EvalNullTest(binary.LeftOperand, state, negate: notEquals);
                }

                if (IsNullLiteral(binary.LeftOperand))
                {
                    return EvalNullTest(binary.RightOperand, state, negate: notEquals);
                }
            }

            var evaluated = EvalAll(new[] { binary.LeftOperand, binary.RightOperand }, state);
            var results = default(Outcomes);
            foreach (var (after, values) in evaluated)
            {
                results.Add(new Outcome(after, Combine(binary.OperatorKind, equals, notEquals, values[0], values[1])));
            }

            return results;
        }

        /// <summary>What a comparison or logical operator makes of two known operands; unknown otherwise.</summary>
        private static AbstractValue Combine(BinaryOperatorKind kind, bool equals, bool notEquals, AbstractValue left, AbstractValue right)
        {
            if ((equals || notEquals) && left.Kind == ValueKind.Constant && right.Kind == ValueKind.Constant)
            {
                return AbstractValue.Bool(AbstractValue.ConstantsEqual(left.ConstantValue, right.ConstantValue) == equals);
            }

            if (kind == BinaryOperatorKind.And && left.AsBool.HasValue && right.AsBool.HasValue)
            {
                return AbstractValue.Bool(left.AsBool.Value && right.AsBool.Value);
            }

            if (kind == BinaryOperatorKind.Or && left.AsBool.HasValue && right.AsBool.HasValue)
            {
                return AbstractValue.Bool(left.AsBool.Value || right.AsBool.Value);
            }

            return AbstractValue.Unknown;
        }

        private Outcomes EvalPattern(IIsPatternOperation test, FlowState state)
        {
            var results = default(Outcomes);
            foreach (var tested in Eval(test.Value, state))
            {
                results.AddRange(Match(test.Pattern, tested.State, tested.Value));
            }

            return results;
        }

        /// <summary>
        /// What matching a value against a pattern tells, side by side: a pattern that needs an object (type,
        /// declaration, property pattern) fails on null and, on the other side, binds its variable to the same value;
        /// a negated pattern swaps the sides.
        /// </summary>
        private static Outcomes Match(IPatternOperation pattern, FlowState state, AbstractValue value)
        {
            switch (pattern)
            {
                case INegatedPatternOperation negated:
                    return Map(Match(negated.Pattern, state, value), o => new Outcome(o.State, Negate(o.Value)));
                case IConstantPatternOperation constant when IsNullLiteral(constant.Value):
                    return NullTestOutcomes(state, value, negate: false);
                case IConstantPatternOperation constant when constant.Value.ConstantValue.HasValue:
                    var expected = AbstractValue.Constant(constant.Value.ConstantValue.Value);
                    bool known = value.Kind == ValueKind.Constant || value.Kind == ValueKind.Null;
                    return Outcomes.One(state, known ? AbstractValue.Constant(value.Equals(expected)) : AbstractValue.Unknown);
                case IDiscardPatternOperation _:
                    return Outcomes.One(state, AbstractValue.True);
                case IDeclarationPatternOperation _:
                case ITypePatternOperation _:
                case IRecursivePatternOperation _:
                    return Map(NullTestOutcomes(state, value, negate: true), o =>
                    {
                        if (o.Value.AsBool == false)
                        {
                            return o;
                        }

                        // Not null: the pattern may still fail on a subpattern or on the type.
                        var bound = Bind(o.State, pattern, value.AsNonNull());
                        // A tracked reference is the acquired object itself: a bare type test on it is about its own type.
                        bool certain = HasNoSubpatterns(pattern) && (value.IsReference || SameType(pattern));
                        return new Outcome(bound, certain ? o.Value : AbstractValue.Unknown);
                    });
                default:
                    return Outcomes.One(state, AbstractValue.Unknown);
            }
        }

        private static FlowState Bind(FlowState state, IPatternOperation pattern, AbstractValue value)
        {
            var declared = pattern switch
            {
                IDeclarationPatternOperation declaration => declaration.DeclaredSymbol,
                IRecursivePatternOperation recursive => recursive.DeclaredSymbol,
                _ => null,
            };

            return declared is ILocalSymbol local ? state.With(ValueKey.For(local), value) : state;
        }

        private static bool HasNoSubpatterns(IPatternOperation pattern) =>
            !(pattern is IRecursivePatternOperation recursive) || (recursive.PropertySubpatterns.IsEmpty && recursive.DeconstructionSubpatterns.IsEmpty);

        /// <summary>A type test for the value's own static type matches every object.</summary>
        private static bool SameType(IPatternOperation pattern) =>
            SymbolEqualityComparer.Default.Equals(
                pattern.InputType.WithNullableAnnotation(NullableAnnotation.None),
                pattern.NarrowedType.WithNullableAnnotation(NullableAnnotation.None));

        /// <summary>Learns from a condition's side: a tested flag or status variable has that value from here on.</summary>
        private FlowState Assume(FlowState state, IOperation condition, bool truth)
        {
            switch (condition)
            {
                case IConversionOperation conversion:
                    return Assume(state, conversion.Operand, truth);
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return Assume(state, not.Operand, !truth);
                case IBinaryOperation binary when binary.OperatorKind == BinaryOperatorKind.Equals || binary.OperatorKind == BinaryOperatorKind.NotEquals:
                    bool isEqual = (binary.OperatorKind == BinaryOperatorKind.Equals) == truth;
                    if (!isEqual)
                    {
                        return state;
                    }

                    return AssumeEqual(AssumeEqual(state, binary.LeftOperand, binary.RightOperand), binary.RightOperand, binary.LeftOperand);
                default:
                    var key = KeyOf(condition);
                    return key.HasValue && state.Get(key.Value).Kind == ValueKind.Unknown && condition.Type?.SpecialType == SpecialType.System_Boolean
                        ? state.With(key.Value, AbstractValue.Constant(truth))
                        : state;
            }
        }

        private static FlowState AssumeEqual(FlowState state, IOperation place, IOperation constant)
        {
            var key = KeyOf(place);
            if (key.HasValue && constant.ConstantValue.HasValue && constant.ConstantValue.Value != null && state.Get(key.Value).Kind == ValueKind.Unknown)
            {
                return state.With(key.Value, AbstractValue.Constant(constant.ConstantValue.Value));
            }

            return state;
        }

        private FlowState Forget(FlowState state, IOperation? target)
        {
            var key = KeyOf(target);
            return key.HasValue ? state.Without(key.Value) : state;
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

        /// <summary>Fields of <c>this</c> and static fields are tracked; fields of other objects are not.</summary>
        private static ValueKey? FieldKey(IFieldReferenceOperation field) =>
            field.Field.IsStatic || field.Instance is IInstanceReferenceOperation ? ValueKey.For(field.Field) : (ValueKey?)null;

        private static ValueKey ThisKey(IInstanceReferenceOperation instance) => ValueKey.For(instance.Type ?? (ISymbol)instance.SemanticModel!.Compilation.ObjectType);

        private static bool IsNullLiteral(IOperation operation)
        {
            var stripped = Strip(operation);
            return stripped != null && stripped.ConstantValue.HasValue && stripped.ConstantValue.Value == null;
        }

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
            method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name;

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
