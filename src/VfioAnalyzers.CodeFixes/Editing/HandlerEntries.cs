using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using VfioAnalyzers.Reporting;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>
    /// The ways into an exit just after a try statement: the ends of its try and catch blocks, each with what the
    /// paths falling out of it hold (the analyzer's <c>Jumps</c> property). Found only when nothing between the try
    /// statement and the exit reads the variable, leaves or is a label, so a put at the end of a catch block is a put
    /// at the exit for exactly the paths that leave that catch.
    /// </summary>
    internal static class HandlerEntries
    {
        /// <summary>The blocks of the try statement that leads straight to the exit at <paramref name="span"/>; null when there is none.</summary>
        public static IReadOnlyList<(BlockSyntax Block, PathsHere Paths)>? Of(FixInput input, string variable)
        {
            if (!input.Diagnostic.Properties.TryGetValue(ReleaseHint.JumpsKey, out var text) || text == null)
            {
                return null;
            }

            var tryStatement = TryBefore(input.Root, input.Diagnostic.Location.SourceSpan.Start, variable);
            if (tryStatement == null)
            {
                return null;
            }

            var paths = text.Split(';')
                .Select(entry => entry.Split(new[] { ':' }, 2))
                .Where(parts => parts.Length == 2 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                .ToDictionary(parts => int.Parse(parts[0], CultureInfo.InvariantCulture), parts => PathsHere.Parse(parts[1]));
            var entries = new List<(BlockSyntax, PathsHere)>();
            foreach (var block in new[] { tryStatement.Block }.Concat(tryStatement.Catches.Select(c => c.Block)))
            {
                // A block no path falls out of (it returns, throws, or has nothing to find it by) has no entry.
                if (paths.TryGetValue(block.CloseBraceToken.SpanStart, out var here))
                {
                    entries.Add((block, here));
                }
                else if (block.Statements.Count == 0 || input.Model.AnalyzeControlFlow(block.Statements.Last()) is not { Succeeded: true, EndPointIsReachable: false })
                {
                    return null;
                }
            }

            return entries;
        }

        /// <summary>
        /// The try statement with catches just before the exit at <paramref name="position"/> (a statement, or the
        /// closing brace of the block), past plain statements that do not read the variable.
        /// </summary>
        private static TryStatementSyntax? TryBefore(SyntaxNode root, int position, string variable)
        {
            var token = root.FindToken(position);
            BlockSyntax? block;
            int index;
            if (token.IsKind(SyntaxKind.CloseBraceToken) && token.Parent is BlockSyntax closed)
            {
                block = closed;
                index = closed.Statements.Count;
            }
            else
            {
                var exit = token.Parent?.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.SpanStart == position && s.Parent is BlockSyntax);
                block = exit?.Parent as BlockSyntax;
                index = block != null ? block.Statements.IndexOf(exit!) : -1;
            }

            for (int i = index - 1; block != null && i >= 0; i--)
            {
                var statement = block.Statements[i];
                if (statement is TryStatementSyntax found)
                {
                    return found.Catches.Count > 0 ? found : null;
                }

                if (!(statement is ExpressionStatementSyntax || statement is LocalDeclarationStatementSyntax) || StatementEdits.Uses(statement, variable))
                {
                    return null;
                }
            }

            return null;
        }
    }
}
