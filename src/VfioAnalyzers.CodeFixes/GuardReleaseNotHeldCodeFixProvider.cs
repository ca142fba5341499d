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
    /// VFIO004, when the same release is also reached holding the reference (one cleanup for paths that acquired and
    /// paths that did not, a Try method's result not tested): releases only when the variable is not null, which
    /// on the other paths it is (null, or the failed acquire's null). Removing the release would leak.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GuardReleaseNotHeldCodeFixProvider))]
    public sealed class GuardReleaseNotHeldCodeFixProvider : VfioCodeFixProvider
    {
        public const string Key = "VFIO004.GuardRelease";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ReleaseNotHeld);

        protected override string Title => "Release only when the reference is held (not null)";

        protected override string EquivalenceKey => Key;

        // Fix All (and dotnet format) removes the releases no path needs, which this fix does not guard.
        internal override VfioCodeFixProvider? Sibling => new RemoveReleaseNotHeldCodeFixProvider();

        internal override PreparedFix? Prepare(FixInput input)
        {
            var release = ReleaseRemoval.Reported(input);
            var paths = PathsHere.From(input.Diagnostic);
            if (release == null || !paths.SomeHeld || !paths.OnlyHeldOrNull
                || !input.Diagnostic.Properties.TryGetValue(Reporting.ReleaseHint.VariableKey, out var name) || name == null)
            {
                return null;
            }

            // The released variable as written: an argument, or the receiver of a release on the reference itself.
            var call = (InvocationExpressionSyntax)release.Expression;
            var written = call.ArgumentList.Arguments.Select(a => a.Expression)
                .Concat(call.Expression is MemberAccessExpressionSyntax access ? new[] { access.Expression } : Enumerable.Empty<ExpressionSyntax>())
                .FirstOrDefault(e => Unsuppressed(e) is IdentifierNameSyntax id && id.Identifier.ValueText == name);
            var variable = written != null ? (IdentifierNameSyntax)Unsuppressed(written) : null;
            var symbol = variable != null ? input.Model.GetSymbolInfo(variable, input.CancellationToken).Symbol : null;
            var type = (symbol as ILocalSymbol)?.Type ?? (symbol as IParameterSymbol)?.Type;
            if (written == null || variable == null || type == null || !type.IsReferenceType)
            {
                return null;
            }

            // A failed acquire the compiler sees as not null: a null test would not tell it from a held reference.
            if (paths.SomeFailed && FlowStateBefore(input, release, name) == NullableFlowState.NotNull)
            {
                return null;
            }

            var key = Key + "@" + release.SpanStart.ToString(CultureInfo.InvariantCulture);
            return new PreparedFix(key, new SyntaxNode[] { release, written }, root =>
            {
                var current = root.GetCurrentNode(release);
                var currentWritten = root.GetCurrentNode(written);
                if (current == null || currentWritten == null)
                {
                    return null;
                }

                // The null test makes the null-forgiving '!' on the variable needless.
                var unsuppressed = current.ReplaceNode(currentWritten, variable.WithTriviaFrom(currentWritten));
                return root.ReplaceNode(current, SafeRelease.NullGuarded(name, unsuppressed).WithTriviaFrom(current));
            });
        }

        /// <summary>
        /// The compiler's null state of the variable just before the release: asked of a read put there, since the
        /// release's own '!' would make the variable read as not null.
        /// </summary>
        private static NullableFlowState FlowStateBefore(FixInput input, StatementSyntax release, string name)
        {
            var read = SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("_"), SyntaxFactory.IdentifierName(name)));
            return input.Model.TryGetSpeculativeSemanticModel(release.SpanStart, read, out var speculative)
                ? speculative.GetTypeInfo(((AssignmentExpressionSyntax)read.Expression).Right, input.CancellationToken).Nullability.FlowState
                : NullableFlowState.NotNull;
        }

        private static ExpressionSyntax Unsuppressed(ExpressionSyntax expression) => expression switch
        {
            PostfixUnaryExpressionSyntax p when p.IsKind(SyntaxKind.SuppressNullableWarningExpression) => Unsuppressed(p.Operand),
            ParenthesizedExpressionSyntax p => Unsuppressed(p.Expression),
            _ => expression,
        };
    }
}
