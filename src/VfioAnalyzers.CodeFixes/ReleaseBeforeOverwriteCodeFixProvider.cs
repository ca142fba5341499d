using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using VfioAnalyzers.CodeFixes.Editing;
using VfioAnalyzers.Rules;

namespace VfioAnalyzers.CodeFixes
{
    /// <summary>
    /// VFIO006: releases the old reference just before the assignment overwrites it. When the variable may be
    /// null there (declared null, assigned null, or overwritten in a loop), the release is guarded by a null test.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReleaseBeforeOverwriteCodeFixProvider))]
    [Shared]
    public sealed class ReleaseBeforeOverwriteCodeFixProvider : VfioCodeFixProvider
    {
        public const string Key = "VFIO006.ReleaseBeforeOverwrite";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.OverwrittenWhileHeld);

        protected override string Title => "Put the old reference before the assignment";

        protected override string EquivalenceKey => Key;

        internal override PreparedFix? Prepare(FixInput input)
        {
            var diagnostic = input.Diagnostic;
            var node = input.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var assignment = node.AncestorsAndSelf().OfType<AssignmentExpressionSyntax>().FirstOrDefault(a => a.IsKind(SyntaxKind.SimpleAssignmentExpression));
            if (assignment == null || !(assignment.Parent is ExpressionStatementSyntax statement))
            {
                return null;
            }

            var acquire = diagnostic.AdditionalLocations.Count > 0
                ? input.Root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true)
                : null;
            var hints = ReleaseHints.From(input, acquire);
            if (hints == null || !(assignment.Left is IdentifierNameSyntax target) || target.Identifier.ValueText != hints.Variable
                || StatementEdits.Uses(assignment.Right, hints.Variable))
            {
                return null;
            }

            StatementSyntax release = hints.ReleaseStatement();
            if (MayBeNull(input, target, statement))
            {
                release = SyntaxFactory.IfStatement(
                        SyntaxFactory.BinaryExpression(
                            SyntaxKind.NotEqualsExpression,
                            SyntaxFactory.IdentifierName(hints.Variable),
                            SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression)),
                        SyntaxFactory.Block(release))
                    .WithAdditionalAnnotations(Formatter.Annotation);
            }

            var key = Key + "@" + statement.SpanStart.ToString(CultureInfo.InvariantCulture);
            return new PreparedFix(key, new[] { statement }, root => StatementEdits.InsertBefore(root, statement, new[] { release }));
        }

        private static bool MayBeNull(FixInput input, IdentifierNameSyntax target, StatementSyntax statement)
        {
            var local = input.Model.GetSymbolInfo(target, input.CancellationToken).Symbol;
            var declaration = local?.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(input.CancellationToken);
            if (local == null || declaration == null)
            {
                return true;
            }

            if (declaration is VariableDeclaratorSyntax declarator
                && (declarator.Initializer == null || IsNull(declarator.Initializer.Value)))
            {
                return true;
            }

            var body = declaration.Ancestors().FirstOrDefault(n => n is BlockSyntax || n is ArrowExpressionClauseSyntax) ?? declaration;
            bool assignedNull = body.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(a =>
                a.Left is IdentifierNameSyntax name && name.Identifier.ValueText == target.Identifier.ValueText && IsNull(a.Right));

            // Overwritten in a loop that the declaration is outside of: the first iteration may see the initial value.
            bool inLoop = statement.Ancestors().TakeWhile(n => n != body).Any(n =>
                n is WhileStatementSyntax || n is DoStatementSyntax || n is ForStatementSyntax || n is CommonForEachStatementSyntax);
            return assignedNull || inLoop;
        }

        private static bool IsNull(ExpressionSyntax value) =>
            value.IsKind(SyntaxKind.NullLiteralExpression) || value.IsKind(SyntaxKind.DefaultLiteralExpression) || value is DefaultExpressionSyntax;
    }
}
