using System.Collections.Generic;
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
    /// VFIO001: wraps the statements after the acquisition, to the end of the reference's scope, in
    /// <c>try { ... } finally { put }</c>, and removes the puts of that reference inside, which the finally now covers.
    /// Leading null guards (<c>if (group == null) return ...;</c>) stay before the try. Not offered when the reference
    /// is handed on (returned, assigned, captured) or reassigned in that range: a finally would put it too.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PutInFinallyCodeFixProvider))]
    [Shared]
    public sealed class PutInFinallyCodeFixProvider : VfioCodeFixProvider
    {
        public const string Key = "VFIO001.PutInFinally";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.NotReleasedOnPath);

        protected override string Title => "Put the reference in a finally block";

        protected override string EquivalenceKey => Key;

        internal override PreparedFix? Prepare(FixInput input)
        {
            var diagnostic = input.Diagnostic;

            // A path that hands the reference on (a return, a store, a consuming call) must not get a put in finally.
            if (diagnostic.AdditionalLocations.Count == 0 || diagnostic.Properties.ContainsKey(Reporting.ReleaseHint.HandedOnKey))
            {
                return null;
            }

            var acquire = input.Root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true);
            var hints = ReleaseHints.From(input, acquire);
            var statement = acquire.Ancestors().OfType<StatementSyntax>().FirstOrDefault();
            if (hints == null || statement == null || !(statement.Parent is BlockSyntax block) || !IsAcquiringStatement(statement))
            {
                return null;
            }

            // The reference's scope: the variable must be declared in this block, so the rest of it is where it lives.
            var variable = block.Statements.TakeWhile(s => s != statement).Append(statement)
                .SelectMany(s => s.DescendantNodesAndSelf())
                .Any(n => (n is VariableDeclaratorSyntax d && d.Identifier.ValueText == hints.Variable)
                    || (n is SingleVariableDesignationSyntax v && v.Identifier.ValueText == hints.Variable));
            var rest = Rest(block, statement, hints.Variable);
            if (!variable || rest.Count == 0 || rest.Any(s => HandsOnOrReassigns(s, hints.Variable)))
            {
                return null;
            }

            var key = Key + "@" + acquire.SpanStart.ToString(CultureInfo.InvariantCulture);
            return new PreparedFix(key, new SyntaxNode[] { statement, block }, root => Wrap(root, block, statement, hints));
        }

        private static SyntaxNode? Wrap(SyntaxNode root, BlockSyntax originalBlock, StatementSyntax originalStatement, ReleaseHints hints)
        {
            // Another reference's wrap of the same document may have moved the acquisition into its try block: wrap
            // the rest of the block the acquisition is in now.
            var statement = root.GetCurrentNode(originalStatement);
            if (root.GetCurrentNode(originalBlock) == null || statement == null || !(statement.Parent is BlockSyntax block))
            {
                return null;
            }

            // The puts the finally replaces go first, with what they leave behind (a flag that only guarded them).
            var puts = Rest(block, statement, hints.Variable).SelectMany(StatementEdits.OwnBodyNodes).OfType<StatementSyntax>().Where(hints.IsRelease).ToList();
            root = StatementRemoval.RemoveAll(root, puts);
            statement = root.GetCurrentNode(originalStatement);
            if (statement == null || !(statement.Parent is BlockSyntax current))
            {
                return null;
            }

            var rest = Rest(current, statement, hints.Variable);
            if (rest.Count == 0)
            {
                // Nothing left to cover: the put ends the block.
                return root.ReplaceNode(current, current.AddStatements(hints.ReleaseStatement()));
            }

            var first = rest[0];
            var leading = first.GetLeadingTrivia();
            bool onlyWhitespace = leading.All(t => t.IsKind(SyntaxKind.WhitespaceTrivia) || t.IsKind(SyntaxKind.EndOfLineTrivia));
            var moved = rest.Select(s => s == first && onlyWhitespace ? s.WithLeadingTrivia(SyntaxFactory.ElasticMarker) : s).ToList();
            var tryStatement = SyntaxFactory.TryStatement(
                    SyntaxFactory.Block(moved),
                    default,
                    SyntaxFactory.FinallyClause(SyntaxFactory.Block(hints.ReleaseStatement())))
                .WithLeadingTrivia(onlyWhitespace ? leading : default)
                .WithAdditionalAnnotations(Formatter.Annotation);
            int index = current.Statements.IndexOf(first);
            var statements = current.Statements.Take(index).Append(tryStatement);
            return root.ReplaceNode(current, current.WithStatements(SyntaxFactory.List(statements)));
        }

        /// <summary>The statements after the acquisition, past leading null guards of the variable.</summary>
        private static List<StatementSyntax> Rest(BlockSyntax block, StatementSyntax statement, string variable) =>
            block.Statements.SkipWhile(s => s != statement).Skip(1).SkipWhile(s => IsNullGuard(s, variable)).ToList();

        private static bool IsAcquiringStatement(StatementSyntax statement) => statement switch
        {
            LocalDeclarationStatementSyntax _ => true,
            ExpressionStatementSyntax _ => true,
            // if (!core.TryGetExternalUser(file, out var group, out var error)) return ...;
            IfStatementSyntax guard => guard.Else == null && StatementEdits.AlwaysExits(guard.Statement),
            _ => false,
        };

        private static bool IsNullGuard(StatementSyntax statement, string variable)
        {
            if (!(statement is IfStatementSyntax guard) || guard.Else != null || !StatementEdits.AlwaysExits(guard.Statement))
            {
                return false;
            }

            return guard.Condition switch
            {
                BinaryExpressionSyntax b when b.IsKind(SyntaxKind.EqualsExpression) =>
                    (IsName(b.Left, variable) && b.Right.IsKind(SyntaxKind.NullLiteralExpression)) || (IsName(b.Right, variable) && b.Left.IsKind(SyntaxKind.NullLiteralExpression)),
                IsPatternExpressionSyntax p => IsName(p.Expression, variable) && p.Pattern is ConstantPatternSyntax c && c.Expression.IsKind(SyntaxKind.NullLiteralExpression),
                _ => false,
            };
        }

        private static bool IsName(ExpressionSyntax expression, string variable) =>
            expression is IdentifierNameSyntax name && name.Identifier.ValueText == variable;

        /// <summary>Returning, assigning elsewhere, capturing or reassigning the variable: a finally put would be wrong.</summary>
        private static bool HandsOnOrReassigns(StatementSyntax statement, string variable) =>
            statement.DescendantNodesAndSelf().Any(n => n switch
            {
                ReturnStatementSyntax r => r.Expression != null && IsName(Unwrap(r.Expression), variable),
                YieldStatementSyntax y => y.Expression != null && IsName(Unwrap(y.Expression), variable),
                ArrowExpressionClauseSyntax a => StatementEdits.Uses(a.Expression, variable),
                AssignmentExpressionSyntax a => IsName(Unwrap(a.Right), variable) || IsName(a.Left, variable),
                EqualsValueClauseSyntax e => IsName(Unwrap(e.Value), variable),
                AnonymousFunctionExpressionSyntax f => StatementEdits.Uses(f, variable),
                LocalFunctionStatementSyntax f => StatementEdits.Uses(f, variable),
                ArgumentSyntax arg => !arg.RefKindKeyword.IsKind(SyntaxKind.None) && IsName(arg.Expression, variable),
                _ => false,
            });

        private static ExpressionSyntax Unwrap(ExpressionSyntax expression) => expression switch
        {
            ParenthesizedExpressionSyntax p => Unwrap(p.Expression),
            PostfixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.SuppressNullableWarningExpression) => Unwrap(p.Operand),
            CastExpressionSyntax c => Unwrap(c.Expression),
            _ => expression,
        };
    }
}
