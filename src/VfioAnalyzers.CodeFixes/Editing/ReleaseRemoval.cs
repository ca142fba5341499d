using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>Plans the removal of the release statement a diagnostic is reported on (VFIO002, VFIO004).</summary>
    internal static class ReleaseRemoval
    {
        public static PreparedFix? Prepare(FixInput input, string keyPrefix)
        {
            var node = input.Root.FindNode(input.Diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var call = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
            if (call == null || !(call.Parent is ExpressionStatementSyntax statement))
            {
                return null;
            }

            statement = EarlierReleaseCoveredByFinally(input, statement) ?? statement;
            var key = keyPrefix + "@" + statement.SpanStart.ToString(CultureInfo.InvariantCulture);
            return new PreparedFix(key, new[] { statement }, root => StatementEdits.Remove(root, statement));
        }

        /// <summary>
        /// A second release in a finally, after an earlier one inside its try: the finally already covers every path,
        /// so the earlier release is the one to remove (removing the finally's would leak the other paths).
        /// </summary>
        private static ExpressionStatementSyntax? EarlierReleaseCoveredByFinally(FixInput input, ExpressionStatementSyntax second)
        {
            if (!input.Diagnostic.Properties.TryGetValue(Reporting.ReleaseHint.FirstReleaseKey, out var text) ||
                !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int start) ||
                !(second.FirstAncestorOrSelf<FinallyClauseSyntax>()?.Parent is TryStatementSyntax tryStatement))
            {
                return null;
            }

            var first = input.Root.FindToken(start).Parent?.FirstAncestorOrSelf<ExpressionStatementSyntax>();
            return first != null && first != second && tryStatement.Block.Span.Contains(first.Span) ? first : null;
        }
    }
}
