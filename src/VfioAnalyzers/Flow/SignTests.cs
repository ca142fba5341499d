using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// What a comparison with a constant (<c>rc &lt; 0</c>, <c>0 != rc</c>, <c>rc is &gt;= 0</c>, <c>rc is not 0</c>)
    /// tells of an integer known by its sign. Each sign stands for a range (..-1, 0, 1..), and a test is decided
    /// only when it comes out the same over every range the value may be in: <c>rc == 5</c> on a non-negative
    /// result decides nothing, and both sides go on holding what the call acquired.
    /// </summary>
    internal static class SignTests
    {
        /// <summary><c>left op right</c> where one side is an integer constant; null when it is not decided.</summary>
        public static bool? Compare(BinaryOperatorKind kind, IOperation leftOperand, AbstractValue left, AbstractValue right)
        {
            // Both operands of a built-in comparison have one type: the left one's says whether signs apply.
            if (!IsIntegral(leftOperand.Type))
            {
                return null;
            }

            if (right.Kind == ValueKind.Constant && right.ConstantValue is long c)
            {
                return Decide(left.IntegerSigns, (lo, hi) => Test(kind, c, lo, hi));
            }

            if (left.Kind == ValueKind.Constant && left.ConstantValue is long d)
            {
                // `0 > rc` is `rc < 0`.
                var mirrored = Mirror(kind);
                return mirrored.HasValue ? Decide(right.IntegerSigns, (lo, hi) => Test(mirrored.Value, d, lo, hi)) : null;
            }

            return null;
        }

        /// <summary>The signs that keep <c>place op constant</c> at <paramref name="truth"/>; <see cref="Signs.Any"/> when it tells nothing.</summary>
        public static Signs Allowed(BinaryOperatorKind kind, long constant, bool placeOnLeft, bool truth)
        {
            var op = placeOnLeft ? kind : Mirror(kind);
            return op.HasValue ? Keep(Signs.Any, (lo, hi) => Test(op.Value, constant, lo, hi), truth) : Signs.Any;
        }

        /// <summary>Whether a value known by its sign matches a pattern of constants; null when it is not decided.</summary>
        public static bool? Match(IPatternOperation pattern, AbstractValue value)
        {
            if (!IsIntegral(pattern.InputType))
            {
                return null;
            }

            // A known constant is tested as itself: `3 is < 5` is true, though not every positive value is.
            return value.Kind == ValueKind.Constant && value.ConstantValue is long c
                ? Test(pattern, c, c)
                : Decide(value.IntegerSigns, (lo, hi) => Test(pattern, lo, hi));
        }

        /// <summary>The signs that keep a pattern's result at <paramref name="truth"/>.</summary>
        public static Signs Allowed(IPatternOperation pattern, bool truth) =>
            IsIntegral(pattern.InputType) ? Keep(Signs.Any, (lo, hi) => Test(pattern, lo, hi), truth) : Signs.Any;

        public static bool IsIntegral(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
            {
                type = enumType.EnumUnderlyingType;
            }

            switch (type?.SpecialType)
            {
                case SpecialType.System_SByte:
                case SpecialType.System_Int16:
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                case SpecialType.System_Byte:
                case SpecialType.System_UInt16:
                case SpecialType.System_UInt32:
                case SpecialType.System_UInt64:
                    return true;
                default:
                    return false;
            }
        }

        private static bool? Decide(Signs signs, System.Func<long, long, bool?> test)
        {
            if (signs == Signs.Any || signs == Signs.None)
            {
                return null;
            }

            bool? decided = null;
            foreach (var (sign, lo, hi) in Ranges)
            {
                if ((signs & sign) == 0)
                {
                    continue;
                }

                var result = test(lo, hi);
                if (!result.HasValue || (decided.HasValue && decided != result))
                {
                    return null;
                }

                decided = result;
            }

            return decided;
        }

        private static Signs Keep(Signs signs, System.Func<long, long, bool?> test, bool truth)
        {
            var kept = Signs.None;
            foreach (var (sign, lo, hi) in Ranges)
            {
                if ((signs & sign) != 0 && test(lo, hi) != !truth)
                {
                    kept |= sign;
                }
            }

            return kept;
        }

        private static readonly (Signs Sign, long Lo, long Hi)[] Ranges =
        {
            (Signs.Negative, long.MinValue, -1),
            (Signs.Zero, 0, 0),
            (Signs.Positive, 1, long.MaxValue),
        };

        /// <summary><c>x op c</c> for every x in [lo, hi]: true or false when all agree, null otherwise.</summary>
        private static bool? Test(BinaryOperatorKind kind, long c, long lo, long hi)
        {
            switch (kind)
            {
                case BinaryOperatorKind.Equals:
                case BinaryOperatorKind.ObjectValueEquals:
                    return lo == c && hi == c ? true : c < lo || c > hi ? false : (bool?)null;
                case BinaryOperatorKind.NotEquals:
                case BinaryOperatorKind.ObjectValueNotEquals:
                    return !Test(BinaryOperatorKind.Equals, c, lo, hi);
                case BinaryOperatorKind.LessThan:
                    return hi < c ? true : lo >= c ? false : (bool?)null;
                case BinaryOperatorKind.LessThanOrEqual:
                    return hi <= c ? true : lo > c ? false : (bool?)null;
                case BinaryOperatorKind.GreaterThan:
                    return lo > c ? true : hi <= c ? false : (bool?)null;
                case BinaryOperatorKind.GreaterThanOrEqual:
                    return lo >= c ? true : hi < c ? false : (bool?)null;
                default:
                    return null;
            }
        }

        private static bool? Test(IPatternOperation pattern, long lo, long hi)
        {
            switch (pattern)
            {
                case IConstantPatternOperation constant when ConstantOf(constant.Value) is long c:
                    return Test(BinaryOperatorKind.Equals, c, lo, hi);
                case IRelationalPatternOperation relational when ConstantOf(relational.Value) is long c:
                    return Test(relational.OperatorKind, c, lo, hi);
                case INegatedPatternOperation negated:
                    return !Test(negated.Pattern, lo, hi);
                case IBinaryPatternOperation binary:
                    var left = Test(binary.LeftPattern, lo, hi);
                    var right = Test(binary.RightPattern, lo, hi);
                    return binary.OperatorKind == BinaryOperatorKind.Or
                        ? (left == true || right == true ? true : left == false && right == false ? false : (bool?)null)
                        : (left == false || right == false ? false : left == true && right == true ? true : (bool?)null);
                case IDiscardPatternOperation _:
                    return true;
                default:
                    return null;
            }
        }

        private static long? ConstantOf(IOperation value) =>
            value.ConstantValue.HasValue && AbstractValue.Constant(value.ConstantValue.Value).ConstantValue is long c ? c : (long?)null;

        private static BinaryOperatorKind? Mirror(BinaryOperatorKind kind) => kind switch
        {
            BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
            BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
            BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
            BinaryOperatorKind.Equals => BinaryOperatorKind.Equals,
            BinaryOperatorKind.NotEquals => BinaryOperatorKind.NotEquals,
            BinaryOperatorKind.ObjectValueEquals => BinaryOperatorKind.ObjectValueEquals,
            BinaryOperatorKind.ObjectValueNotEquals => BinaryOperatorKind.ObjectValueNotEquals,
            _ => null,
        };
    }
}
