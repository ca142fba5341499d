using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>
    /// Removes statements and what their removal leaves with nothing to do: an <c>if</c> whose only statement went
    /// (when its condition has no effect of its own), an empty <c>else</c>, an empty <c>finally</c>. Only what the
    /// removal emptied is tidied; empty blocks the code had before stay as they were.
    /// </summary>
    internal static class StatementRemoval
    {
        private static readonly SyntaxAnnotation Emptied = new SyntaxAnnotation("VfioAnalyzers.Emptied");

        /// <summary>Removes <paramref name="statements"/> (nodes of <paramref name="root"/>), then the left-overs.</summary>
        public static SyntaxNode RemoveAll(SyntaxNode root, IReadOnlyCollection<StatementSyntax> statements)
        {
            var listed = statements.Where(StatementEdits.IsInStatementList).ToList();
            var embedded = statements.Where(s => !StatementEdits.IsInStatementList(s)).ToList();
            var lists = listed.Select(s => s.Parent!).Distinct().ToList();
            root = root.TrackNodes(statements.Concat<SyntaxNode>(lists));

            foreach (var original in listed)
            {
                root = RemoveFromList(root, original);
            }

            // An embedded statement becomes an empty block, so that the enclosing statement still compiles.
            foreach (var original in embedded)
            {
                if (root.GetCurrentNode(original) is { } current)
                {
                    root = root.ReplaceNode(current, SyntaxFactory.Block().WithTriviaFrom(current).WithAdditionalAnnotations(Emptied, Formatter.Annotation));
                }
            }

            foreach (var original in lists)
            {
                if (root.GetCurrentNode(original) is { } current)
                {
                    root = root.ReplaceNode(current, current.WithAdditionalAnnotations(Emptied));
                }
            }

            return Tidy(root);
        }

        /// <summary>Removes a statement from its list; comments above it stay, in front of what follows it.</summary>
        private static SyntaxNode RemoveFromList(SyntaxNode root, StatementSyntax original)
        {
            var current = root.GetCurrentNode(original);
            if (current == null)
            {
                return root;
            }

            var leading = current.GetLeadingTrivia();
            if (HasComment(leading))
            {
                var kept = leading.Reverse().SkipWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse();
                var next = current.GetLastToken().GetNextToken();
                root = root.ReplaceToken(next, next.WithLeadingTrivia(kept.Concat(next.LeadingTrivia)));
                current = root.GetCurrentNode(original);
                if (current == null)
                {
                    return root;
                }
            }

            return root.RemoveNode(current, SyntaxRemoveOptions.KeepUnbalancedDirectives) ?? root;
        }

        /// <summary>Collapses, innermost first, the emptied blocks that no longer do anything.</summary>
        private static SyntaxNode Tidy(SyntaxNode root)
        {
            while (true)
            {
                var collapsed = root.GetAnnotatedNodes(Emptied).OfType<BlockSyntax>()
                    .Where(b => b.Statements.Count == 0 && !HasComment(b))
                    .Select(b => Collapse(root, b))
                    .FirstOrDefault(r => r != null);
                if (collapsed == null)
                {
                    return root;
                }

                root = collapsed;
            }
        }

        /// <summary>The root without what an empty block's removal takes with it; null when it stays.</summary>
        private static SyntaxNode? Collapse(SyntaxNode root, BlockSyntax block)
        {
            switch (block.Parent)
            {
                case ElseClauseSyntax elseClause:
                    return root.RemoveNode(elseClause, SyntaxRemoveOptions.KeepUnbalancedDirectives);
                case IfStatementSyntax ifStatement when ifStatement.Statement == block && ifStatement.Else == null && HasNoEffect(ifStatement.Condition):
                    if (!StatementEdits.IsInStatementList(ifStatement))
                    {
                        return root.ReplaceNode(ifStatement, SyntaxFactory.Block().WithTriviaFrom(ifStatement).WithAdditionalAnnotations(Emptied, Formatter.Annotation));
                    }

                    // A flag that only guarded what was removed goes with it (bool held = false; ... held = true;).
                    var removed = new List<StatementSyntax> { ifStatement };
                    removed.AddRange(FlagOnlyFor(ifStatement));
                    root = root.TrackNodes(removed);
                    return removed.Aggregate(root, RemoveFromList);
                case TryStatementSyntax emptyTry when emptyTry.Block == block && StatementEdits.IsInStatementList(emptyTry):
                    // Nothing left to try: what the finally does stays, the handlers go.
                    var kept = emptyTry.Finally?.Block.Statements.Select(st => st.WithAdditionalAnnotations(Formatter.Annotation)) ?? Enumerable.Empty<StatementSyntax>();
                    return root.ReplaceNode(emptyTry.Parent!, InList(emptyTry, kept));
                case FinallyClauseSyntax finallyClause when finallyClause.Parent is TryStatementSyntax tryStatement:
                    if (tryStatement.Catches.Count > 0)
                    {
                        return root.RemoveNode(finallyClause, SyntaxRemoveOptions.KeepUnbalancedDirectives);
                    }

                    // try { ... } with nothing left to do after it: its statements, without the try.
                    return StatementEdits.IsInStatementList(tryStatement)
                        ? root.ReplaceNode(tryStatement.Parent!, InList(tryStatement, tryStatement.Block.Statements.Select(st => st.WithAdditionalAnnotations(Formatter.Annotation))))
                        : root.ReplaceNode(tryStatement, tryStatement.Block.WithTriviaFrom(tryStatement).WithAdditionalAnnotations(Formatter.Annotation));
                default:
                    return null;
            }
        }

        /// <summary>
        /// The declaration and assignments of a local flag that <paramref name="guard"/> alone reads, when they only
        /// set it to constants: once the guard goes, they do nothing.
        /// </summary>
        private static IEnumerable<StatementSyntax> FlagOnlyFor(IfStatementSyntax guard)
        {
            if (!(FlagOf(guard.Condition) is { } flag))
            {
                return Enumerable.Empty<StatementSyntax>();
            }

            var function = guard.Ancestors().FirstOrDefault(n => n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax || n is MemberDeclarationSyntax);
            var mentions = function?.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == flag.Identifier.ValueText && !guard.Span.Contains(t.Span)).ToList();
            var statements = new List<StatementSyntax>();
            foreach (var mention in mentions ?? new List<SyntaxToken>())
            {
                var setting = mention.Parent switch
                {
                    VariableDeclaratorSyntax { Initializer: { Value: LiteralExpressionSyntax _ }, Parent: VariableDeclarationSyntax { Variables: { Count: 1 }, Parent: LocalDeclarationStatementSyntax declaration } } => declaration,
                    IdentifierNameSyntax { Parent: AssignmentExpressionSyntax { Right: LiteralExpressionSyntax _, Parent: ExpressionStatementSyntax assignment } set } name when set.Left == name => assignment,
                    _ => (StatementSyntax?)null,
                };
                if (setting == null || !StatementEdits.IsInStatementList(setting))
                {
                    return Enumerable.Empty<StatementSyntax>();
                }

                statements.Add(setting);
            }

            // Only a local declared in the same function: a field (read by other members) or a local captured from an
            // enclosing function (read outside this one) has readers that the search above does not see.
            return statements.Any(statement => statement is LocalDeclarationStatementSyntax) ? statements : Enumerable.Empty<StatementSyntax>();
        }

        /// <summary>The flag a guard tests, as written or negated: <c>if (held)</c>, <c>if (!taken)</c>.</summary>
        private static IdentifierNameSyntax? FlagOf(ExpressionSyntax condition) => condition switch
        {
            IdentifierNameSyntax flag => flag,
            ParenthesizedExpressionSyntax parenthesized => FlagOf(parenthesized.Expression),
            PrefixUnaryExpressionSyntax not when not.IsKind(SyntaxKind.LogicalNotExpression) => FlagOf(not.Operand),
            _ => null,
        };

        /// <summary>The list that holds <paramref name="statement"/>, with <paramref name="replacement"/> in its place.</summary>
        private static SyntaxNode InList(StatementSyntax statement, IEnumerable<StatementSyntax> replacement)
        {
            var list = replacement.ToList();
            return statement.Parent switch
            {
                BlockSyntax block => block.WithStatements(SyntaxFactory.List(block.Statements.SelectMany(s => s == statement ? list : new List<StatementSyntax> { s }))),
                SwitchSectionSyntax section => section.WithStatements(SyntaxFactory.List(section.Statements.SelectMany(s => s == statement ? list : new List<StatementSyntax> { s }))),
                _ => statement.Parent!,
            };
        }

        private static bool HasComment(SyntaxNode node) => HasComment(node.DescendantTrivia());

        private static bool HasComment(IEnumerable<SyntaxTrivia> trivia) =>
            trivia.Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia));

        /// <summary>A condition that only reads (names, literals, members, comparisons, logic): dropping it changes nothing.</summary>
        private static bool HasNoEffect(ExpressionSyntax condition) => condition switch
        {
            IdentifierNameSyntax _ => true,
            LiteralExpressionSyntax _ => true,
            ThisExpressionSyntax _ => true,
            ParenthesizedExpressionSyntax p => HasNoEffect(p.Expression),
            MemberAccessExpressionSyntax m => m.IsKind(SyntaxKind.SimpleMemberAccessExpression) && HasNoEffect(m.Expression),
            PrefixUnaryExpressionSyntax u => u.IsKind(SyntaxKind.LogicalNotExpression) && HasNoEffect(u.Operand),
            PostfixUnaryExpressionSyntax u => u.IsKind(SyntaxKind.SuppressNullableWarningExpression) && HasNoEffect(u.Operand),
            BinaryExpressionSyntax b => !b.IsKind(SyntaxKind.CoalesceExpression) && HasNoEffect(b.Left) && HasNoEffect(b.Right),
            IsPatternExpressionSyntax i => HasNoEffect(i.Expression) && (i.Pattern is ConstantPatternSyntax || (i.Pattern is UnaryPatternSyntax { Pattern: ConstantPatternSyntax _ })),
            _ => false,
        };
    }
}
