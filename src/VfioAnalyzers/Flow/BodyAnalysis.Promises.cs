using Microsoft.CodeAnalysis;
using VfioAnalyzers.Contracts;

namespace VfioAnalyzers.Flow
{
    /// <summary>The member's own promise (VFIO008): an [Acquires] wrapper must hand a held reference to its caller on success.</summary>
    internal sealed partial class BodyAnalysis
    {
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
                        if (returned.OriginField != null && !returned.IsReference && returned.Kind != ValueKind.Null)
                        {
                            // `if (cached is not null) return cached;`: the caller is handed a reference nobody acquired for it.
                            _sink.AcquireNotHanded(member, member, spec.Kind, returnedOperation.Syntax.GetLocation(), $"it returns '{returned.OriginField.Name}', which it did not acquire");
                            break;
                        }

                        CheckHanded(state, returned, spec.Kind, member, member, returnedOperation, "returns");
                        break;
                    case AcquireTarget.OutParameter when IntegerConditions.IsInteger(spec.Condition) && spec.ParameterOrdinal < member.Parameters.Length:
                        CheckIntegerOut(state, returned, spec, member, member.Parameters[spec.ParameterOrdinal], returnedOperation);
                        break;
                    case AcquireTarget.Argument when IntegerConditions.IsInteger(spec.Condition) && ReportsSuccess(spec.Condition, returned) != true:
                        // Only a result known to report success promises a held argument.
                        break;
                    case AcquireTarget.Argument when returned.AsBool != false && spec.ParameterOrdinal < member.Parameters.Length:
                        // A by-value wrapper (pm_runtime_get_sync style) that reports success must still hold its argument.
                        var argument = member.Parameters[spec.ParameterOrdinal];
                        CheckHanded(state, state.Get(ValueKey.For(argument)), spec.Kind, member, argument, returnedOperation, $"reports success with '{argument.Name}', which is");
                        break;
                    case AcquireTarget.OutParameter when returned.AsBool != false && spec.ParameterOrdinal < member.Parameters.Length:
                        var parameter = member.Parameters[spec.ParameterOrdinal];
                        var value = state.Get(ValueKey.For(parameter));
                        if (value.Kind == ValueKind.Null && spec.Condition == AcquireCondition.ReturnsTrue)
                        {
                            _sink.AcquireNotHanded(member, parameter, spec.Kind, returnedOperation.Syntax.GetLocation(), $"it reports success while '{parameter.Name}' is null");
                        }
                        else if (!(spec.Condition == AcquireCondition.NonNull && IsFailedAndNull(state, value)))
                        {
                            CheckHanded(state, value, spec.Kind, member, parameter, returnedOperation, $"reports success with '{parameter.Name}', which is");
                        }

                        break;
                }
            }
        }

        /// <summary>
        /// An errno-style wrapper (<c>When = Zero</c> or <c>NonNegative</c>) is judged by the result it returns: one known
        /// to report success must come with a held reference, one known to report failure with none. A result whose
        /// sign the analysis does not know (<c>return -(int)error;</c>) is not judged either way.
        /// </summary>
        private void CheckIntegerOut(FlowState state, AbstractValue returned, AcquireSpec spec, IMethodSymbol member, IParameterSymbol parameter, IOperation returnedOperation)
        {
            var value = state.Get(ValueKey.For(parameter));
            switch (ReportsSuccess(spec.Condition, returned))
            {
                case true when value.Kind == ValueKind.Null || IsFailedAndNull(state, value):
                    _sink.AcquireNotHanded(member, parameter, spec.Kind, returnedOperation.Syntax.GetLocation(), $"it reports success ({SuccessWords(spec.Condition)}) while '{parameter.Name}' is null");
                    break;
                case true:
                    CheckHanded(state, value, spec.Kind, member, parameter, returnedOperation, $"reports success with '{parameter.Name}', which is");
                    break;
                case false:
                    foreach (int resource in value.Resources)
                    {
                        var status = state.Status(resource);
                        if (_context.Sites[resource].Matches(spec.Kind) && (status == ResourceStatus.Held || status == ResourceStatus.Escaped))
                        {
                            // The caller holds nothing on this result, so nothing will ever put what the parameter holds.
                            _sink.AcquireNotHanded(member, parameter, spec.Kind, returnedOperation.Syntax.GetLocation(), $"it reports failure ({FailureWords(spec.Condition)}) while '{parameter.Name}' still holds a reference");
                            return;
                        }
                    }

                    break;
            }
        }

        /// <summary>Whether a returned status reports success under an integer condition; null when its sign allows both.</summary>
        private static bool? ReportsSuccess(AcquireCondition condition, AbstractValue returned)
        {
            var success = condition == AcquireCondition.ReturnsZero ? Signs.Zero : Signs.NonNegative;
            var signs = returned.IntegerSigns;
            return signs == Signs.Any ? null : (signs & ~success) == 0 ? true : (signs & success) == 0 ? false : (bool?)null;
        }

        private static string SuccessWords(AcquireCondition condition) => condition == AcquireCondition.ReturnsZero ? "returns 0" : "a non-negative result";

        private static string FailureWords(AcquireCondition condition) => condition == AcquireCondition.ReturnsZero ? "a non-zero result" : "a negative result";

        /// <summary>Whether an out parameter the member promises to fill ([Acquires] out) holds the resource now.</summary>
        private bool HeldByPromisedOut(FlowState state, int resource)
        {
            var member = _promise.Member;
            if (member == null)
            {
                return false;
            }

            foreach (var spec in _promise.Acquires)
            {
                if (spec.Target == AcquireTarget.OutParameter && spec.ParameterOrdinal < member.Parameters.Length &&
                    state.Get(ValueKey.For(member.Parameters[spec.ParameterOrdinal])).Refers(resource))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the member promises to acquire this kind on one of its by-value arguments.</summary>
        private bool PromisesArgument(string kind)
        {
            foreach (var spec in _promise.Acquires)
            {
                if (spec.Target == AcquireTarget.Argument && spec.Kind == kind)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The out variable of a failed Try (<c>[NotNullWhen(true)]</c>) is null: a wrapper whose success is "not null"
        /// reports failure by passing it on, as an errno-style <c>return -(int)error;</c> does.
        /// </summary>
        private static bool IsFailedAndNull(FlowState state, AbstractValue value) =>
            value.IsReference && value.MaybeNull && value.SecondResource < 0 && state.Status(value.Resource) == ResourceStatus.NotHeld;

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
    }
}
