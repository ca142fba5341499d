using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
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
    /// VFIO001: releases the reference just before the exit it leaks through (the reviewed kernel fix): before the
    /// <c>return</c>/<c>throw</c>/jump, wrapping an embedded one in a block, or at the end of the block it falls out of.
    /// When the returned or thrown value reads the reference, the value is computed into a local first.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PutBeforeExitCodeFixProvider))]
    [Shared]
    public sealed class PutBeforeExitCodeFixProvider : VfioCodeFixProvider
    {
        public const string Key = "VFIO001.PutBeforeExit";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.NotReleasedOnPath);

        protected override string Title => "Put the reference before this exit";

        protected override string EquivalenceKey => Key;

        internal override PreparedFix? Prepare(FixInput input)
        {
            var diagnostic = input.Diagnostic;
            var span = diagnostic.Location.SourceSpan;
            if (!diagnostic.Location.IsInSource || diagnostic.AdditionalLocations.Count == 0)
            {
                return null;
            }

            var acquire = input.Root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true);
            var hints = ReleaseHints.From(input, acquire);
            if (hints == null)
            {
                return null;
            }

            var key = Key + "@" + span.Start.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + hints.Variable;
            var token = input.Root.FindToken(span.Start);
            if (token.IsKind(SyntaxKind.CloseBraceToken) && token.Span == span && token.Parent is BlockSyntax block)
            {
                return new PreparedFix(key, new[] { block }, root => StatementEdits.Append(root, block, hints.ReleaseStatement()));
            }

            var node = input.Root.FindNode(span, getInnermostNodeForTie: true);
            var statement = node.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Span == span);
            if (statement != null)
            {
                return Exit(input, hints, key, statement);
            }

            var expression = node.AncestorsAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(e => e.Span == span);
            return expression != null ? ExpressionBody(input, hints, key, expression) : null;
        }

        private static PreparedFix? Exit(FixInput input, ReleaseHints hints, string key, StatementSyntax exit)
        {
            if (!(exit.Parent is BlockSyntax || exit.Parent is SwitchSectionSyntax || exit.Parent is StatementSyntax || exit.Parent is ElseClauseSyntax))
            {
                return null;
            }

            var value = exit switch
            {
                ReturnStatementSyntax r => r.Expression,
                ThrowStatementSyntax t => t.Expression,
                _ => null,
            };

            if (value == null || !StatementEdits.Uses(value, hints.Variable))
            {
                return new PreparedFix(key, new[] { exit }, root => StatementEdits.InsertBefore(root, exit, new[] { hints.ReleaseStatement() }));
            }

            // The value reads the reference: compute it first, then put, then leave with the local.
            var name = StatementEdits.UniqueName(input.Model, exit, exit is ThrowStatementSyntax ? "exception" : "result");
            var local = StatementEdits.Local(input.Document, input.Model, value, name);
            return new PreparedFix(key, new SyntaxNode[] { exit, value }, root =>
                StatementEdits.InsertBefore(root, exit, new StatementSyntax[] { local, hints.ReleaseStatement() }, current =>
                {
                    var currentValue = current.GetCurrentNode(value);
                    return currentValue == null
                        ? current
                        : current.ReplaceNode(currentValue, SyntaxFactory.IdentifierName(name).WithTriviaFrom(currentValue));
                }));
        }

        /// <summary><c>=> value</c> becomes a block that computes the value, puts, and returns it.</summary>
        private static PreparedFix? ExpressionBody(FixInput input, ReleaseHints hints, string key, ExpressionSyntax value)
        {
            var parent = value.Parent;
            IMethodSymbol? method = parent switch
            {
                ArrowExpressionClauseSyntax arrow => input.Model.GetDeclaredSymbol(arrow.Parent!, input.CancellationToken) as IMethodSymbol,
                AnonymousFunctionExpressionSyntax lambda => input.Model.GetSymbolInfo(lambda, input.CancellationToken).Symbol as IMethodSymbol,
                _ => null,
            };

            if (method == null || method.IsAsync || (parent is ArrowExpressionClauseSyntax a && !(a.Parent is BaseMethodDeclarationSyntax || a.Parent is LocalFunctionStatementSyntax)))
            {
                return null;
            }

            if (parent == null)
            {
                return null;
            }

            var statements = new List<StatementSyntax>();
            if (method.ReturnsVoid)
            {
                statements.Add(SyntaxFactory.ExpressionStatement(value.WithoutTrivia()));
                statements.Add(hints.ReleaseStatement());
            }
            else
            {
                var name = StatementEdits.UniqueName(input.Model, value, "result");
                statements.Add(StatementEdits.Local(input.Document, input.Model, value, name));
                statements.Add(hints.ReleaseStatement());
                statements.Add(SyntaxFactory.ReturnStatement(SyntaxFactory.IdentifierName(name)));
            }

            var body = SyntaxFactory.Block(statements).WithAdditionalAnnotations(Formatter.Annotation);
            return new PreparedFix(key, new[] { parent }, root =>
            {
                var current = root.GetCurrentNode(parent);
                switch (current)
                {
                    case ArrowExpressionClauseSyntax arrow when arrow.Parent is MethodDeclarationSyntax m:
                        return root.ReplaceNode(m, m.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body).WithAdditionalAnnotations(Formatter.Annotation));
                    case ArrowExpressionClauseSyntax arrow when arrow.Parent is LocalFunctionStatementSyntax f:
                        return root.ReplaceNode(f, f.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body).WithAdditionalAnnotations(Formatter.Annotation));
                    case ArrowExpressionClauseSyntax arrow when arrow.Parent is BaseMethodDeclarationSyntax other:
                        return root.ReplaceNode(other, other.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body).WithAdditionalAnnotations(Formatter.Annotation));
                    case AnonymousFunctionExpressionSyntax lambda:
                        return root.ReplaceNode(lambda, lambda.WithExpressionBody(null).WithBlock(body).WithAdditionalAnnotations(Formatter.Annotation));
                    default:
                        return null;
                }
            });
        }
    }
}
