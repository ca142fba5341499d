using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>Plans the removal of the release statement a diagnostic is reported on (VFIO002, VFIO004), and of what it leaves behind.</summary>
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

            return Plan(input, keyPrefix, EarlierReleaseCoveredByFinally(input, statement) ?? statement);
        }

        /// <summary>
        /// Removes <paramref name="statement"/>; when it released a local that only held null and nothing else reads
        /// it (<c>VfioGroup? group = null;</c> put at once), the local's declaration goes too.
        /// </summary>
        public static PreparedFix Plan(FixInput input, string keyPrefix, ExpressionStatementSyntax statement)
        {
            var key = keyPrefix + "@" + statement.SpanStart.ToString(CultureInfo.InvariantCulture);
            var unused = UnusedNullLocal(input, statement);
            var removed = unused == null ? new StatementSyntax[] { statement } : new StatementSyntax[] { statement, unused };
            return new PreparedFix(key, removed, root =>
            {
                var current = removed.Select(root.GetCurrentNode).ToList();
                return current.Any(n => n == null) ? null : StatementRemoval.RemoveAll(root, current!);
            });
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

        private static LocalDeclarationStatementSyntax? UnusedNullLocal(FixInput input, ExpressionStatementSyntax release)
        {
            var local = release.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Select(n => input.Model.GetSymbolInfo(n, input.CancellationToken).Symbol).OfType<ILocalSymbol>().FirstOrDefault();
            if (local == null || !(local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(input.CancellationToken) is VariableDeclaratorSyntax declarator)
                || !(declarator.Parent?.Parent is LocalDeclarationStatementSyntax declaration) || declaration.Declaration.Variables.Count != 1
                || !StatementEdits.IsInStatementList(declaration)
                || !(declarator.Initializer?.Value is { } value && (value.IsKind(SyntaxKind.NullLiteralExpression) || value.IsKind(SyntaxKind.DefaultLiteralExpression))))
            {
                return null;
            }

            var body = declaration.Parent!;
            bool readElsewhere = body.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Where(n => n.Identifier.ValueText == local.Name && !release.Span.Contains(n.Span))
                .Any(n => SymbolEqualityComparer.Default.Equals(input.Model.GetSymbolInfo(n, input.CancellationToken).Symbol, local));
            return readElsewhere ? null : declaration;
        }
    }
}
