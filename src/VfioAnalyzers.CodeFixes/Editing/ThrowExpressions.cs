using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>
    /// A throw expression taken apart into the statement form a put can go before: <c>var n = name ?? throw e;</c>
    /// becomes <c>if (name is null) { throw e; } var n = name;</c>, <c>c ? v : throw e</c> becomes
    /// <c>if (!c) { throw e; } ... v</c>. Only where that changes nothing else: the throwing expression is the whole
    /// value of a declaration, an assignment to a name, or a return, so it is the first thing the statement runs,
    /// and a coalesced operand is a local or parameter (read twice, the same value).
    /// </summary>
    internal sealed class ThrowExpressions
    {
        private ThrowExpressions(StatementSyntax statement, ExpressionSyntax whole, ExpressionSyntax condition, ExpressionSyntax value, ThrowExpressionSyntax thrown)
        {
            Statement = statement;
            Whole = whole;
            Condition = condition;
            Value = value;
            Thrown = thrown;
        }

        /// <summary>The statement the throwing expression is the value of.</summary>
        public StatementSyntax Statement { get; }

        /// <summary>The coalesce or conditional expression that throws.</summary>
        public ExpressionSyntax Whole { get; }

        /// <summary>When it throws: <c>name is null</c>, the condition or its negation.</summary>
        public ExpressionSyntax Condition { get; }

        /// <summary>What it is worth when it does not throw.</summary>
        public ExpressionSyntax Value { get; }

        public ThrowExpressionSyntax Thrown { get; }

        public static ThrowExpressions? Of(SemanticModel model, ThrowExpressionSyntax thrown)
        {
            var parent = thrown.Parent;
            ExpressionSyntax condition;
            ExpressionSyntax value;
            switch (parent)
            {
                case BinaryExpressionSyntax coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression) && coalesce.Right == thrown
                    && coalesce.Left is IdentifierNameSyntax name
                    && model.GetSymbolInfo(name).Symbol is { Kind: SymbolKind.Local or SymbolKind.Parameter }:
                    condition = SyntaxFactory.IsPatternExpression(name.WithoutTrivia(), SyntaxFactory.ConstantPattern(SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression)));
                    // A nullable value type's operand gives its value; a reference is known not null after the test.
                    value = model.GetTypeInfo(name).Type is { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T }
                        ? SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, name.WithoutTrivia(), SyntaxFactory.IdentifierName("Value"))
                        : name.WithoutTrivia();
                    break;
                case ConditionalExpressionSyntax conditional when conditional.WhenFalse == thrown && !(conditional.WhenTrue is ThrowExpressionSyntax):
                    condition = SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, SyntaxFactory.ParenthesizedExpression(conditional.Condition.WithoutTrivia()).WithAdditionalAnnotations(Simplifier.Annotation));
                    value = conditional.WhenTrue.WithoutTrivia();
                    break;
                case ConditionalExpressionSyntax conditional when conditional.WhenTrue == thrown && !(conditional.WhenFalse is ThrowExpressionSyntax):
                    condition = conditional.Condition.WithoutTrivia();
                    value = conditional.WhenFalse.WithoutTrivia();
                    break;
                default:
                    return null;
            }

            var whole = (ExpressionSyntax)parent;
            var top = whole;
            while (top.Parent is ParenthesizedExpressionSyntax p)
            {
                top = p;
            }

            StatementSyntax? statement = top.Parent switch
            {
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax local } } } => local,
                AssignmentExpressionSyntax { Left: IdentifierNameSyntax, Parent: ExpressionStatementSyntax assigned } assignment
                    when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right == top => assigned,
                ReturnStatementSyntax returned => returned,
                _ => null,
            };

            return statement == null || !(statement.Parent is BlockSyntax || statement.Parent is SwitchSectionSyntax)
                ? null
                : new ThrowExpressions(statement, top, condition, value, thrown);
        }

        /// <summary><c>if (condition) { before; throw e; }</c>.</summary>
        public IfStatementSyntax ThrowingIf(StatementSyntax before) =>
            SyntaxFactory.IfStatement(
                    Condition,
                    SyntaxFactory.Block(before, SyntaxFactory.ThrowStatement(Thrown.Expression.WithoutTrivia())))
                .WithAdditionalAnnotations(Formatter.Annotation);
    }
}
