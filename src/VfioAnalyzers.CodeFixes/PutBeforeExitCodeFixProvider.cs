using System.Collections.Generic;
using System.Collections.Immutable;
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
    /// VFIO001: releases the reference just before the exit it leaks through (the reviewed kernel fix): before the
    /// <c>return</c>/<c>throw</c>/jump, wrapping an embedded one in a block, or at the end of the block it falls out of.
    /// When the returned or thrown value reads the reference, the value is computed into a local first.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PutBeforeExitCodeFixProvider))]
    public sealed class PutBeforeExitCodeFixProvider : VfioCodeFixProvider
    {
        public const string Key = "VFIO001.PutBeforeExit";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.NotReleasedOnPath);

        protected override string Title => "Put the reference before this exit";

        protected override string EquivalenceKey => Key;

        // Fix All (and dotnet format) wraps in a finally the leaks no put before an exit fixes.
        internal override VfioCodeFixProvider? Sibling => new PutInFinallyCodeFixProvider();

        internal override PreparedFix? Prepare(FixInput input)
        {
            var diagnostic = input.Diagnostic;
            var span = diagnostic.Location.SourceSpan;

            // A path through this exit with the reference released, handed on or unknown: a put here would be wrong there.
            var paths = PathsHere.From(diagnostic);
            if (!diagnostic.Location.IsInSource || diagnostic.AdditionalLocations.Count == 0 || !paths.SomeHeld)
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
            if (!paths.OnlyHeldOrNull)
            {
                // A cleanup label also reached released or without the reference: put before the gotos that bring it.
                return BeforeJumps(input, acquire, hints, key);
            }

            if (!InScopeAt(input, acquire, span.Start, hints.Variable))
            {
                return null;
            }

            var token = input.Root.FindToken(span.Start);
            if (token.IsKind(SyntaxKind.CloseBraceToken) && token.Span == span && token.Parent is BlockSyntax block)
            {
                var release = FinallyStillUses(block, hints.Variable) ? null : SafeRelease.AtEndOf(input, hints, block, paths);
                return release == null ? null : new PreparedFix(key, new[] { block }, root => StatementEdits.Append(root, block, release));
            }

            var node = input.Root.FindNode(span, getInnermostNodeForTie: true);
            var statement = node.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Span == span);
            if (statement != null)
            {
                return Exit(input, hints, paths, key, statement);
            }

            var expression = node.AncestorsAndSelf().OfType<ExpressionSyntax>().FirstOrDefault(e => e.Span == span);
            return expression switch
            {
                ThrowExpressionSyntax thrown => ThrowExpressionExit(input, hints, paths, key, thrown),
                null => null,
                _ => ExpressionBody(input, hints, paths, key, expression),
            };
        }

        /// <summary>
        /// The leak is at an exit that some paths reach released or without the reference: a cleanup label reached by
        /// gotos, or the statement after a try whose catch falls out holding it. The put goes on the ways in whose
        /// paths all hold it (guarded where null): before each such goto, the kernel's own shape for a cleanup label,
        /// or at the end of each such try or catch block. Not offered when the paths of one way in disagree, or the
        /// exit has another way in.
        /// </summary>
        private static PreparedFix? BeforeJumps(FixInput input, SyntaxNode acquire, ReleaseHints hints, string key)
        {
            var span = input.Diagnostic.Location.SourceSpan;
            var exit = input.Root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Span == span);
            var entries = (exit != null ? LabelEntries.Of(input, exit, hints.Variable)?.Select(e => ((SyntaxNode)e.Jump, e.Paths)) : null)
                ?? HandlerEntries.Of(input, hints.Variable)?.Select(e => ((SyntaxNode)e.Block, e.Paths));
            if (entries == null)
            {
                return null;
            }

            var puts = new List<(SyntaxNode Place, StatementSyntax Release)>();
            foreach (var (place, paths) in entries)
            {
                if (!paths.SomeHeld)
                {
                    continue;
                }

                var release = !paths.OnlyHeldOrNull || FinallyStillUses(place, hints.Variable) ? null
                    : place is BlockSyntax block ? (InScopeAt(input, acquire, block.CloseBraceToken.SpanStart, hints.Variable) ? SafeRelease.AtEndOf(input, hints, block, paths) : null)
                    : InScopeAt(input, acquire, place.SpanStart, hints.Variable) ? SafeRelease.At(input, hints, place.SpanStart, paths)
                    : null;
                if (release == null)
                {
                    return null;
                }

                puts.Add((place, release));
            }

            return puts.Count == 0 ? null : new PreparedFix(key, puts.Select(p => p.Place).ToArray(), root =>
            {
                foreach (var (place, release) in puts)
                {
                    root = (place is BlockSyntax block ? StatementEdits.Append(root, block, release) : StatementEdits.InsertBefore(root, (StatementSyntax)place, new[] { release })) ?? root;
                }

                return root;
            });
        }

        /// <summary>
        /// Whether a finally that runs after <paramref name="place"/> (leaving a try block or a catch around it) reads
        /// the variable: a put before the exit would have the finally use a released reference.
        /// </summary>
        private static bool FinallyStillUses(SyntaxNode place, string variable) =>
            place.Ancestors().TakeWhile(n => !(n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax || n is MemberDeclarationSyntax))
                .OfType<TryStatementSyntax>()
                .Any(t => t.Finally != null && !t.Finally.Span.Contains(place.Span) && StatementEdits.Uses(t.Finally.Block, variable));

        /// <summary>
        /// Whether the exit is in the same function as the acquisition and the variable binds there to a local or
        /// parameter. A leak in a local function is also reported where its caller returns (the local function is
        /// inlined): a put there would name a variable out of scope.
        /// </summary>
        private static bool InScopeAt(FixInput input, SyntaxNode acquire, int position, string variable)
        {
            var token = input.Root.FindToken(position);
            if (token.Parent?.AncestorsAndSelf().OfType<AnonymousFunctionExpressionSyntax>().FirstOrDefault() is { ExpressionBody: { } body } lambda
                && lambda.SpanStart == position)
            {
                // A lambda's leak is reported on the whole lambda: its body is where the put goes.
                token = body.GetFirstToken();
                position = token.SpanStart;
            }

            if (token.Parent == null || Function(acquire) != Function(token.Parent))
            {
                return false;
            }

            // At a closing brace the block's locals are no longer in scope: look just before it.
            var lookup = token.IsKind(SyntaxKind.CloseBraceToken) ? token.GetPreviousToken().SpanStart : position;
            return input.Model.LookupSymbols(lookup, name: variable)
                .Any(s => s.Kind == SymbolKind.Local || s.Kind == SymbolKind.Parameter);
        }

        private static SyntaxNode? Function(SyntaxNode node) =>
            node.AncestorsAndSelf().FirstOrDefault(n =>
                n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax
                || n is BaseMethodDeclarationSyntax || n is AccessorDeclarationSyntax || n is MemberDeclarationSyntax);

        private static PreparedFix? Exit(FixInput input, ReleaseHints hints, PathsHere paths, string key, StatementSyntax exit)
        {
            if (!(exit.Parent is BlockSyntax || exit.Parent is SwitchSectionSyntax || exit.Parent is StatementSyntax || exit.Parent is ElseClauseSyntax)
                || FinallyStillUses(exit, hints.Variable))
            {
                return null;
            }

            var release = SafeRelease.At(input, hints, exit.SpanStart, paths);
            if (release == null)
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
                return new PreparedFix(key, new[] { exit }, root => StatementEdits.InsertBefore(root, exit, new[] { release }));
            }

            // The value reads the reference: compute it first, then put, then leave with the local.
            var name = StatementEdits.UniqueName(input, exit, exit is ThrowStatementSyntax ? "exception" : "result");
            var local = StatementEdits.Local(input.Document, input.Model, value, name);
            return new PreparedFix(key, new SyntaxNode[] { exit, value }, root =>
                StatementEdits.InsertBefore(root, exit, new StatementSyntax[] { local, release }, current =>
                {
                    var currentValue = current.GetCurrentNode(value);
                    return currentValue == null
                        ? current
                        : current.ReplaceNode(currentValue, SyntaxFactory.IdentifierName(name).WithTriviaFrom(currentValue));
                }));
        }

        /// <summary>
        /// A throw expression (<c>var n = name ?? throw e;</c>) becomes the statement it stands for, with the put before
        /// the throw: <c>if (name is null) { put; throw e; } var n = name;</c>.
        /// </summary>
        private static PreparedFix? ThrowExpressionExit(FixInput input, ReleaseHints hints, PathsHere paths, string key, ThrowExpressionSyntax thrown)
        {
            var parts = ThrowExpressions.Of(input.Model, thrown);
            if (parts == null || FinallyStillUses(parts.Statement, hints.Variable) || StatementEdits.Uses(parts.Thrown.Expression, hints.Variable))
            {
                return null;
            }

            var release = SafeRelease.At(input, hints, parts.Statement.SpanStart, paths);
            if (release == null)
            {
                return null;
            }

            var guard = parts.ThrowingIf(release);
            return new PreparedFix(key, new SyntaxNode[] { parts.Statement, parts.Whole }, root =>
                StatementEdits.InsertBefore(root, parts.Statement, new StatementSyntax[] { guard }, current =>
                    current.GetCurrentNode(parts.Whole) is { } whole ? current.ReplaceNode(whole, parts.Value.WithTriviaFrom(whole)) : current));
        }

        /// <summary>
        /// <c>=> value</c> becomes a block that computes the value, puts, and returns it. A lambda's leak is reported on
        /// the lambda: its body is the value. When some path gets there without the reference (a Try method's out
        /// variable declared in the value), the put is guarded by a null test on that variable.
        /// </summary>
        private static PreparedFix? ExpressionBody(FixInput input, ReleaseHints hints, PathsHere paths, string key, ExpressionSyntax value)
        {
            if (value is AnonymousFunctionExpressionSyntax reported && reported.ExpressionBody != null)
            {
                value = reported.ExpressionBody;
            }

            var parent = value.Parent;
            IMethodSymbol? method = parent switch
            {
                ArrowExpressionClauseSyntax arrow when arrow.Parent is BaseMethodDeclarationSyntax || arrow.Parent is LocalFunctionStatementSyntax =>
                    input.Model.GetDeclaredSymbol(arrow.Parent, input.CancellationToken) as IMethodSymbol,
                AnonymousFunctionExpressionSyntax lambda when lambda.ExpressionBody == value =>
                    input.Model.GetSymbolInfo(lambda, input.CancellationToken).Symbol as IMethodSymbol,
                _ => null,
            };

            if (parent == null || method == null || method.IsAsync)
            {
                return null;
            }

            StatementSyntax release = hints.ReleaseStatement();
            if (paths.SomeNullOrFailed)
            {
                var declared = value.DescendantNodes().OfType<SingleVariableDesignationSyntax>()
                    .FirstOrDefault(d => d.Identifier.ValueText == hints.Variable);
                var local = declared != null ? input.Model.GetDeclaredSymbol(declared, input.CancellationToken) as ILocalSymbol : null;
                if (local == null || !local.Type.IsReferenceType)
                {
                    return null;
                }

                release = SafeRelease.NullGuarded(hints.Variable, release);
            }

            var statements = new List<StatementSyntax>();
            if (method.ReturnsVoid)
            {
                statements.Add(SyntaxFactory.ExpressionStatement(value.WithoutTrivia()));
                statements.Add(release);
            }
            else
            {
                var name = StatementEdits.UniqueName(input, value, "result");
                statements.Add(StatementEdits.Local(input.Document, input.Model, value, name));
                statements.Add(release);
                statements.Add(SyntaxFactory.ReturnStatement(SyntaxFactory.IdentifierName(name)));
            }

            var function = parent is ArrowExpressionClauseSyntax clause ? clause.Parent! : parent;
            return new PreparedFix(key, new[] { function }, root =>
                root.GetCurrentNode(function) is { } current && ExpressionBodies.WithBlock(current, statements) is { } replaced
                    ? root.ReplaceNode(current, replaced)
                    : null);
        }
    }
}
