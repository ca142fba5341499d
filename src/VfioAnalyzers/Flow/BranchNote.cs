using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Flow
{
    /// <summary>The last condition a path decided after its latest acquire, for messages ("when 'ret != 0' is true").</summary>
    internal sealed class BranchNote
    {
        public BranchNote(SyntaxNode condition, bool truth)
            : this(condition, truth, nullTest: false)
        {
        }

        private BranchNote(SyntaxNode condition, bool truth, bool nullTest)
        {
            Condition = condition;
            Truth = truth;
            NullTest = nullTest;
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

        /// <summary>The implicit null test of <c>??</c> or <c>?.</c>: <see cref="Truth"/> means "is null".</summary>
        public bool NullTest { get; }

        public static BranchNote ForNullTest(SyntaxNode operand, bool isNull) => new BranchNote(operand, isNull, nullTest: true);

        /// <summary>A switch section or arm is named as the test it makes: "mode is 1".</summary>
        private static string TextOf(SyntaxNode condition)
        {
            for (var node = condition; node != null && !(node is Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax); node = node.Parent)
            {
                switch (node)
                {
                    case Microsoft.CodeAnalysis.CSharp.Syntax.WhenClauseSyntax _:
                        return condition.ToString();
                    case Microsoft.CodeAnalysis.CSharp.Syntax.SwitchExpressionArmSyntax arm when arm.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.SwitchExpressionSyntax switchExpression:
                        return switchExpression.GoverningExpression + " is " + arm.Pattern;
                    case Microsoft.CodeAnalysis.CSharp.Syntax.CaseSwitchLabelSyntax label when label.Parent?.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.SwitchStatementSyntax switchStatement:
                        return switchStatement.Expression + " is " + label.Value;
                    case Microsoft.CodeAnalysis.CSharp.Syntax.CasePatternSwitchLabelSyntax label when label.Parent?.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.SwitchStatementSyntax switchStatement:
                        return switchStatement.Expression + " is " + label.Pattern;
                }
            }

            return condition.ToString();
        }

        /// <summary>The condition on one line: runs of whitespace (line breaks included) become one space.</summary>
        private static string CollapseWhitespace(string text)
        {
            var builder = new System.Text.StringBuilder(text.Length);
            bool pendingSpace = false;
            foreach (char c in text)
            {
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                {
                    pendingSpace = builder.Length > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    builder.Append(' ');
                    pendingSpace = false;
                }

                builder.Append(c);
            }

            return builder.ToString();
        }

        public string Describe()
        {
            var text = CollapseWhitespace(TextOf(Condition));
            if (text.Length > 60)
            {
                text = text.Substring(0, 57) + "...";
            }

            // A foreach's "move next" test has the collection (or the loop) as its syntax: say it in loop words.
            var loop = Condition as Microsoft.CodeAnalysis.CSharp.Syntax.CommonForEachStatementSyntax
                ?? (Condition.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.CommonForEachStatementSyntax parent && parent.Expression == Condition ? parent : null);
            if (loop != null && !NullTest)
            {
                var collection = Reporting.ExitLocator.Describe(loop.Expression);
                return Truth ? $" (in the loop over '{collection}')" : $" (after the loop over '{collection}')";
            }

            var outcome = NullTest ? (Truth ? "null" : "not null") : (Truth ? "true" : "false");
            return $" (when '{text}' is {outcome})";
        }
    }
}
