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
    /// The ways into a cleanup label whose exit leaks: the <c>goto</c>s that jump there, each with what its paths hold
    /// (the analyzer's <c>Jumps</c> property). Found only when every way in is a goto: no fall-through into the label,
    /// and nothing between the label and the exit that reads the variable or leaves, so a put before a goto is a put
    /// at the exit for exactly the paths that took it.
    /// </summary>
    internal static class LabelEntries
    {
        /// <summary>The gotos into the label that leads straight to <paramref name="exit"/>; null when there is none or another way in.</summary>
        public static IReadOnlyList<(GotoStatementSyntax Jump, PathsHere Paths)>? Of(FixInput input, StatementSyntax exit, string variable)
        {
            var labeled = LabelBefore(exit, variable);
            if (labeled == null || !(labeled.Parent is BlockSyntax block) || !input.Diagnostic.Properties.TryGetValue(ReleaseHint.JumpsKey, out var text) || text == null)
            {
                return null;
            }

            // Falling into the label from the statement above would reach the exit with no goto to put before.
            int index = block.Statements.IndexOf(labeled);
            if (index == 0 || input.Model.AnalyzeControlFlow(block.Statements[index - 1]) is not { Succeeded: true, EndPointIsReachable: false })
            {
                return null;
            }

            var paths = text.Split(';')
                .Select(entry => entry.Split(new[] { ':' }, 2))
                .Where(parts => parts.Length == 2 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                .ToDictionary(parts => int.Parse(parts[0], CultureInfo.InvariantCulture), parts => PathsHere.Parse(parts[1]));
            var function = labeled.Ancestors().First(n => n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax || n is MemberDeclarationSyntax);
            var entries = new List<(GotoStatementSyntax, PathsHere)>();
            foreach (var jump in StatementEdits.OwnBodyNodes(function).OfType<GotoStatementSyntax>()
                .Where(g => g.IsKind(SyntaxKind.GotoStatement) && g.Expression is IdentifierNameSyntax name && name.Identifier.ValueText == labeled.Identifier.ValueText))
            {
                // A goto no path takes has no entry: nothing to put there.
                if (paths.TryGetValue(jump.SpanStart, out var here))
                {
                    entries.Add((jump, here));
                }
            }

            return entries;
        }

        /// <summary>
        /// The labeled statement whose label leads to <paramref name="exit"/> through statements that neither read
        /// the variable nor leave: the exit itself, or one of the plain statements just above it.
        /// </summary>
        private static LabeledStatementSyntax? LabelBefore(StatementSyntax exit, string variable)
        {
            if (exit.Parent is LabeledStatementSyntax own)
            {
                return own;
            }

            if (!(exit.Parent is BlockSyntax block))
            {
                return null;
            }

            for (int i = block.Statements.IndexOf(exit) - 1; i >= 0; i--)
            {
                var statement = block.Statements[i];
                var plain = statement is LabeledStatementSyntax labeled ? labeled.Statement : statement;
                if (!(plain is ExpressionStatementSyntax || plain is LocalDeclarationStatementSyntax || plain is EmptyStatementSyntax) || StatementEdits.Uses(plain, variable))
                {
                    return null;
                }

                if (statement is LabeledStatementSyntax found)
                {
                    return found;
                }
            }

            return null;
        }
    }
}
