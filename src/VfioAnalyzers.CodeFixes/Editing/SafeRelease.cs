using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>
    /// The release a fix adds at a place, or null when none is right there. It must bind to the release member (a
    /// variable that only carries the reference, a token or a segment, does not), and it is put under a null test
    /// when some path holds null or a failed acquire's result there, or when the compiler cannot tell that the
    /// variable is not null. Both are asked of the compiler with the release in place (a speculative model).
    /// </summary>
    internal static class SafeRelease
    {
        private static readonly SyntaxAnnotation Added = new SyntaxAnnotation("VfioAnalyzers.AddedRelease");

        /// <summary>The release to put just before the statement at <paramref name="position"/>.</summary>
        /// <param name="paths">What the paths through the place hold; null when every path holds the reference.</param>
        public static StatementSyntax? At(FixInput input, ReleaseHints hints, int position, PathsHere? paths)
        {
            var release = hints.ReleaseStatement();
            return input.Model.TryGetSpeculativeSemanticModel(position, release, out var speculative)
                ? Decide(input, hints, speculative, release, paths)
                : null;
        }

        /// <summary>
        /// The release to put at the end of <paramref name="block"/>. The compiler's null state there is known only
        /// with the release in its member, so the whole member body is speculated.
        /// </summary>
        public static StatementSyntax? AtEndOf(FixInput input, ReleaseHints hints, BlockSyntax block, PathsHere? paths)
        {
            var member = block.AncestorsAndSelf().FirstOrDefault(n => n is BaseMethodDeclarationSyntax || n is AccessorDeclarationSyntax);
            // Only a block body can be speculated (Roslyn throws on an arrow body, say one holding a lambda with a block).
            var body = member switch
            {
                BaseMethodDeclarationSyntax method => method.Body,
                AccessorDeclarationSyntax accessor => accessor.Body,
                _ => null,
            };
            if (member == null || body == null)
            {
                return null;
            }

            var release = hints.ReleaseStatement().WithAdditionalAnnotations(Added);
            var speculated = member.ReplaceNode(block, block.AddStatements(release));
            bool speculates = speculated is BaseMethodDeclarationSyntax m
                ? input.Model.TryGetSpeculativeSemanticModelForMethodBody(body.SpanStart, m, out var speculative)
                : input.Model.TryGetSpeculativeSemanticModelForMethodBody(body.SpanStart, (AccessorDeclarationSyntax)speculated, out speculative);
            return speculates
                ? Decide(input, hints, speculative!, (ExpressionStatementSyntax)speculated.GetAnnotatedNodes(Added).Single(), paths)
                : null;
        }

        /// <summary>
        /// Whether the release binds at <paramref name="position"/> to the release member when
        /// <paramref name="standIn"/> (the acquiring call, or <c>default(T)</c> of the variable's type) takes the
        /// place of a variable that does not exist yet.
        /// </summary>
        public static bool Binds(FixInput input, ReleaseHints hints, int position, ExpressionSyntax standIn)
        {
            var release = hints.ReleaseStatement();
            release = release.ReplaceNode(Variable(hints, release), standIn.WithoutTrivia());
            return input.Model.TryGetSpeculativeSemanticModel(position, release, out var speculative) && BindsToRelease(input, hints, speculative, release);
        }

        /// <summary><c>if (variable != null) statement</c>.</summary>
        public static IfStatementSyntax NullGuarded(string variable, StatementSyntax statement) =>
            SyntaxFactory.IfStatement(
                    SyntaxFactory.BinaryExpression(
                        SyntaxKind.NotEqualsExpression,
                        SyntaxFactory.IdentifierName(variable),
                        SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression)),
                    statement.WithoutTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);

        /// <summary>The release, bare or under a null test, given <paramref name="placed"/>: the release as the speculative model holds it.</summary>
        private static StatementSyntax? Decide(FixInput input, ReleaseHints hints, SemanticModel speculative, ExpressionStatementSyntax placed, PathsHere? paths)
        {
            if (!BindsToRelease(input, hints, speculative, placed))
            {
                return null;
            }

            var release = hints.ReleaseStatement();
            var info = speculative.GetTypeInfo(Variable(hints, placed), input.CancellationToken);
            var flow = info.Nullability.FlowState;
            if (paths != null && paths.SomeFailed && flow == NullableFlowState.NotNull)
            {
                // The compiler sees a value on the failed path too: a null test would not tell it from a held one.
                return null;
            }

            if (!(paths != null && paths.SomeNullOrFailed) && flow != NullableFlowState.MaybeNull)
            {
                return release;
            }

            return info.Type != null && info.Type.IsReferenceType ? NullGuarded(hints.Variable, release) : null;
        }

        private static bool BindsToRelease(FixInput input, ReleaseHints hints, SemanticModel speculative, ExpressionStatementSyntax release) =>
            speculative.GetSymbolInfo(release.Expression, input.CancellationToken).Symbol is IMethodSymbol method && method.Name == hints.Member;

        /// <summary>Where the variable stands in the release: its argument, or its receiver.</summary>
        private static ExpressionSyntax Variable(ReleaseHints hints, ExpressionStatementSyntax release)
        {
            var call = (InvocationExpressionSyntax)release.Expression;
            return hints.OnReceiver ? ((MemberAccessExpressionSyntax)call.Expression).Expression : call.ArgumentList.Arguments[0].Expression;
        }
    }
}
