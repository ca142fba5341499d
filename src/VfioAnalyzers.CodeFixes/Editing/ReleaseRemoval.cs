using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>Plans the removal of a release statement (VFIO002, VFIO004), and of what it leaves behind.</summary>
    internal static class ReleaseRemoval
    {
        /// <summary>The release statement the diagnostic is reported on.</summary>
        public static ExpressionStatementSyntax? Reported(FixInput input)
        {
            var node = input.Root.FindNode(input.Diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var call = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
            return call?.Parent as ExpressionStatementSyntax;
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
