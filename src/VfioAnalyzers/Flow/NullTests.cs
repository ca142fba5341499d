using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static VfioAnalyzers.Flow.OperationWrappers;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// The places a body tests for null (or <c>IntPtr.Zero</c>, or a handle's <c>IsAllocated</c>) at two or more
    /// points of its text: only for those can the side a first test took decide a later one. Remembering the null-ness
    /// of every tested place would only multiply the states.
    /// </summary>
    internal sealed class NullTests
    {
        private readonly Dictionary<ISymbol, SyntaxNode> _first = new Dictionary<ISymbol, SyntaxNode>(SymbolEqualityComparer.Default);

        public HashSet<ISymbol> Retested { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        /// <summary>Notes the null tests one operation of the original tree makes.</summary>
        public void Visit(IOperation operation)
        {
            switch (operation.Kind)
            {
                case OperationKind.Binary:
                    var binary = (IBinaryOperation)operation;
                    if (binary.OperatorKind == BinaryOperatorKind.Equals || binary.OperatorKind == BinaryOperatorKind.NotEquals ||
                        binary.OperatorKind == BinaryOperatorKind.ObjectValueEquals || binary.OperatorKind == BinaryOperatorKind.ObjectValueNotEquals)
                    {
                        if (HoldsNothing(binary.RightOperand))
                        {
                            Add(binary.LeftOperand);
                        }
                        else if (HoldsNothing(binary.LeftOperand))
                        {
                            Add(binary.RightOperand);
                        }
                    }

                    break;
                case OperationKind.IsPattern:
                    Add(((IIsPatternOperation)operation).Value);
                    break;
                case OperationKind.ConditionalAccess:
                    Add(((IConditionalAccessOperation)operation).Operation);
                    break;
                case OperationKind.Coalesce:
                    Add(((ICoalesceOperation)operation).Value);
                    break;
                case OperationKind.PropertyReference when operation is IPropertyReferenceOperation property && property.Instance != null && WellKnownMembers.IsAllocatedTest(property):
                    Add(property.Instance);
                    break;
            }
        }

        /// <summary>What a test is about: a local, a parameter, a field, or the member a read path reads.</summary>
        public static ISymbol? SymbolOf(IOperation? place) => place switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field.OriginalDefinition,
            IPropertyReferenceOperation property when property.Arguments.IsEmpty => property.Property.OriginalDefinition,
            IInvocationOperation call when call.Arguments.IsEmpty => call.TargetMethod.OriginalDefinition,
            _ => null,
        };

        private void Add(IOperation? place)
        {
            var stripped = Strip(place);
            var symbol = SymbolOf(stripped);
            if (symbol == null || stripped == null)
            {
                return;
            }

            if (!_first.TryGetValue(symbol, out var first))
            {
                _first.Add(symbol, stripped.Syntax);
            }
            else if (first != stripped.Syntax)
            {
                Retested.Add(symbol);
            }
        }

        private static bool HoldsNothing(IOperation operation)
        {
            var stripped = Strip(operation);
            return stripped != null && ((stripped.ConstantValue.HasValue && stripped.ConstantValue.Value == null) || WellKnownMembers.IsZeroHandle(stripped));
        }
    }
}
