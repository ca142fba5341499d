using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static VfioAnalyzers.Flow.OperationWrappers;
using VfioAnalyzers.Contracts;

namespace VfioAnalyzers.Flow
{
    /// <summary>Calls and contracts: what an acquiring, releasing or unknown call does to the references it touches.</summary>
    internal sealed partial class BodyAnalysis
    {
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
                // A release does not throw (a put of a held reference succeeds): a catch is reached only from the calls
                // before it, where the reference is still held.
                if (contract.Releases.IsEmpty && !IsThrownValue(call))
                {
                    RaiseFromCall(after, call, method);
                }

                // What the call makes of the references it is given: a value derived from them, or the same value.
                var derived = contract.IsEmpty ? Derive(method, instanceValue, arguments, values, offset) : AbstractValue.Unknown;
                after = HandOnArguments(after, call, method, contract, arguments, values, offset, derived);
                if (contract.IsEmpty && method.MethodKind != MethodKind.LocalFunction)
                {
                    after = ForgetFieldsAfterCall(after);
                    after = ForgetWhatIsNotProven(after, method, instanceValue, arguments, values, offset);
                }

                // A local function is run from the caller's state, unless it declares a contract: an annotation wins over
                // what its body does, as it does for a method.
                if (method.MethodKind == MethodKind.LocalFunction && contract.IsEmpty && TryInline(method, arguments, values, offset, after, ref results))
                {
                    continue;
                }

                after = StoreOutArguments(after, contract, arguments, call);
                results.AddRange(Acquire(after, call, method, contract, instance, arguments, derived));
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

        /// <summary>
        /// A member of the pair's own type that no contract models (<c>SemaphoreSlim.Wait()</c>, <c>Monitor.Wait(obj)</c>)
        /// may acquire the object again: a failed or released in-place acquire on it no longer proves that nothing is
        /// held, so a later release is not judged (VFIO002, VFIO004 need proof).
        /// </summary>
        private FlowState ForgetWhatIsNotProven(FlowState state, IMethodSymbol method, AbstractValue instanceValue, ImmutableArray<IArgumentOperation> arguments, AbstractValue[] values, int offset)
        {
            state = ForgetUnproven(state, method, instanceValue);
            if (method.IsStatic)
            {
                for (int i = 0; i < arguments.Length; i++)
                {
                    state = ForgetUnproven(state, method, values[i + offset]);
                }
            }

            return state;
        }

        private FlowState ForgetUnproven(FlowState state, IMethodSymbol method, AbstractValue value)
        {
            foreach (int resource in value.Resources)
            {
                var site = _context.Sites[resource];
                var status = state.Status(resource);
                if (site.InPlace && (status == ResourceStatus.NotHeld || status == ResourceStatus.Released) &&
                    site.Operation is IInvocationOperation acquire &&
                    SymbolEqualityComparer.Default.Equals(acquire.TargetMethod.ContainingType?.OriginalDefinition, method.ContainingType?.OriginalDefinition))
                {
                    state = state.Rebind(resource, v => v.Replace(resource, -1));
                }
            }

            return state;
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

            if (value.IsContainer)
            {
                // A struct or object with the reference in a field: its other fields are its own to use.
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
            _sink.PathAt(call, state);
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
                case ValueKind.NonNull:
                case ValueKind.Present:
                case ValueKind.Signed:
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
                    _sink.ReleasedTwice(_context.Sites[matching], call, NameAt(state, operation, matching), state.ReleasedBy(matching));
                    return state;
                case ResourceStatus.NotHeld:
                    _sink.ReleaseNotHeld(kind, call, name, WhyNotHeld(_context.Sites[matching], value));
                    return state;
                case ResourceStatus.Escaped when HeldByPromisedOut(state, matching):
                    // Stored in an [Acquires] out parameter, then put: the caller would receive a released reference (VFIO008).
                    return state.WithStatus(matching, ResourceStatus.Released).WithReleasedBy(matching, call);
                default:
                    return state;
            }
        }

        /// <summary>
        /// Why a release finds nothing held: the acquire failed; or, when the path only assumed that a Try call
        /// failed because nothing tests its result, that the reference may not be held.
        /// </summary>
        private string WhyNotHeld(ResourceSite site, AbstractValue value)
        {
            if (!value.MaybeNull && !site.InPlace)
            {
                return "it was never acquired";
            }

            return site.Origin == SiteOrigin.Acquire && IsResultUnchecked(site.Operation)
                ? $"if '{site.MemberName}' failed; its result is not checked, so the reference may not be held"
                : "the acquire failed";
        }

        /// <summary>
        /// Whether nothing tests the bool result of a Try-style acquire: it is a statement of its own, discarded, or
        /// kept in a local that no condition reads.
        /// </summary>
        private bool IsResultUnchecked(IOperation acquire)
        {
            if (!(acquire is IInvocationOperation call) || call.TargetMethod.ReturnType.SpecialType != SpecialType.System_Boolean)
            {
                return false;
            }

            var user = acquire.Parent;
            while (user is IConversionOperation || user is IParenthesizedOperation)
            {
                user = user.Parent;
            }

            switch (user)
            {
                case IExpressionStatementOperation _:
                    return true;
                case ISimpleAssignmentOperation assignment when assignment.Target is IDiscardOperation:
                    return true;
                case ISimpleAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation local:
                    return !IsTested(local.Local);
                case IVariableInitializerOperation initializer when initializer.Parent is IVariableDeclaratorOperation declarator:
                    return !IsTested(declarator.Symbol);
                default:
                    return false;
            }
        }

        private bool IsTested(ISymbol variable) => _context.Decisive == null || _context.Decisive.Contains(variable);

        /// <summary>A value of unknown origin released here is remembered as released, to catch a second release or a later use.</summary>
        private FlowState TrackReleasedUnknown(FlowState state, IOperation? place, AbstractValue current, string kind, IOperation call, IMethodSymbol method)
        {
            var key = KeyOf(place);
            if (!key.HasValue)
            {
                return state;
            }

            var site = _context.Sites.ForReleasedUnknown(call, 0, kind, MemberName(method), place?.Type, key.Value.Symbol);
            LooksLikeWrapper |= key.Value.Symbol is ITypeSymbol || (key.Value.Symbol is IFieldSymbol { IsStatic: false });
            var value = current.IsReference ? current.Attach(site.Id) : AbstractValue.Reference(site.Id, maybeNull: false).WithOrigin(current.OriginField);
            return state.With(key.Value, value).WithStatus(site.Id, ResourceStatus.Released);
        }

        /// <summary>
        /// Arguments given to members that store or release them, or into collections, are handed on; so is a token
        /// given to any call. An argument the call's result carries (<c>new ArraySegment&lt;T&gt;(rented)</c>) goes
        /// with the result.
        /// </summary>
        private FlowState HandOnArguments(FlowState state, IOperation call, IMethodSymbol method, MemberContract contract, ImmutableArray<IArgumentOperation> arguments, AbstractValue[] values, int offset, AbstractValue derived)
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
                if (field != null && method.MethodKind != MethodKind.LocalFunction)
                {
                    _sink.FieldGivenTo(field, method, parameter.Ordinal);
                }

                if (!value.IsReference || CarriesAll(derived, value))
                {
                    continue;
                }

                if (IsCollectionStore(method) || value.IsTokenLike)
                {
                    state = HandOn(state, value, null);
                    continue;
                }

                if (method.MethodKind == MethodKind.LocalFunction)
                {
                    continue;
                }

                var fate = _context.Summaries.Get(method, parameter.Ordinal, _depth, _context.CancellationToken, value.Carrier);
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
                        _sink.PathAt(call, state);
                        foreach (int resource in value.Resources)
                        {
                            // Each reference the value carries, by itself: two of one kind are two releases, not one twice.
                            state = ReleaseReference(state, AbstractValue.Reference(resource, value.MaybeNull), arguments[i].Value, _context.Sites[resource].Kind, call, method);
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

        private Outcomes Acquire(FlowState state, IOperation call, IMethodSymbol method, MemberContract contract, IOperation? instance, ImmutableArray<IArgumentOperation> arguments, AbstractValue derived)
        {
            var outcomes = Outcomes.One(state, ResultOfUnknownCall(call, method, arguments, state, derived));
            for (int specIndex = 0; specIndex < contract.Acquires.Length; specIndex++)
            {
                var spec = contract.Acquires[specIndex];
                var next = default(Outcomes);
                foreach (var outcome in outcomes)
                {
                    var current = outcome.State;
                    var site = NextGeneration(ref current, call, specIndex, spec, MemberName(method), HeldTypeOf(spec, method, instance, arguments));
                    int resource = site.Id;
                    current = current.WithBranch(null);
                    switch (spec.Condition)
                    {
                        case AcquireCondition.ReturnsTrue:
                            next.Add(new Outcome(Bind(current.WithStatus(resource, ResourceStatus.Held), spec, resource, false, call, instance, arguments), AbstractValue.True));
                            next.Add(new Outcome(Bind(current.WithStatus(resource, ResourceStatus.NotHeld), spec, resource, true, call, instance, arguments), AbstractValue.False));
                            break;
                        case AcquireCondition.ReturnsZero:
                        case AcquireCondition.ReturnsNonNegative:
                            // Errno style: each side's result is known by its sign only, and a comparison decides the sides.
                            // A failure is a negative errno under both conditions: `when zero` takes the kernel's
                            // convention (0 or -errno, never positive), so `!= 0` and `< 0` both tell the sides apart.
                            var success = spec.Condition == AcquireCondition.ReturnsZero ? Signs.Zero : Signs.NonNegative;
                            next.Add(new Outcome(Bind(current.WithStatus(resource, ResourceStatus.Held), spec, resource, false, call, instance, arguments), AbstractValue.OfSigns(success)));
                            next.Add(new Outcome(Bind(current.WithStatus(resource, ResourceStatus.NotHeld), spec, resource, true, call, instance, arguments), AbstractValue.OfSigns(Signs.Negative)));
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
                            next.Add(new Outcome(bound, spec.Target == AcquireTarget.ReturnValue ? Returned(method, resource, maybeNull) : outcome.Value));
                            break;
                    }
                }

                outcomes = next;
            }

            return outcomes;
        }

        /// <summary>
        /// The site's current generation; if its last reference is still known somewhere (a loop acquiring again while
        /// a variable still holds, or refers to, what the previous iteration acquired), that one moves to the older
        /// generation, so that overwriting, releasing or using it is not taken for the new one.
        /// </summary>
        private ResourceSite NextGeneration(ref FlowState state, IOperation call, int specIndex, AcquireSpec spec, string member, ITypeSymbol? heldType)
        {
            bool inPlace = spec.Target == AcquireTarget.Argument || spec.Target == AcquireTarget.Receiver;
            var current = _context.Sites.ForAcquire(call, specIndex, 0, spec.Kind, member, heldType, inPlace);
            var status = state.Status(current.Id);
            // A reference given back or handed on and no longer named anywhere is forgotten, which keeps loops converging fast.
            if (status == ResourceStatus.Held || (status != ResourceStatus.None && state.IsReferencedElsewhere(current.Id, default)))
            {
                var older = _context.Sites.ForAcquire(call, specIndex, 1, spec.Kind, member, heldType, inPlace);
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

        /// <summary>
        /// An object acquired in place (a lock taken, a handle's count raised) now carries the reference; so does the
        /// field of this (or static field) a local was read from, which outlives the local's scope.
        /// </summary>
        private FlowState AttachTo(FlowState state, IOperation? place, int resource)
        {
            var key = KeyOf(place);
            if (!key.HasValue)
            {
                // Nothing names the object, so nothing could release it: not tracked.
                return state.WithStatus(resource, ResourceStatus.None);
            }

            var current = state.Get(key.Value);
            state = state.With(key.Value, current.Attach(resource));
            var field = current.OriginField;
            if (key.Value.Symbol is ILocalSymbol && field != null && !field.IsConst &&
                (field.IsStatic || (_owner != null && SymbolEqualityComparer.Default.Equals(field.ContainingType.OriginalDefinition, _owner.ContainingType?.OriginalDefinition))))
            {
                var fieldKey = ValueKey.For(field);
                state = state.With(fieldKey, state.Get(fieldKey).Attach(resource).WithOrigin(field));
            }

            return state;
        }

        /// <summary>The static type of what the acquire holds: the returned value (awaited), the out variable, the object acquired in place.</summary>
        private static ITypeSymbol? HeldTypeOf(AcquireSpec spec, IMethodSymbol method, IOperation? instance, ImmutableArray<IArgumentOperation> arguments)
        {
            switch (spec.Target)
            {
                case AcquireTarget.ReturnValue:
                    var returned = WellKnownMembers.AwaitedType(method.ReturnType);
                    return TupleHeldElement(returned) ?? returned;
                case AcquireTarget.OutParameter when spec.ParameterOrdinal < method.Parameters.Length:
                    return method.Parameters[spec.ParameterOrdinal].Type;
                case AcquireTarget.Argument when TryFindArgument(arguments, spec.ParameterOrdinal, out int index):
                    return Strip(arguments[index].Value)?.Type;
                case AcquireTarget.Receiver:
                    return instance?.Type;
                default:
                    return null;
            }
        }

        /// <summary>The acquired value a call returns: the reference, or a tuple that carries it in its element of the held type.</summary>
        private static AbstractValue Returned(IMethodSymbol method, int resource, bool maybeNull) =>
            TupleHeldElement(WellKnownMembers.AwaitedType(method.ReturnType)) != null
                ? AbstractValue.Reference(resource, maybeNull: false).CarriedAs(Carrier.Wrapper)
                : AbstractValue.Reference(resource, maybeNull);

        private static bool ReturnMayBeNull(IMethodSymbol method) =>
            !method.ReturnType.IsValueType && method.ReturnNullableAnnotation != NullableAnnotation.NotAnnotated;

        /// <summary>
        /// What a call returns, as far as the analysis knows: a value derived from its arguments, what
        /// <c>Interlocked.Exchange(ref field, null)</c> takes out of the field, or what a repeated parameterless call
        /// was found to return (getters and such calls are taken as pure).
        /// </summary>
        private AbstractValue ResultOfUnknownCall(IOperation call, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, FlowState state, AbstractValue derived)
        {
            if (derived.Kind != ValueKind.Unknown)
            {
                return derived;
            }

            if (arguments.IsEmpty && PathKeyOf(call) is ValueKey path && state.Has(path))
            {
                return state.Get(path);
            }

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
    }
}
