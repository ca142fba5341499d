using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>
    /// Which of two releases on a path is the one to remove (VFIO002). The reported (second) one, when every path
    /// through it has released already; the first one, when every path through the first goes on to the second
    /// (the second in a finally, or later in the same block with nothing between that can leave or throw), so that
    /// the second is what remains on every path. Null when neither can go without a leak.
    /// </summary>
    internal static class RedundantRelease
    {
        public static ExpressionStatementSyntax? Choose(FixInput input, ExpressionStatementSyntax second)
        {
            var paths = PathsHere.From(input.Diagnostic);
            var first = First(input, second);
            var coveredFirst = first != null && (CoveredByFinally(first, second) || FlowsInto(first, second)) ? first : null;
            if (paths.OnlyReleased)
            {
                // Either may go; in the finally shape the finally's release is the one that covers every path.
                return coveredFirst != null && CoveredByFinally(coveredFirst, second) ? coveredFirst : second;
            }

            // The second is the first release on another path: only the first can go, and only if it always leads there.
            return paths.OnlyReleasedOrHeld ? coveredFirst : null;
        }

        private static ExpressionStatementSyntax? First(FixInput input, ExpressionStatementSyntax second)
        {
            if (!input.Diagnostic.Properties.TryGetValue(Reporting.ReleaseHint.FirstReleaseKey, out var text) ||
                !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int start))
            {
                return null;
            }

            var first = input.Root.FindToken(start).Parent?.FirstAncestorOrSelf<ExpressionStatementSyntax>();
            return first != null && first != second && first.Expression is InvocationExpressionSyntax && first.Expression.SpanStart == start ? first : null;
        }

        /// <summary>The second is in a finally whose try block or catch holds the first: every way out of those runs it.</summary>
        private static bool CoveredByFinally(StatementSyntax first, StatementSyntax second) =>
            second.FirstAncestorOrSelf<FinallyClauseSyntax>()?.Parent is TryStatementSyntax tryStatement
            && (tryStatement.Block.Span.Contains(first.Span) || tryStatement.Catches.Any(c => c.Span.Contains(first.Span)))
            && SameFunction(first, second);

        /// <summary>
        /// The second stands in a block after the statement that holds the first, and nothing from the first to the
        /// second can leave (a jump, a loop around the first) or throw (a call): every path through the first reaches it.
        /// </summary>
        private static bool FlowsInto(StatementSyntax first, StatementSyntax second)
        {
            if (!(second.Parent is BlockSyntax block) || !SameFunction(first, second))
            {
                return false;
            }

            var holder = first.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent == block);
            if (holder == null || holder.SpanStart >= second.SpanStart || first.Ancestors().TakeWhile(n => n != block).Any(IsLoopOrHandler))
            {
                return false;
            }

            var after = first.Parent is BlockSyntax firstList ? firstList.Statements.SkipWhile(s => s != first).Skip(1) : Enumerable.Empty<StatementSyntax>();
            var between = block.Statements.SkipWhile(s => s != holder).Skip(1).TakeWhile(s => s != second);
            return !after.Concat(between).Any(LeavesOrThrows) && !EnclosingRest(first, holder).Any(LeavesOrThrows);
        }

        /// <summary>What runs after the first in the blocks between it and the statement of the outer block that holds it.</summary>
        private static System.Collections.Generic.IEnumerable<StatementSyntax> EnclosingRest(StatementSyntax first, StatementSyntax holder) =>
            first.Ancestors().TakeWhile(n => n != holder).OfType<StatementSyntax>()
                .SelectMany(s => s.Parent is BlockSyntax list ? list.Statements.SkipWhile(x => x != s).Skip(1) : Enumerable.Empty<StatementSyntax>());

        private static bool IsLoopOrHandler(SyntaxNode node) =>
            node is WhileStatementSyntax || node is DoStatementSyntax || node is ForStatementSyntax || node is CommonForEachStatementSyntax
            || node is TryStatementSyntax || node is SwitchStatementSyntax || node is LabeledStatementSyntax;

        private static bool LeavesOrThrows(StatementSyntax statement) =>
            StatementEdits.OwnBodyNodes(statement).Any(n =>
                n is ReturnStatementSyntax || n is ThrowStatementSyntax || n is ThrowExpressionSyntax || n is GotoStatementSyntax
                || n is BreakStatementSyntax || n is ContinueStatementSyntax || n is YieldStatementSyntax || n is LabeledStatementSyntax
                || n is InvocationExpressionSyntax || n is ObjectCreationExpressionSyntax || n is ImplicitObjectCreationExpressionSyntax
                || n is AwaitExpressionSyntax || n is ElementAccessExpressionSyntax);

        private static bool SameFunction(SyntaxNode a, SyntaxNode b) => Function(a) == Function(b);

        private static SyntaxNode? Function(SyntaxNode node) =>
            node.Ancestors().FirstOrDefault(n => n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax || n is MemberDeclarationSyntax);
    }
}
