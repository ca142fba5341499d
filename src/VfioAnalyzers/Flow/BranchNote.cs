using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Flow
{
    /// <summary>The last condition a path decided after its latest acquire, for messages ("when 'ret != 0' is true").</summary>
    internal sealed class BranchNote
    {
        public BranchNote(SyntaxNode condition, bool truth)
        {
            Condition = condition;
            Truth = truth;
        }

        public SyntaxNode Condition { get; }

        /// <summary>
        /// The graph branches on <c>x</c> for a source <c>!x</c>; the note names the condition as written.
        /// </summary>
        public static BranchNote For(SyntaxNode condition, bool truth)
        {
            while (condition.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.PrefixUnaryExpressionSyntax not &&
                   not.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.LogicalNotExpression))
            {
                condition = not;
                truth = !truth;
            }

            return new BranchNote(condition, truth);
        }

        public bool Truth { get; }

        public string Describe()
        {
            var text = Condition.ToString();
            text = string.Join(" ", text.Split(new[] { ' ', '\t', '\r', '\n' }, System.StringSplitOptions.RemoveEmptyEntries));
            if (text.Length > 60)
            {
                text = text.Substring(0, 57) + "...";
            }

            return $" (when '{text}' is {(Truth ? "true" : "false")})";
        }
    }
}
