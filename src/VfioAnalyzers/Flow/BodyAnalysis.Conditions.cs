using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static VfioAnalyzers.Flow.OperationWrappers;

namespace VfioAnalyzers.Flow
{
    /// <summary>Conditions and patterns: what a null test, comparison or pattern tells, and what each side of a branch learns.</summary>
    internal sealed partial class BodyAnalysis
    {
        private Outcomes EvalNullTest(IOperation operand, FlowState state, bool negate)
        {
            // A pointer-sized zero is IntPtr.Zero: it holds nothing.
            bool zeroIsNull = operand.Type != null && WellKnownMembers.IsPointerLike(operand.Type) && operand.Type.TypeKind != TypeKind.Pointer;
            var results = default(Outcomes);
            foreach (var outcome in Eval(operand, state))
            {
                var value = zeroIsNull && outcome.Value.Kind == ValueKind.Constant && Equals(outcome.Value.ConstantValue, 0L) ? AbstractValue.Null : outcome.Value;
                results.AddRange(NullTestOutcomes(outcome.State, value, negate));
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
                case ValueKind.NonNull:
                case ValueKind.Present:
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
                if (IsNothing(binary.RightOperand))
                {
                    return EvalNullTest(binary.LeftOperand, state, negate: notEquals);
                }

                if (IsNothing(binary.LeftOperand))
                {
                    return EvalNullTest(binary.RightOperand, state, negate: notEquals);
                }
            }

            var evaluated = EvalAll(new[] { binary.LeftOperand, binary.RightOperand }, state);
            var results = default(Outcomes);
            foreach (var (after, values) in evaluated)
            {
                results.Add(new Outcome(after, Combine(binary, equals, notEquals, values[0], values[1])));
            }

            return results;
        }

        /// <summary>What a comparison or logical operator makes of two known operands; unknown otherwise.</summary>
        private static AbstractValue Combine(IBinaryOperation binary, bool equals, bool notEquals, AbstractValue left, AbstractValue right)
        {
            var kind = binary.OperatorKind;
            if ((equals || notEquals) && left.Kind == ValueKind.Constant && right.Kind == ValueKind.Constant)
            {
                return AbstractValue.Bool(AbstractValue.ConstantsEqual(left.ConstantValue, right.ConstantValue) == equals);
            }

            // A status known to be non-zero (from an earlier `status != 0`) is not zero.
            if ((equals || notEquals) && IsNonZeroAgainstZero(left, right))
            {
                return AbstractValue.Bool(notEquals);
            }

            var compared = CompareCounts(kind, left, right);
            if (compared.Kind != ValueKind.Unknown)
            {
                return compared;
            }

            // An integer result known by its sign (an errno-style acquire's two sides) against a constant.
            if (binary.OperatorMethod == null && SignTests.Compare(kind, binary.LeftOperand, left, right) is bool decided)
            {
                return AbstractValue.Bool(decided);
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
            // `rc is 0`, `rc is < 0`, `rc is not 0`, `rc is 0 or > 0` on an integer known by its value or sign.
            if ((pattern is IRelationalPatternOperation || pattern is IBinaryPatternOperation ||
                 (pattern is IConstantPatternOperation && value.Kind != ValueKind.Constant && value.Kind != ValueKind.Null)) &&
                SignTests.Match(pattern, value) is bool decided)
            {
                return Outcomes.One(state, AbstractValue.Bool(decided));
            }

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

        /// <summary>
        /// A type test for the value's own static type matches every object, and so does <c>is int id</c> on an
        /// <c>int?</c> that is not null.
        /// </summary>
        private static bool SameType(IPatternOperation pattern)
        {
            var input = pattern.InputType.WithNullableAnnotation(NullableAnnotation.None);
            if (input.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T && input is INamedTypeSymbol { TypeArguments.Length: 1 } nullable)
            {
                input = nullable.TypeArguments[0];
            }

            return SymbolEqualityComparer.Default.Equals(input, pattern.NarrowedType.WithNullableAnnotation(NullableAnnotation.None));
        }

        /// <summary>Learns from a condition's side: a tested flag or status variable has that value from here on.</summary>
        private FlowState Assume(FlowState state, IOperation condition, bool truth)
        {
            switch (condition)
            {
                case IConversionOperation conversion:
                    return Assume(state, conversion.Operand, truth);
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return Assume(state, not.Operand, !truth);
                case IBinaryOperation binary when binary.OperatorKind == BinaryOperatorKind.Equals || binary.OperatorKind == BinaryOperatorKind.NotEquals ||
                    binary.OperatorKind == BinaryOperatorKind.ObjectValueEquals || binary.OperatorKind == BinaryOperatorKind.ObjectValueNotEquals:
                    bool isEqual = (binary.OperatorKind == BinaryOperatorKind.Equals || binary.OperatorKind == BinaryOperatorKind.ObjectValueEquals) == truth;
                    if (IsNothing(binary.RightOperand))
                    {
                        return AssumeNullness(state, binary.LeftOperand, isEqual);
                    }

                    if (IsNothing(binary.LeftOperand))
                    {
                        return AssumeNullness(state, binary.RightOperand, isEqual);
                    }

                    if (!isEqual)
                    {
                        // `status != 0`: a status known to be non-zero (an error code) from here on.
                        return AssumeCompared(state, binary, truth);
                    }

                    return AssumeEqual(AssumeEqual(state, binary.LeftOperand, binary.RightOperand), binary.RightOperand, binary.LeftOperand);
                case IBinaryOperation relational when relational.OperatorMethod == null &&
                    (relational.OperatorKind == BinaryOperatorKind.LessThan || relational.OperatorKind == BinaryOperatorKind.LessThanOrEqual ||
                     relational.OperatorKind == BinaryOperatorKind.GreaterThan || relational.OperatorKind == BinaryOperatorKind.GreaterThanOrEqual):
                    // `status < 0`: an error code; `fd >= 0`: not one.
                    return AssumeCompared(state, relational, truth);
                case IIsNullOperation isNull:
                    return AssumeNullness(state, isNull.Operand, truth);
                case IIsPatternOperation pattern:
                    return AssumePattern(state, pattern.Value, pattern.Pattern, truth);
                case IPropertyReferenceOperation property when property.Instance != null && WellKnownMembers.IsAllocatedTest(property):
                    return AssumeNullness(state, property.Instance, !truth);
                default:
                    var key = KeyOf(condition);
                    return key.HasValue && state.Get(key.Value).Kind == ValueKind.Unknown && condition.Type?.SpecialType == SpecialType.System_Boolean
                        ? state.With(key.Value, AbstractValue.Constant(truth))
                        : state;
            }
        }

        /// <summary>What a pattern's side tells of a tested place: <c>is null</c>, <c>is not null</c>, <c>is { }</c>.</summary>
        private FlowState AssumePattern(FlowState state, IOperation value, IPatternOperation pattern, bool truth)
        {
            switch (pattern)
            {
                case INegatedPatternOperation negated:
                    return AssumePattern(state, value, negated.Pattern, !truth);
                case IConstantPatternOperation constant when IsNothing(constant.Value):
                    return AssumeNullness(state, value, truth);
                case IConstantPatternOperation constant when truth:
                    return AssumeEqual(state, value, constant.Value);
                case IConstantPatternOperation _:
                case IRelationalPatternOperation _:
                case IBinaryPatternOperation _:
                    return AssumeSigns(state, value, SignTests.Allowed(pattern, truth));
                case IRecursivePatternOperation _:
                case IDeclarationPatternOperation _:
                case ITypePatternOperation _:
                    // Matched means not null; not matched tells nothing (the type or a subpattern may have failed).
                    return truth ? AssumeNullness(state, value, isNull: false) : state;
                default:
                    return state;
            }
        }

        private static bool IsNonZeroAgainstZero(AbstractValue left, AbstractValue right) =>
            (left.Kind == ValueKind.NonNull && right.Kind == ValueKind.Constant && Equals(right.ConstantValue, 0L)) ||
            (right.Kind == ValueKind.NonNull && left.Kind == ValueKind.Constant && Equals(left.ConstantValue, 0L));

        /// <summary>
        /// A null test's side (<c>== null</c>, <c>is null</c>, <c>!= IntPtr.Zero</c>, <c>IsAllocated</c>, <c>?.</c>) of a
        /// place that holds no tracked reference: remembered, so that a later test of the same unchanged place
        /// agrees (docs/ownership.md, "Correlated conditions"). Only for places tested more than once.
        /// </summary>
        private FlowState AssumeNullness(FlowState state, IOperation? place, bool isNull)
        {
            var key = KeyOf(place) ?? PathKeyOf(place);
            var symbol = NullTests.SymbolOf(Strip(place));
            if (!key.HasValue || symbol == null || _context.Retested == null || !_context.Retested.Contains(symbol))
            {
                return state;
            }

            var current = state.Get(key.Value);
            if (current.Kind != ValueKind.Unknown && current.Kind != ValueKind.NonNull && current.Kind != ValueKind.Null)
            {
                return state;
            }

            return state.With(key.Value, isNull ? AbstractValue.Null : AbstractValue.NonNull);
        }

        /// <summary>A side of <c>status op constant</c> (or <c>constant op status</c>): the signs the status may still have.</summary>
        private FlowState AssumeCompared(FlowState state, IBinaryOperation comparison, bool truth)
        {
            if (ConstantOf(comparison.RightOperand) is long right)
            {
                return AssumeSigns(state, comparison.LeftOperand, SignTests.Allowed(comparison.OperatorKind, right, placeOnLeft: true, truth));
            }

            return ConstantOf(comparison.LeftOperand) is long left
                ? AssumeSigns(state, comparison.RightOperand, SignTests.Allowed(comparison.OperatorKind, left, placeOnLeft: false, truth))
                : state;
        }

        /// <summary>
        /// Narrows a tested integer to the signs a side allows (<c>status != 0</c>: not zero, an error code;
        /// <c>rc &lt; 0</c>: negative), so a later test of it agrees. Only decisive variables, as for constants.
        /// </summary>
        private FlowState AssumeSigns(FlowState state, IOperation place, Signs allowed)
        {
            var key = KeyOf(place);
            if (allowed == Signs.Any || !key.HasValue || key.Value.Symbol == null ||
                _context.Decisive == null || !_context.Decisive.Contains(key.Value.Symbol))
            {
                return state;
            }

            var current = state.Get(key.Value);
            if (!SignTests.IsIntegral(Strip(place)?.Type))
            {
                // Other places compared with zero (an nint status): only "not zero" is remembered.
                return (allowed & Signs.Zero) == 0 && current.Kind == ValueKind.Unknown ? state.With(key.Value, AbstractValue.NonNull) : state;
            }

            if (current.Kind != ValueKind.Unknown && current.Kind != ValueKind.NonNull && current.Kind != ValueKind.Signed)
            {
                return state;
            }

            var narrowed = current.IntegerSigns & allowed;
            // No sign left: the side cannot happen, which the branch has already decided; nothing to learn.
            return narrowed == Signs.None || narrowed == current.IntegerSigns ? state : state.With(key.Value, AbstractValue.OfSigns(narrowed));
        }

        private static long? ConstantOf(IOperation operation) =>
            operation.ConstantValue.HasValue && operation.ConstantValue.Value != null && AbstractValue.Constant(operation.ConstantValue.Value).ConstantValue is long value
                ? value
                : (long?)null;

        private static FlowState AssumeEqual(FlowState state, IOperation place, IOperation constant)
        {
            var key = KeyOf(place);
            var current = key.HasValue ? state.Get(key.Value) : AbstractValue.Unknown;
            // An integer known only by its sign (`rc` after `rc >= 0`) becomes the constant it was compared with.
            bool signed = (current.Kind == ValueKind.Signed || current.Kind == ValueKind.NonNull) && SignTests.IsIntegral(Strip(place)?.Type);
            if (key.HasValue && constant.ConstantValue.HasValue && constant.ConstantValue.Value != null && (current.Kind == ValueKind.Unknown || signed))
            {
                return state.With(key.Value, AbstractValue.Constant(constant.ConstantValue.Value));
            }

            return state;
        }
    }
}
