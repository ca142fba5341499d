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
    /// VFIO005: keeps the discarded reference in a local with a fresh name (<c>var group = core.GetExternalUser(file);</c>,
    /// or <c>out var group</c> for a Try method's <c>out _</c>) and releases it at the end of its scope: before every
    /// way out of the block after it, and at the end of the block when control can fall out of it. An embedded
    /// statement and an expression body become blocks. A reference that may be null (a Try method's, a nullable
    /// result) is released under a null test.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(KeepDiscardedReferenceCodeFixProvider))]
    public sealed class KeepDiscardedReferenceCodeFixProvider : VfioCodeFixProvider
    {
        public const string Key = "VFIO005.KeepInLocal";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.Discarded);

        protected override string Title => "Keep the reference in a local and put it at the end of its scope";

        protected override string EquivalenceKey => Key;

        internal override PreparedFix? Prepare(FixInput input)
        {
            var span = input.Diagnostic.Location.SourceSpan;
            var node = input.Root.FindNode(span, getInnermostNodeForTie: true);
            if (!(node.AncestorsAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(e => e.Span == span) is InvocationExpressionSyntax call))
            {
                return null;
            }

            var body = ExpressionBodyOf(call);
            var statement = body == null ? call.Ancestors().TakeWhile(n => !IsFunction(n)).OfType<StatementSyntax>().FirstOrDefault() : null;
            if ((body == null && statement == null) || statement is WhileStatementSyntax || statement is DoStatementSyntax
                || statement is ForStatementSyntax || statement is CommonForEachStatementSyntax)
            {
                // An acquire in a loop's header runs again and again: one local would not hold them all.
                return null;
            }

            var at = (SyntaxNode?)statement ?? body!;
            if (!AlwaysRuns(call, at))
            {
                // Kept before the statement, it would be acquired where the code did not acquire it.
                return null;
            }

            var kept = KeptReference.Find(input, call, at.SpanStart);
            if (kept == null)
            {
                return null;
            }

            var key = Key + "@" + call.SpanStart.ToString(CultureInfo.InvariantCulture);
            var resultName = new System.Lazy<string>(() => StatementEdits.UniqueName(input, at, statement is ThrowStatementSyntax ? "exception" : "result"));
            if (body != null)
            {
                return ExpressionBody(input, key, kept, body, resultName.Value);
            }

            // The local lives from the statement to the end of its block or switch section (or of the block an
            // embedded statement becomes).
            var block = statement!.Parent as BlockSyntax;
            var run = new List<StatementSyntax> { statement };
            if (StatementEdits.IsInStatementList(statement))
            {
                var list = statement.Parent is BlockSyntax b ? b.Statements : ((SwitchSectionSyntax)statement.Parent!).Statements;
                run.AddRange(list.SkipWhile(s => s != statement).Skip(1));
            }
            else if (!(statement.Parent is StatementSyntax || statement.Parent is ElseClauseSyntax))
            {
                return null;
            }

            var exits = ScopeExits.Of(run);
            if (exits == null)
            {
                return null;
            }

            exits.Remove(statement);
            bool fallsOut = !StatementEdits.AlwaysExits(run.Last());
            string? result = statement is ReturnStatementSyntax { Expression: { } } || statement is ThrowStatementSyntax { Expression: { } } ? resultName.Value : null;
            var tracked = new List<SyntaxNode> { statement, kept.Discarded };
            tracked.AddRange(exits);
            if (block != null)
            {
                tracked.Add(block);
            }

            return new PreparedFix(key, tracked, root =>
            {
                foreach (var exit in exits)
                {
                    root = StatementEdits.InsertBefore(root, exit, new[] { kept.Release() }) ?? root;
                }

                if (fallsOut && block != null)
                {
                    root = StatementEdits.Append(root, block, kept.Release()) ?? root;
                }

                var current = root.GetCurrentNode(statement);
                var currentDiscarded = current != null ? root.GetCurrentNode(kept.Discarded) : null;
                if (current == null || currentDiscarded == null)
                {
                    return null;
                }

                var replacement = Keep(kept, current, currentDiscarded, result);
                if (!StatementEdits.IsInStatementList(current))
                {
                    if (fallsOut)
                    {
                        replacement.Add(kept.Release());
                    }

                    return root.ReplaceNode(current, SyntaxFactory.Block(replacement).WithTriviaFrom(current).WithAdditionalAnnotations(Formatter.Annotation));
                }

                return root.ReplaceNode(current, replacement.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)));
            });
        }

        /// <summary>
        /// The statements that replace <paramref name="current"/>: the local kept, then the statement reading it; a
        /// return or throw computes its value first, releases, then leaves with it.
        /// </summary>
        private static List<StatementSyntax> Keep(KeptReference kept, StatementSyntax current, SyntaxNode discarded, string? result)
        {
            if (kept.IsResult && (IsCallStatement(current, discarded) || IsDiscardAssignment(current, discarded)))
            {
                // Nothing but the acquire: the declaration takes the statement's place.
                return new List<StatementSyntax> { kept.Declaration(discarded).WithTriviaFrom(current) };
            }

            var rewritten = current.ReplaceNode(discarded, kept.Replacement(discarded));
            var statements = new List<StatementSyntax>();
            if (kept.IsResult)
            {
                statements.Add(kept.Declaration(discarded).WithLeadingTrivia(current.GetLeadingTrivia()));
                rewritten = rewritten.WithLeadingTrivia(SyntaxFactory.ElasticMarker);
            }

            var leaving = rewritten switch
            {
                ReturnStatementSyntax r => r.Expression,
                ThrowStatementSyntax t => t.Expression,
                _ => null,
            };
            if (leaving != null && result != null)
            {
                // The value reads the kept reference: compute it, put, then leave with it.
                statements.Add(VarLocal(result, leaving).WithLeadingTrivia(rewritten.GetLeadingTrivia()));
                statements.Add(kept.Release());
                statements.Add(rewritten.ReplaceNode(leaving, SyntaxFactory.IdentifierName(result).WithTriviaFrom(leaving)).WithLeadingTrivia(SyntaxFactory.ElasticMarker));
            }
            else
            {
                statements.Add(rewritten);
            }

            return statements;
        }

        /// <summary><c>=> value</c> becomes a block: the reference kept, the value computed, the reference put, the value returned.</summary>
        private static PreparedFix? ExpressionBody(FixInput input, string key, KeptReference kept, ExpressionSyntax value, string resultName)
        {
            var function = value.Parent is ArrowExpressionClauseSyntax arrow ? arrow.Parent : value.Parent;
            var method = function is AnonymousFunctionExpressionSyntax
                ? input.Model.GetSymbolInfo(function, input.CancellationToken).Symbol as IMethodSymbol
                : input.Model.GetDeclaredSymbol(function!, input.CancellationToken) as IMethodSymbol;
            if (method == null || method.IsAsync)
            {
                return null;
            }

            return new PreparedFix(key, new SyntaxNode[] { function!, kept.Discarded }, root =>
            {
                var current = root.GetCurrentNode(function!);
                var currentDiscarded = root.GetCurrentNode(kept.Discarded);
                var currentValue = ExpressionBodies.Of(current);
                if (current == null || currentDiscarded == null || currentValue == null)
                {
                    return null;
                }

                var statements = new List<StatementSyntax>();
                ExpressionSyntax rest = currentValue.ReplaceNode(currentDiscarded, kept.Replacement(currentDiscarded)).WithoutTrivia();
                if (kept.IsResult)
                {
                    statements.Add(kept.Declaration(currentDiscarded));
                }

                bool returns = !method.ReturnsVoid;
                if (kept.IsResult && currentValue == currentDiscarded)
                {
                    // The body was the acquire alone: nothing is left to compute.
                }
                else if (returns)
                {
                    statements.Add(VarLocal(resultName, rest));
                }
                else
                {
                    statements.Add(SyntaxFactory.ExpressionStatement(rest));
                }

                statements.Add(kept.Release());
                if (returns)
                {
                    statements.Add(SyntaxFactory.ReturnStatement(SyntaxFactory.IdentifierName(resultName)));
                }

                return ExpressionBodies.WithBlock(current, statements) is { } replaced ? root.ReplaceNode(current, replaced) : null;
            });
        }

        /// <summary>The expression body the acquire is the whole of, or sits in: <c>=> core.GetExternalUser(file)</c>.</summary>
        private static ExpressionSyntax? ExpressionBodyOf(InvocationExpressionSyntax call)
        {
            foreach (var ancestor in call.AncestorsAndSelf().OfType<ExpressionSyntax>())
            {
                if (ancestor.Parent is ArrowExpressionClauseSyntax arrow && (arrow.Parent is BaseMethodDeclarationSyntax || arrow.Parent is LocalFunctionStatementSyntax))
                {
                    return ancestor;
                }

                if (ancestor.Parent is AnonymousFunctionExpressionSyntax lambda && lambda.ExpressionBody == ancestor)
                {
                    return ancestor;
                }

                if (ancestor is AnonymousFunctionExpressionSyntax)
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>
        /// Whether the call runs whenever <paramref name="container"/> does: not in a branch of <c>?:</c>, the right of
        /// <c>&amp;&amp;</c>, <c>||</c> or <c>??</c>, after <c>?.</c>, or in a switch expression's arm.
        /// </summary>
        internal static bool AlwaysRuns(SyntaxNode call, SyntaxNode container)
        {
            for (var node = call; node != container && node.Parent != null; node = node.Parent)
            {
                bool conditional = node.Parent switch
                {
                    ConditionalExpressionSyntax c => node != c.Condition,
                    BinaryExpressionSyntax b => node == b.Right && (b.IsKind(SyntaxKind.LogicalAndExpression) || b.IsKind(SyntaxKind.LogicalOrExpression) || b.IsKind(SyntaxKind.CoalesceExpression)),
                    AssignmentExpressionSyntax a => node == a.Right && a.IsKind(SyntaxKind.CoalesceAssignmentExpression),
                    ConditionalAccessExpressionSyntax access => node == access.WhenNotNull,
                    SwitchExpressionArmSyntax _ => true,
                    _ => false,
                };
                if (conditional)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsFunction(SyntaxNode node) =>
            node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax || node is MemberDeclarationSyntax;

        private static bool IsCallStatement(StatementSyntax statement, SyntaxNode call) =>
            statement is ExpressionStatementSyntax expression && expression.Expression == call;

        /// <summary><c>_ = core.GetExternalUser(file);</c></summary>
        private static bool IsDiscardAssignment(StatementSyntax statement, SyntaxNode call) =>
            statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier: { ValueText: "_" } } } assignment }
            && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right == call;

        private static LocalDeclarationStatementSyntax VarLocal(string name, ExpressionSyntax value) =>
            SyntaxFactory.LocalDeclarationStatement(SyntaxFactory.VariableDeclaration(
                SyntaxFactory.IdentifierName("var"),
                SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(name).WithInitializer(SyntaxFactory.EqualsValueClause(value.WithoutTrivia())))));
    }
}
