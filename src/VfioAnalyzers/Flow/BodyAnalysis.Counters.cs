using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// Small integer counters (<c>held++</c> after each acquire, <c>if (held &gt; 0)</c> in the cleanup): a counter a
    /// condition tests keeps its constant through increments and compound additions, so that the cleanup's tests are
    /// decided as bool flags are. Past a small bound the count is forgotten, which keeps loops converging.
    /// </summary>
    internal sealed partial class BodyAnalysis
    {
        private const long CounterBound = 8;

        /// <summary><c>n++</c>, <c>--n</c>, <c>n += 2</c> on a tested local or parameter whose value is a known integer.</summary>
        private Outcomes? TryEvalCounterStep(IOperation step, FlowState state)
        {
            IOperation target;
            long delta;
            bool yieldsOld = false;
            switch (step)
            {
                case IIncrementOrDecrementOperation increment:
                    target = increment.Target;
                    delta = increment.Kind == OperationKind.Increment ? 1 : -1;
                    yieldsOld = increment.IsPostfix;
                    break;
                case ICompoundAssignmentOperation compound when compound.OperatorMethod == null &&
                    (compound.OperatorKind == BinaryOperatorKind.Add || compound.OperatorKind == BinaryOperatorKind.Subtract) &&
                    AbstractValue.Constant(compound.Value.ConstantValue.HasValue ? compound.Value.ConstantValue.Value : null).ConstantValue is long amount:
                    target = compound.Target;
                    delta = compound.OperatorKind == BinaryOperatorKind.Add ? amount : -amount;
                    break;
                default:
                    return null;
            }

            var key = KeyOf(target);
            if (!key.HasValue || !(key.Value.Symbol is ILocalSymbol || key.Value.Symbol is IParameterSymbol) ||
                !IsIntegral(target.Type) || !(state.Get(key.Value).ConstantValue is long old))
            {
                return null;
            }

            long next = old + delta;
            var value = next >= -CounterBound && next <= CounterBound ? Tracked(AbstractValue.Constant(next), key.Value.Symbol!) : AbstractValue.Unknown;
            return Outcomes.One(state.With(key.Value, value), yieldsOld ? AbstractValue.Constant(old) : value);
        }

        /// <summary><c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> between two known integers.</summary>
        private static AbstractValue CompareCounts(BinaryOperatorKind kind, AbstractValue left, AbstractValue right)
        {
            if (!(left.ConstantValue is long a) || !(right.ConstantValue is long b) || left.Kind != ValueKind.Constant || right.Kind != ValueKind.Constant)
            {
                return AbstractValue.Unknown;
            }

            switch (kind)
            {
                case BinaryOperatorKind.LessThan:
                    return AbstractValue.Bool(a < b);
                case BinaryOperatorKind.LessThanOrEqual:
                    return AbstractValue.Bool(a <= b);
                case BinaryOperatorKind.GreaterThan:
                    return AbstractValue.Bool(a > b);
                case BinaryOperatorKind.GreaterThanOrEqual:
                    return AbstractValue.Bool(a >= b);
                default:
                    return AbstractValue.Unknown;
            }
        }

        private static bool IsIntegral(ITypeSymbol? type)
        {
            switch (type?.SpecialType)
            {
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                case SpecialType.System_Int16:
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_UInt16:
                case SpecialType.System_UInt32:
                    return true;
                default:
                    return false;
            }
        }
    }
}
