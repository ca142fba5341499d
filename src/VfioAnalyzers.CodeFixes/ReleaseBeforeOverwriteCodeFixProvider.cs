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

            // Another path overwrites the variable released, handed on or holding something else: a put would be wrong there.
            var paths = PathsHere.From(diagnostic);
            var release = paths.SomeHeld && paths.OnlyHeldOrNull ? SafeRelease.At(input, hints, statement.SpanStart, paths) : null;
            if (release == null)
            {
                return null;
            }

            var key = Key + "@" + statement.SpanStart.ToString(CultureInfo.InvariantCulture);
            return new PreparedFix(key, new[] { statement }, root => StatementEdits.InsertBefore(root, statement, new[] { release }));
        }
    }
}
