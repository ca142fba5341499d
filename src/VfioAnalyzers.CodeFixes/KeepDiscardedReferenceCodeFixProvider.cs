using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
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
    /// VFIO005: keeps the discarded reference in a local with a fresh name (<c>var group = core.GetExternalUser(file);</c>)
    /// and releases it at the end of its scope: before every <c>return</c>/<c>throw</c> after it, and at the end of the
    /// block when control can fall out of it.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(KeepDiscardedReferenceCodeFixProvider))]
    [Shared]
    public sealed class KeepDiscardedReferenceCodeFixProvider : VfioCodeFixProvider
    {
        public const string Key = "VFIO005.KeepInLocal";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.Discarded);

        protected override string Title => "Keep the reference in a local and put it at the end of its scope";

        protected override string EquivalenceKey => Key;

        internal override PreparedFix? Prepare(FixInput input)
        {
            var node = input.Root.FindNode(input.Diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (!(node.AncestorsAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(e => e.Span == input.Diagnostic.Location.SourceSpan) is ExpressionSyntax call))
            {
                return null;
            }

            var statement = call.Ancestors().OfType<StatementSyntax>().FirstOrDefault();
            if (statement == null || !(statement.Parent is BlockSyntax block)
                || call.Ancestors().TakeWhile(n => n != statement).Any(n => n is AnonymousFunctionExpressionSyntax)
                || statement is WhileStatementSyntax || statement is DoStatementSyntax || statement is ForStatementSyntax)
            {
                return null;
            }

            var type = input.Model.GetTypeInfo(call, input.CancellationToken).Type;
            var name = StatementEdits.UniqueName(input, statement, BaseName(type));
            var hints = ReleaseHints.From(input, call, variableOverride: name);
            if (hints == null)
            {
                return null;
            }

            var following = block.Statements.SkipWhile(s => s != statement).Skip(1).ToList();
            var exits = following.SelectMany(StatementEdits.OwnBodyNodes)
                .Where(n => n is ReturnStatementSyntax || n is ThrowStatementSyntax).Cast<StatementSyntax>().ToList();
            bool fallsOut = !(following.Count > 0 ? StatementEdits.AlwaysExits(following.Last()) : StatementEdits.AlwaysExits(statement));

            var value = statement switch
            {
                ReturnStatementSyntax r => r.Expression,
                ThrowStatementSyntax t => t.Expression,
                _ => null,
            };
            var resultName = value != null ? StatementEdits.UniqueName(input, statement, statement is ThrowStatementSyntax ? "exception" : "result") : null;
            var declaration = StatementEdits.Local(input.Document, input.Model, call, name);
            var key = Key + "@" + call.SpanStart.ToString(CultureInfo.InvariantCulture);
            var tracked = new List<SyntaxNode> { statement, call, block };
            tracked.AddRange(exits);
            return new PreparedFix(key, tracked, root =>
            {
                foreach (var exit in exits)
                {
                    root = StatementEdits.InsertBefore(root, exit, new[] { hints.ReleaseStatement() }) ?? root;
                }

                if (fallsOut)
                {
                    root = StatementEdits.Append(root, block, hints.ReleaseStatement()) ?? root;
                }

                var current = root.GetCurrentNode(statement);
                var currentCall = root.GetCurrentNode(call);
                if (current == null || currentCall == null)
                {
                    return null;
                }

                if (current is ExpressionStatementSyntax expression && expression.Expression == currentCall)
                {
                    return root.ReplaceNode(current, declaration.WithTriviaFrom(current));
                }

                var rewritten = current.ReplaceNode(currentCall, SyntaxFactory.IdentifierName(name).WithTriviaFrom(currentCall));
                var replacement = new List<StatementSyntax> { declaration.WithLeadingTrivia(current.GetLeadingTrivia()) };
                var leaving = rewritten switch
                {
                    ReturnStatementSyntax r => r.Expression,
                    ThrowStatementSyntax t => t.Expression,
                    _ => null,
                };
                if (leaving != null)
                {
                    // The value reads the kept reference: compute it, put, then leave with it.
                    replacement.Add(VarLocal(resultName!, leaving));
                    replacement.Add(hints.ReleaseStatement());
                    replacement.Add(rewritten.ReplaceNode(leaving, SyntaxFactory.IdentifierName(resultName!).WithTriviaFrom(leaving)).WithLeadingTrivia(SyntaxFactory.ElasticMarker));
                }
                else
                {
                    replacement.Add(rewritten.WithLeadingTrivia(SyntaxFactory.ElasticMarker));
                }

                return root.ReplaceNode(current, replacement.Select(s => s.WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation)));
            });
        }

        private static LocalDeclarationStatementSyntax VarLocal(string name, ExpressionSyntax value) =>
            SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                SyntaxFactory.IdentifierName("var"),
                SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(name).WithInitializer(SyntaxFactory.EqualsValueClause(value.WithoutTrivia())))));

        /// <summary>The last word of the type's name, in camel case: <c>VfioGroup</c> gives <c>group</c>.</summary>
        private static string BaseName(ITypeSymbol? type)
        {
            var text = type?.Name;
            if (string.IsNullOrEmpty(text))
            {
                return "reference";
            }

            int start = 0;
            for (int i = text!.Length - 1; i > 0; i--)
            {
                if (char.IsUpper(text[i]) && char.IsLower(text[i - 1]))
                {
                    start = i;
                    break;
                }
            }

            var word = char.ToLowerInvariant(text[start]) + text.Substring(start + 1);
            return SyntaxFacts.IsValidIdentifier(word) ? word : "reference";
        }
    }
}
