using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static VfioAnalyzers.Flow.OperationWrappers;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// The locals and parameters whose constant values can decide a branch: tested for truth, compared for equality,
    /// matched by a pattern or switched on. Only their constants are worth tracking; a loop counter's would only
    /// multiply the states (one more per nested loop) without ever deciding anything.
    /// </summary>
    internal static class DecisiveVariables
    {
        public static HashSet<ISymbol> Collect(IOperation root, out HashSet<ISymbol> retested)
        {
            var decisive = NewSet();
            var nullTests = new NullTests();
            foreach (var operation in root.DescendantsAndSelf())
            {
                Visit(operation, decisive);
                nullTests.Visit(operation);
            }

            retested = nullTests.Retested;
            return decisive;
        }

        public static HashSet<ISymbol> NewSet() => new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        /// <summary>Adds what one operation tests; for walks that gather other facts on the way (BodyFacts).</summary>
        public static void Visit(IOperation operation, HashSet<ISymbol> decisive)
        {
            // Switched on the kind first: most operations decide nothing, and a kind test is cheaper than casts.
            switch (operation.Kind)
            {
                case OperationKind.Conditional:
                    AddCondition(((IConditionalOperation)operation).Condition, decisive);
                    break;
                case OperationKind.Loop:
                    switch (operation)
                    {
                        case IWhileLoopOperation loop:
                            AddCondition(loop.Condition, decisive);
                            break;
                        case IForLoopOperation loop:
                            AddCondition(loop.Condition, decisive);
                            break;
                    }

                    break;
                case OperationKind.Binary:
                    AddCondition(operation, decisive);
                    break;
                case OperationKind.Unary when operation is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    AddCondition(not.Operand, decisive);
                    break;
                case OperationKind.IsPattern:
                    Add(((IIsPatternOperation)operation).Value, decisive);
                    break;
                case OperationKind.Switch:
                    Add(((ISwitchOperation)operation).Value, decisive);
                    break;
                case OperationKind.SwitchExpression:
                    Add(((ISwitchExpressionOperation)operation).Value, decisive);
                    break;
            }
        }

        private static void AddCondition(IOperation? condition, HashSet<ISymbol> decisive)
        {
            switch (Strip(condition))
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    AddCondition(not.Operand, decisive);
                    break;
                case IBinaryOperation binary:
                    switch (binary.OperatorKind)
                    {
                        case BinaryOperatorKind.ConditionalAnd:
                        case BinaryOperatorKind.ConditionalOr:
                        case BinaryOperatorKind.And:
                        case BinaryOperatorKind.Or:
                            AddCondition(binary.LeftOperand, decisive);
                            AddCondition(binary.RightOperand, decisive);
                            break;
                        case BinaryOperatorKind.Equals:
                        case BinaryOperatorKind.NotEquals:
                        case BinaryOperatorKind.ObjectValueEquals:
                        case BinaryOperatorKind.ObjectValueNotEquals:
                            Add(binary.LeftOperand, decisive);
                            Add(binary.RightOperand, decisive);
                            break;
                        case BinaryOperatorKind.LessThan:
                        case BinaryOperatorKind.LessThanOrEqual:
                        case BinaryOperatorKind.GreaterThan:
                        case BinaryOperatorKind.GreaterThanOrEqual:
                            // A counter compared with a constant (`held > 1`); a loop's `i < n` stays untracked.
                            if (binary.RightOperand.ConstantValue.HasValue)
                            {
                                Add(binary.LeftOperand, decisive);
                            }
                            else if (binary.LeftOperand.ConstantValue.HasValue)
                            {
                                Add(binary.RightOperand, decisive);
                            }

                            break;
                    }

                    break;
                case var other:
                    Add(other, decisive);
                    break;
            }
        }

        private static void Add(IOperation? operation, HashSet<ISymbol> decisive)
        {
            switch (Strip(operation))
            {
                case ILocalReferenceOperation local:
                    decisive.Add(local.Local);
                    break;
                case IParameterReferenceOperation parameter:
                    decisive.Add(parameter.Parameter);
                    break;
            }
        }
    }
}
