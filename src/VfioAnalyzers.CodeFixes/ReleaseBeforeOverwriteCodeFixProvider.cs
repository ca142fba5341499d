using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using VfioAnalyzers.CodeFixes.Editing;
using VfioAnalyzers.Rules;

namespace VfioAnalyzers.CodeFixes
{
    /// <summary>
    /// VFIO006: releases the old reference just before the assignment overwrites it. When another path overwrites
    /// the variable while it is null (its first pass through a loop, an acquire that failed), the release is
    /// guarded by a null test; when another path overwrites it released or holding something else, no fix is offered.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReleaseBeforeOverwriteCodeFixProvider))]
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
            var statement = assignment?.Parent as ExpressionStatementSyntax;
            var loop = assignment != null && statement == null ? LoopOfCondition(assignment) : null;
            if (assignment == null || (statement == null && loop == null))
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

            // Another path overwrites the variable released, handed on or holding something else: a put would be wrong there.
            var paths = PathsHere.From(diagnostic);
            if (!paths.SomeHeld || !paths.OnlyHeldOrNull)
            {
                return null;
            }

            var key = Key + "@" + assignment.SpanStart.ToString(CultureInfo.InvariantCulture);
            if (loop != null)
            {
                // The condition overwrites what the last pass acquired: the put ends each pass, where the back edge starts.
                var body = (BlockSyntax)loop.Statement;
                // Every pass that gets there holds it (the condition's other paths come from before the loop):
                // the compiler's null state there decides the guard.
                var atEnd = SafeRelease.AtEndOf(input, hints, body, paths: null);
                return atEnd == null ? null : new PreparedFix(key, new[] { body }, root => StatementEdits.Append(root, body, atEnd));
            }

            var release = SafeRelease.At(input, hints, statement!.SpanStart, paths);
            return release == null ? null : new PreparedFix(key, new[] { statement }, root => StatementEdits.InsertBefore(root, statement, new[] { release }));
        }

        /// <summary>
        /// The while loop whose condition holds the assignment (<c>while ((g = Get()) != null)</c>), when the end of its
        /// block body is the only way back to the condition: no <c>continue</c> of this loop, and an end that is reached.
        /// </summary>
        private static WhileStatementSyntax? LoopOfCondition(AssignmentExpressionSyntax assignment)
        {
            var loop = assignment.Ancestors().TakeWhile(n => n is ExpressionSyntax || n is PatternSyntax || n is WhileStatementSyntax)
                .OfType<WhileStatementSyntax>().FirstOrDefault();
            if (loop == null || !loop.Condition.Span.Contains(assignment.Span) || !(loop.Statement is BlockSyntax body) || body.Statements.Count == 0)
            {
                return null;
            }

            bool continues = body.DescendantNodes(n => !(n is WhileStatementSyntax || n is DoStatementSyntax || n is ForStatementSyntax || n is CommonForEachStatementSyntax
                    || n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax))
                .OfType<ContinueStatementSyntax>().Any();
            var last = body.Statements.Last();
            bool endReached = !(last is ReturnStatementSyntax || last is ThrowStatementSyntax || last is BreakStatementSyntax || last is ContinueStatementSyntax || last is GotoStatementSyntax);
            return continues || !endReached ? null : loop;
        }
    }
}
