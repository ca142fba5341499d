using System.Collections.Generic;
using System.Collections.Immutable;
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
    /// Leading null guards (<c>if (group == null) return ...;</c>) stay before the try; where the variable may still be
    /// null at the try, the finally puts under a null test. Not offered when the reference is handed on (returned,
    /// assigned, captured), reassigned or released otherwise than by those puts in that range, or when a goto would
    /// cross the try: a finally would put it too, or at the wrong time.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PutInFinallyCodeFixProvider))]
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
            if (diagnostic.Properties.TryGetValue(ReleaseHints.VariableKey, out var variableText) && !SyntaxFacts.IsValidIdentifier(variableText ?? string.Empty))
            {
                // Never stored (the finding names the call): keep it in a local for the statement that uses it.
                return acquire is InvocationExpressionSyntax call ? KeptForTheStatement(input, call) : null;
            }

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
            // The leak must be where the try reaches: not in the acquiring statement itself (a call after the acquire in it).
            if (!variable || rest.Count == 0 || diagnostic.Location.SourceSpan.Start < rest[0].SpanStart || rest.Any(s => HandsOnOrReassigns(s, hints.Variable))
                || !EveryReleaseIsAPutItRemoves(input, rest, hints) || JumpsAcrossTheTry(block, rest))
            {
                return null;
            }

            // Null where the try starts (a Try method's result not yet tested): the finally puts only what it holds.
            var release = SafeRelease.At(input, hints, rest[0].SpanStart, paths: null);
            if (release == null)
            {
                return null;
            }

            var key = Key + "@" + acquire.SpanStart.ToString(CultureInfo.InvariantCulture);
            return new PreparedFix(key, new SyntaxNode[] { statement, block }, root => Wrap(root, block, statement, hints, release));
        }

        /// <summary>
        /// A reference acquired and never stored, leaking if the statement that uses it throws
        /// (<c>return core.ExternalCheckExtension(core.GetExternalUser(f), Compute(x));</c>): kept in a local just before
        /// the statement, which goes in a try whose finally puts it. The statement is its only use, so the put follows it.
        /// </summary>
        private static PreparedFix? KeptForTheStatement(FixInput input, InvocationExpressionSyntax call)
        {
            var statement = call.Ancestors().TakeWhile(n => !(n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax || n is MemberDeclarationSyntax))
                .OfType<StatementSyntax>().FirstOrDefault();
            if (!(statement?.Parent is BlockSyntax) || !(statement is ExpressionStatementSyntax || statement is ReturnStatementSyntax || statement is LocalDeclarationStatementSyntax)
                || statement is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: not 0 }
                || !KeepDiscardedReferenceCodeFixProvider.AlwaysRuns(call, statement) || input.Diagnostic.Properties.ContainsKey(Reporting.ReleaseHint.HandedOnKey)
                || (input.Diagnostic.Properties.TryGetValue(Reporting.ReleaseHint.ReleasedByKey, out var releasedBy) && !string.IsNullOrEmpty(releasedBy)))
            {
                return null;
            }

            // A declaration's local would end with the try block: its scope must not reach past the statement.
            if (statement is LocalDeclarationStatementSyntax declaration && ((BlockSyntax)statement.Parent).Statements.SkipWhile(s => s != statement).Skip(1)
                .Any(s => declaration.Declaration.Variables.Any(v => StatementEdits.Uses(s, v.Identifier.ValueText))))
            {
                return null;
            }

            var kept = KeptReference.Find(input, call, statement.SpanStart);
            if (kept == null || !kept.IsResult)
            {
                return null;
            }

            var key = Key + "@" + call.SpanStart.ToString(CultureInfo.InvariantCulture);
            return new PreparedFix(key, new SyntaxNode[] { statement, call }, root =>
            {
                var current = root.GetCurrentNode(statement);
                var currentCall = current != null ? root.GetCurrentNode(call) : null;
                if (current == null || currentCall == null)
                {
                    return null;
                }

                var used = current.ReplaceNode(currentCall, kept.Replacement(currentCall)).WithoutLeadingTrivia();
                var tryStatement = SyntaxFactory.TryStatement(SyntaxFactory.Block(used), default, SyntaxFactory.FinallyClause(SyntaxFactory.Block(kept.Release())))
                    .WithAdditionalAnnotations(Formatter.Annotation);
                return root.ReplaceNode(current, new StatementSyntax[]
                {
                    kept.Declaration(currentCall).WithLeadingTrivia(current.GetLeadingTrivia()).WithAdditionalAnnotations(Formatter.Annotation),
                    tryStatement,
                });
            });
        }

        /// <summary>
        /// Whether every release of the reference the analyzer saw is a put of the variable in the wrapped statements,
        /// which the fix removes: a helper that releases it, or a put through another variable, would release it
        /// a second time once the finally puts it.
        /// </summary>
        private static bool EveryReleaseIsAPutItRemoves(FixInput input, List<StatementSyntax> rest, ReleaseHints hints)
        {
            if (!input.Diagnostic.Properties.TryGetValue(Reporting.ReleaseHint.ReleasedByKey, out var text) || text == null)
            {
                return false;
            }

            var puts = new HashSet<int>(rest.SelectMany(StatementEdits.OwnBodyNodes).OfType<StatementSyntax>().Where(hints.IsRelease)
                .Select(s => ((ExpressionStatementSyntax)s).Expression.SpanStart));
            return text.Split(new[] { ',' }, System.StringSplitOptions.RemoveEmptyEntries)
                .All(position => int.TryParse(position, NumberStyles.Integer, CultureInfo.InvariantCulture, out int start) && puts.Contains(start));
        }

        /// <summary>
        /// Whether a <c>goto</c> would cross the new try: into it from before (which C# forbids), or out of it to a
        /// label the wrapped statements do not hold (the finally would put before the code there runs).
        /// </summary>
        private static bool JumpsAcrossTheTry(BlockSyntax block, List<StatementSyntax> rest)
        {
            var inside = rest.SelectMany(s => s.DescendantNodesAndSelf()).ToList();
            var labels = new HashSet<string>(inside.OfType<LabeledStatementSyntax>().Select(l => l.Identifier.ValueText));
            bool outward = inside.OfType<GotoStatementSyntax>().Any(g => g.IsKind(SyntaxKind.GotoStatement) && !labels.Contains(TargetOf(g)));
            bool inward = block.Statements.TakeWhile(s => s != rest[0]).SelectMany(s => s.DescendantNodesAndSelf()).OfType<GotoStatementSyntax>()
                .Any(g => labels.Contains(TargetOf(g)));
            return outward || inward;
        }

        private static string TargetOf(GotoStatementSyntax jump) => (jump.Expression as IdentifierNameSyntax)?.Identifier.ValueText ?? string.Empty;

        private static SyntaxNode? Wrap(SyntaxNode root, BlockSyntax originalBlock, StatementSyntax originalStatement, ReleaseHints hints, StatementSyntax release)
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
                return root.ReplaceNode(current, current.AddStatements(release));
            }

            var first = rest[0];
            var leading = first.GetLeadingTrivia();
            bool onlyWhitespace = leading.All(t => t.IsKind(SyntaxKind.WhitespaceTrivia) || t.IsKind(SyntaxKind.EndOfLineTrivia));
            var moved = rest.Select(s => s == first && onlyWhitespace ? s.WithLeadingTrivia(SyntaxFactory.ElasticMarker) : s).ToList();
            var tryStatement = SyntaxFactory.TryStatement(
                    SyntaxFactory.Block(moved),
                    default,
                    SyntaxFactory.FinallyClause(SyntaxFactory.Block(release)))
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
