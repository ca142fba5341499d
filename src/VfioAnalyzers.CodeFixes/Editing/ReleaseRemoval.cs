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

            var key = keyPrefix + "@" + statement.SpanStart.ToString(CultureInfo.InvariantCulture);
            return new PreparedFix(key, new[] { statement }, root => StatementEdits.Remove(root, statement));
        }
    }
}
