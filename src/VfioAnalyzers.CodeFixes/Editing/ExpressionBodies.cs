using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>An expression-bodied method, local function or lambda, turned into one with a block body.</summary>
    internal static class ExpressionBodies
    {
        /// <summary>The expression body of <paramref name="function"/> (a method, local function or lambda), or null.</summary>
        public static ExpressionSyntax? Of(SyntaxNode? function) => function switch
        {
            BaseMethodDeclarationSyntax method => method.ExpressionBody?.Expression,
            LocalFunctionStatementSyntax local => local.ExpressionBody?.Expression,
            AnonymousFunctionExpressionSyntax lambda => lambda.ExpressionBody,
            _ => null,
        };

        /// <summary>
        /// <paramref name="function"/> with <paramref name="statements"/> as its block body. Each statement gets a line
        /// of its own: the formatter keeps a body that is all on one line (a local function, a lambda) as it is.
        /// </summary>
        public static SyntaxNode? WithBlock(SyntaxNode function, IEnumerable<StatementSyntax> statements)
        {
            var found = function.SyntaxTree.GetRoot().DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            var newline = found.IsKind(SyntaxKind.EndOfLineTrivia) ? found : SyntaxFactory.EndOfLine("\n");
            var block = SyntaxFactory.Block(
                SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(newline),
                SyntaxFactory.List(statements.Select(s => s.WithoutTrivia().WithTrailingTrivia(newline).WithAdditionalAnnotations(Formatter.Annotation))),
                SyntaxFactory.Token(SyntaxKind.CloseBraceToken));
            SyntaxNode? replaced = function switch
            {
                BaseMethodDeclarationSyntax m => m.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Closed(block, m.SemicolonToken.TrailingTrivia)),
                LocalFunctionStatementSyntax f => f.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Closed(block, f.SemicolonToken.TrailingTrivia)),
                AnonymousFunctionExpressionSyntax l => l.WithExpressionBody(null).WithBlock(Closed(block, l.GetTrailingTrivia())),
                _ => null,
            };
            return replaced?.WithAdditionalAnnotations(Formatter.Annotation);
        }

        // What ended the expression body's line now ends the block's.
        private static BlockSyntax Closed(BlockSyntax block, SyntaxTriviaList trailing) =>
            block.WithCloseBraceToken(block.CloseBraceToken.WithTrailingTrivia(trailing)).WithAdditionalAnnotations(Formatter.Annotation);
    }
}
