using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace VfioAnalyzers.Flow
{
    /// <summary>Sees through the operations that only wrap a value: conversions, parentheses, <c>out var</c> declarations.</summary>
    internal static class OperationWrappers
    {
        public static IOperation? Strip(IOperation? operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        break;
                    case IDeclarationExpressionOperation declaration:
                        operation = declaration.Expression;
                        break;
                    default:
                        return operation;
                }
            }
        }
    }
}
