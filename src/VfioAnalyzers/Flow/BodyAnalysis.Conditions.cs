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
    /// <summary>Conditions and patterns: what a null test, comparison or pattern tells, and what each side of a branch learns.</summary>
    internal sealed partial class BodyAnalysis
    {
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
    }
}
