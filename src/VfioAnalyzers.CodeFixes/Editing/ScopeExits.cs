using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>
    /// The statements through which control leaves a run of statements (the rest of a block after a new local):
    /// where a local declared at its start must be released. Null when some way out cannot take a release before
    /// it (a <c>goto</c> out, a <c>throw</c> expression).
    /// </summary>
    internal static class ScopeExits
    {
        public static List<StatementSyntax>? Of(IReadOnlyList<StatementSyntax> statements)
        {
            var inside = new HashSet<SyntaxNode>(statements.SelectMany(StatementEdits.OwnBodyNodes));
            var exits = new List<StatementSyntax>();
            foreach (var node in statements.SelectMany(StatementEdits.OwnBodyNodes))
            {
                switch (node)
                {
                    case ReturnStatementSyntax _:
                    case ThrowStatementSyntax _:
                    case YieldStatementSyntax y when y.ReturnOrBreakKeyword.ValueText == "break":
                        exits.Add((StatementSyntax)node);
                        break;
                    case BreakStatementSyntax _:
                    case ContinueStatementSyntax _:
                    case GotoStatementSyntax caseJump when !caseJump.IsKind(SyntaxKind.GotoStatement):
                        // Leaves the run when the loop or switch it jumps in is outside it.
                        var target = node.Ancestors().FirstOrDefault(a => a is SwitchStatementSyntax ? !(node is ContinueStatementSyntax) : IsLoop(a));
                        if (target == null || !inside.Contains(target))
                        {
                            exits.Add((StatementSyntax)node);
                        }

                        break;
                    case GotoStatementSyntax jump when !(jump.Expression is IdentifierNameSyntax label) || !inside.OfType<LabeledStatementSyntax>().Any(l => l.Identifier.ValueText == label.Identifier.ValueText):
                    case ThrowExpressionSyntax _:
                        return null;
                }
            }

            return exits;
        }

        private static bool IsLoop(SyntaxNode node) =>
            node is WhileStatementSyntax || node is DoStatementSyntax || node is ForStatementSyntax || node is CommonForEachStatementSyntax;
    }
}
