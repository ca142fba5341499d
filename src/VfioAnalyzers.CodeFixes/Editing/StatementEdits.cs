using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>Statement-level edits on a root whose original nodes are tracked.</summary>
    internal static class StatementEdits
    {
        /// <summary>Whether a statement sits in a statement list (a block or a switch section), not embedded.</summary>
        public static bool IsInStatementList(StatementSyntax statement) =>
            statement.Parent is BlockSyntax || statement.Parent is SwitchSectionSyntax;

        /// <summary>
        /// Puts <paramref name="inserted"/> just before the current version of <paramref name="original"/> (rewritten by
        /// <paramref name="rewrite"/>); an embedded statement (<c>if (x) return;</c>) is wrapped in a block first. The
        /// statement's leading trivia (blank lines, comments above it) moves to the first inserted statement.
        /// </summary>
        public static SyntaxNode? InsertBefore(SyntaxNode root, StatementSyntax original, IReadOnlyList<StatementSyntax> inserted, System.Func<StatementSyntax, StatementSyntax>? rewrite = null)
        {
            var current = root.GetCurrentNode(original);
            if (current == null || inserted.Count == 0)
            {
                return null;
            }

            var replacement = (rewrite?.Invoke(current) ?? current).WithAdditionalAnnotations(Formatter.Annotation);
            var first = inserted[0];
            if (IsInStatementList(current))
            {
                var moved = new List<StatementSyntax>(inserted);
                moved[0] = first.WithLeadingTrivia(current.GetLeadingTrivia());
                moved.Add(replacement.WithLeadingTrivia(SyntaxFactory.ElasticMarker));
                return root.ReplaceNode(current, moved);
            }

            // A labeled statement in a list: the label moves to the first inserted statement (the kernel's cleanup label shape).
            if (current.Parent is LabeledStatementSyntax label && IsInStatementList(label))
            {
                var statements = new List<StatementSyntax> { label.WithStatement(first.WithLeadingTrivia(current.GetLeadingTrivia())) };
                statements.AddRange(inserted.Skip(1));
                statements.Add(replacement.WithLeadingTrivia(SyntaxFactory.ElasticMarker));
                return root.ReplaceNode(label, statements);
            }

            // The new block ends the line the statement ended (a real newline: an elastic one lets the formatter add a blank line).
            var newline = current.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            var closeBrace = SyntaxFactory.Token(SyntaxKind.CloseBraceToken);
            if (newline.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                closeBrace = closeBrace.WithTrailingTrivia(newline);
            }

            var block = SyntaxFactory.Block(inserted.Concat(new[] { replacement.WithoutLeadingTrivia() }))
                .WithCloseBraceToken(closeBrace)
                .WithAdditionalAnnotations(Formatter.Annotation);
            return root.ReplaceNode(current, block);
        }

        /// <summary>Adds <paramref name="appended"/> at the end of the current version of <paramref name="block"/>.</summary>
        public static SyntaxNode? Append(SyntaxNode root, BlockSyntax block, StatementSyntax appended)
        {
            var current = root.GetCurrentNode(block);
            return current == null ? null : root.ReplaceNode(current, current.AddStatements(appended));
        }

        /// <summary>Whether <paramref name="node"/> reads the local or parameter named <paramref name="variable"/>.</summary>
        public static bool Uses(SyntaxNode node, string variable) =>
            node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n =>
                n.Identifier.ValueText == variable
                && !(n.Parent is MemberAccessExpressionSyntax access && access.Name == n)
                && !(n.Parent is NameColonSyntax));

        /// <summary>
        /// <paramref name="baseName"/>, or with a number, so that it clashes with nothing in scope at
        /// <paramref name="at"/>, with no name declared anywhere in the enclosing member, and with no name another fix
        /// of the same document has taken in that member; the name returned is taken from then on.
        /// </summary>
        public static string UniqueName(FixInput input, SyntaxNode at, string baseName)
        {
            var member = at.AncestorsAndSelf().FirstOrDefault(n => n is MemberDeclarationSyntax) ?? at.SyntaxTree.GetRoot();
            if (!input.ReservedNames.TryGetValue(member.SpanStart, out var reserved))
            {
                reserved = new HashSet<string>();
                input.ReservedNames.Add(member.SpanStart, reserved);
            }

            var taken = new HashSet<string>(member.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
            taken.UnionWith(input.Model.LookupSymbols(at.SpanStart).Select(s => s.Name));
            taken.UnionWith(reserved);
            var name = baseName;
            for (int i = 2; taken.Contains(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None; i++)
            {
                name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            reserved.Add(name);
            return name;
        }

        /// <summary>
        /// <c>var name = value;</c>, or with the converted type spelled out when <c>var</c> would infer another type
        /// (a conversion, a target-typed expression).
        /// </summary>
        public static LocalDeclarationStatementSyntax Local(Document document, SemanticModel model, ExpressionSyntax value, string name)
        {
            var info = model.GetTypeInfo(value);
            TypeSyntax type = SyntaxFactory.IdentifierName("var");
            if (info.ConvertedType != null && info.ConvertedType.TypeKind != TypeKind.Error
                && (info.Type == null || !SymbolEqualityComparer.Default.Equals(info.Type, info.ConvertedType)))
            {
                type = (TypeSyntax)SyntaxGenerator.GetGenerator(document).TypeExpression(info.ConvertedType, addImport: true);
            }

            return SyntaxFactory.LocalDeclarationStatement(
                    SyntaxFactory.VariableDeclaration(
                        type,
                        SyntaxFactory.SingletonSeparatedList(
                            SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name))
                                .WithInitializer(SyntaxFactory.EqualsValueClause(value.WithoutTrivia())))))
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>Whether a statement always leaves (return/throw, or a block ending with one).</summary>
        public static bool AlwaysExits(StatementSyntax statement) => statement switch
        {
            ReturnStatementSyntax _ => true,
            ThrowStatementSyntax _ => true,
            BlockSyntax block => block.Statements.Count > 0 && AlwaysExits(block.Statements.Last()),
            _ => false,
        };

        /// <summary>Nodes of <paramref name="node"/> that run in its own body (not in nested lambdas or local functions).</summary>
        public static IEnumerable<SyntaxNode> OwnBodyNodes(SyntaxNode node) =>
            node.DescendantNodesAndSelf(n => n == node || !(n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax))
                .Where(n => n == node || !(n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax));
    }
}
