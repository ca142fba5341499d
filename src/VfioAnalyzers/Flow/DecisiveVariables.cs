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
        public static HashSet<ISymbol> Collect(IOperation root)
        {
            var decisive = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in root.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IConditionalOperation conditional:
                        AddCondition(conditional.Condition, decisive);
                        break;
                    case IWhileLoopOperation loop:
                        AddCondition(loop.Condition, decisive);
                        break;
                    case IForLoopOperation loop:
                        AddCondition(loop.Condition, decisive);
                        break;
                    case IBinaryOperation binary:
                        AddCondition(binary, decisive);
                        break;
                    case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                        AddCondition(not.Operand, decisive);
                        break;
                    case IIsPatternOperation pattern:
                        Add(pattern.Value, decisive);
                        break;
                    case ISwitchOperation switchStatement:
                        Add(switchStatement.Value, decisive);
                        break;
                    case ISwitchExpressionOperation switchExpression:
                        Add(switchExpression.Value, decisive);
                        break;
                }
            }

            return decisive;
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
