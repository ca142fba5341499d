using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace VfioAnalyzers.Reporting
{
    /// <summary>
    /// Finds the syntax of the exit an edge takes. The control-flow graph drops empty blocks, so a bare
    /// <c>return;</c>, a rethrow or the fall-through to the closing brace leave no operation behind; the exit is
    /// recovered from where the edge starts: the statement after the last operation, or the side of the condition taken.
    /// </summary>
    internal static class ExitLocator
    {
        private const int MaxJumps = 16;

        public static Location ForThrow(IOperation? thrown)
        {
            var node = thrown?.Syntax.AncestorsAndSelf().FirstOrDefault(n => n is ThrowStatementSyntax || n is ThrowExpressionSyntax);
            return (node ?? thrown?.Syntax)?.GetLocation() ?? Location.None;
        }

        public static Location ForRethrow(BasicBlock source, ControlFlowGraph graph)
        {
            var last = source.Operations.LastOrDefault();
            var statement = last?.Syntax.FirstAncestorOrSelf<StatementSyntax>();
            var found = statement != null ? NextAfter(statement, followJumps: false, jumps: 0) : HandlerRethrow(source, graph);

            return found ?? BodyEnd(graph.OriginalOperation.Syntax) ?? graph.OriginalOperation.Syntax.GetLocation();
        }

        /// <summary>
        /// A catch block whose only statement is the rethrow leaves no operation to start from: the catch clause is
        /// found from its try block's syntax and the handler's position among the try's handlers.
        /// </summary>
        private static Location? HandlerRethrow(BasicBlock source, ControlFlowGraph graph)
        {
            var handler = source.EnclosingRegion;
            while (handler != null && handler.EnclosingRegion?.Kind != ControlFlowRegionKind.TryAndCatch)
            {
                handler = handler.EnclosingRegion;
            }

            var tryAndCatch = handler?.EnclosingRegion;
            if (handler == null || tryAndCatch == null || tryAndCatch.NestedRegions.Length < 2)
            {
                return null;
            }

            var tryRegion = tryAndCatch.NestedRegions[0];
            int index = tryAndCatch.NestedRegions.IndexOf(handler) - 1;
            for (int ordinal = tryRegion.FirstBlockOrdinal; ordinal <= tryRegion.LastBlockOrdinal; ordinal++)
            {
                var block = graph.Blocks[ordinal];
                var syntax = block.Operations.FirstOrDefault()?.Syntax ?? block.BranchValue?.Syntax;
                var tryStatement = syntax?.AncestorsAndSelf().OfType<TryStatementSyntax>().FirstOrDefault(t => t.Block.Span.Contains(syntax.Span));
                if (tryStatement == null)
                {
                    continue;
                }

                if (index < 0 || index >= tryStatement.Catches.Count)
                {
                    return null;
                }

                var rethrow = tryStatement.Catches[index].Block.DescendantNodes().OfType<ThrowStatementSyntax>().FirstOrDefault(t => t.Expression == null);
                return rethrow?.GetLocation();
            }

            return null;
        }

        /// <summary>The exit of an edge into the body's exit block.</summary>
        public static Location ForEdge(BasicBlock source, ControlFlowBranch edge, ControlFlowGraph graph)
        {
            if (edge.Semantics == ControlFlowBranchSemantics.Return && source.BranchValue != null)
            {
                var node = source.BranchValue.Syntax.AncestorsAndSelf().FirstOrDefault(n => n is ReturnStatementSyntax || n is ArrowExpressionClauseSyntax);
                return node is ArrowExpressionClauseSyntax arrow ? arrow.Expression.GetLocation() : (node ?? source.BranchValue.Syntax).GetLocation();
            }

            return Resolve(source, edge, graph, followJumps: true);
        }

        /// <summary>Where a local's scope ends on an edge that stays in the body: a jump, or the end of a block.</summary>
        public static Location ForScopeEnd(BasicBlock source, ControlFlowBranch edge, ControlFlowGraph graph) =>
            Resolve(source, edge, graph, followJumps: false);

        /// <summary>Whether the body has a <c>goto</c> to a label, or a catch clause.</summary>
        public static bool HasJumps(ControlFlowGraph graph) =>
            JumpsByGraph.GetValue(graph, static g => new StrongBox<bool>(g.OriginalOperation.Syntax.DescendantNodes().Any(n => n.IsKind(SyntaxKind.GotoStatement) || n.IsKind(SyntaxKind.CatchClause)))).Value;

        // Asked by every run over the graph (the reported run, and each silent run of a finally region for a probe): the
        // walk over the body's syntax is made once per graph.
        private static readonly ConditionalWeakTable<ControlFlowGraph, StrongBox<bool>> JumpsByGraph = new ConditionalWeakTable<ControlFlowGraph, StrongBox<bool>>();

        /// <summary>
        /// The closing brace of the try or catch block an edge falls out of, or null when it leaves none (or the block
        /// has no operation to find it by).
        /// </summary>
        public static Location? HandlerEndOf(BasicBlock source, ControlFlowBranch edge)
        {
            if (!edge.LeavingRegions.Any(r => r.Kind == ControlFlowRegionKind.Try || r.Kind == ControlFlowRegionKind.Catch))
            {
                return null;
            }

            var syntax = (source.BranchValue ?? source.Operations.LastOrDefault())?.Syntax;
            var block = syntax?.AncestorsAndSelf().OfType<BlockSyntax>().FirstOrDefault(b => b.Parent is CatchClauseSyntax || (b.Parent is TryStatementSyntax t && t.Block == b));
            return block?.CloseBraceToken.GetLocation();
        }

        /// <summary>The <c>goto label;</c> an edge takes, or null when it takes none.</summary>
        public static Location? GotoOf(BasicBlock source, ControlFlowBranch edge, ControlFlowGraph graph)
        {
            var location = Resolve(source, edge, graph, followJumps: false);
            var node = location.SourceTree?.GetRoot().FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            return node is GotoStatementSyntax jump && jump.IsKind(SyntaxKind.GotoStatement) && jump.Span == location.SourceSpan ? location : null;
        }

        /// <summary>A short text for an expression, for messages.</summary>
        public static string Describe(SyntaxNode syntax)
        {
            var text = string.Join(" ", syntax.ToString().Split(new[] { ' ', '\t', '\r', '\n' }, System.StringSplitOptions.RemoveEmptyEntries));
            return text.Length > 60 ? text.Substring(0, 57) + "..." : text;
        }

        private static Location Resolve(BasicBlock source, ControlFlowBranch edge, ControlFlowGraph graph, bool followJumps)
        {
            Location? found = null;
            if (source.BranchValue != null && source.ConditionalSuccessor != null)
            {
                bool jumpsWhen = source.ConditionKind == ControlFlowConditionKind.WhenTrue;
                bool value = ReferenceEquals(edge, source.ConditionalSuccessor) ? jumpsWhen : !jumpsWhen;
                found = AfterCondition(source.BranchValue.Syntax, value, followJumps);
            }
            else
            {
                var last = source.BranchValue ?? source.Operations.LastOrDefault();
                var statement = last?.Syntax.FirstAncestorOrSelf<StatementSyntax>();
                if (statement != null)
                {
                    found = NextAfter(statement, followJumps, jumps: 0);
                }
            }

            return found ?? BodyEnd(graph.OriginalOperation.Syntax) ?? graph.OriginalOperation.Syntax.GetLocation();
        }

        /// <summary>Where control goes when a condition comes out <paramref name="value"/>.</summary>
        private static Location? AfterCondition(SyntaxNode condition, bool value, bool followJumps)
        {
            var current = condition;
            while (current.Parent != null)
            {
                var parent = current.Parent;
                switch (parent)
                {
                    case ParenthesizedExpressionSyntax _:
                        break;
                    case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.LogicalNotExpression):
                        value = !value;
                        break;
                    case BinaryExpressionSyntax logicalAnd when logicalAnd.IsKind(SyntaxKind.LogicalAndExpression):
                        if (current == logicalAnd.Left && value)
                        {
                            return null;
                        }

                        break;
                    case BinaryExpressionSyntax logicalOr when logicalOr.IsKind(SyntaxKind.LogicalOrExpression):
                        if (current == logicalOr.Left && !value)
                        {
                            return null;
                        }

                        break;
                    case IfStatementSyntax ifStatement when current == ifStatement.Condition:
                        return value ? FirstExecuted(ifStatement.Statement, followJumps, 0)
                            : ifStatement.Else != null ? FirstExecuted(ifStatement.Else.Statement, followJumps, 0)
                            : NextAfter(ifStatement, followJumps, 0);
                    case WhileStatementSyntax whileStatement when current == whileStatement.Condition:
                        return value ? FirstExecuted(whileStatement.Statement, followJumps, 0) : NextAfter(whileStatement, followJumps, 0);
                    case ForStatementSyntax forStatement when current == forStatement.Condition:
                        return value ? FirstExecuted(forStatement.Statement, followJumps, 0) : NextAfter(forStatement, followJumps, 0);
                    case DoStatementSyntax doStatement when current == doStatement.Condition:
                        return value ? FirstExecuted(doStatement.Statement, followJumps, 0) : NextAfter(doStatement, followJumps, 0);
                    case SwitchSectionSyntax section:
                        return value && section.Statements.Count > 0 ? FirstExecuted(section.Statements[0], followJumps, 0) : NextAfter((StatementSyntax)section.Parent!, followJumps, 0);
                    case StatementSyntax statement:
                        return NextAfter(statement, followJumps, 0);
                    default:
                        if (parent is ExpressionSyntax || parent is PatternSyntax || parent is ArgumentSyntax || parent is SwitchLabelSyntax || parent is WhenClauseSyntax)
                        {
                            break;
                        }

                        return null;
                }

                current = parent;
            }

            // A foreach's "move next" test has the loop itself as its syntax.
            if (condition is CommonForEachStatementSyntax loop)
            {
                return value ? FirstExecuted(loop.Statement, followJumps, 0) : NextAfter(loop, followJumps, 0);
            }

            return null;
        }

        private static Location? FirstExecuted(StatementSyntax statement, bool followJumps, int jumps)
        {
            switch (statement)
            {
                case BlockSyntax block:
                    return block.Statements.Count > 0 ? FirstExecuted(block.Statements[0], followJumps, jumps) : NextAfter(block, followJumps, jumps);
                case LabeledStatementSyntax labeled:
                    return FirstExecuted(labeled.Statement, followJumps, jumps);
                case EmptyStatementSyntax _:
                    return NextAfter(statement, followJumps, jumps);
                case GotoStatementSyntax jump when followJumps && jumps < MaxJumps && jump.IsKind(SyntaxKind.GotoStatement) && jump.Expression is IdentifierNameSyntax label:
                    var target = statement.Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault()?
                        .DescendantNodes().OfType<LabeledStatementSyntax>().FirstOrDefault(l => l.Identifier.ValueText == label.Identifier.ValueText);
                    return target != null ? FirstExecuted(target, followJumps, jumps + 1) : statement.GetLocation();
                case BreakStatementSyntax _ when followJumps && jumps < MaxJumps:
                    var breakable = statement.Ancestors().FirstOrDefault(n => n is SwitchStatementSyntax || n is WhileStatementSyntax || n is DoStatementSyntax || n is ForStatementSyntax || n is CommonForEachStatementSyntax);
                    return breakable is StatementSyntax loop ? NextAfter(loop, followJumps, jumps + 1) : statement.GetLocation();
                default:
                    return statement.GetLocation();
            }
        }

        private static Location? NextAfter(StatementSyntax statement, bool followJumps, int jumps)
        {
            switch (statement.Parent)
            {
                case BlockSyntax block:
                    int index = block.Statements.IndexOf(statement);
                    if (index + 1 < block.Statements.Count)
                    {
                        return FirstExecuted(block.Statements[index + 1], followJumps, jumps);
                    }

                    return IsBodyOrLoopBody(block) ? block.CloseBraceToken.GetLocation() : NextAfter(block, followJumps, jumps);
                case SwitchSectionSyntax section:
                    int position = section.Statements.IndexOf(statement);
                    return position + 1 < section.Statements.Count
                        ? FirstExecuted(section.Statements[position + 1], followJumps, jumps)
                        : NextAfter((StatementSyntax)section.Parent!, followJumps, jumps);
                case ElseClauseSyntax elseClause:
                    return NextAfter((StatementSyntax)elseClause.Parent!, followJumps, jumps);
                case StatementSyntax parent when !(parent is BlockSyntax) && !IsLoop(parent):
                    return NextAfter(parent, followJumps, jumps);
                case CatchClauseSyntax catchClause:
                    return NextAfter((StatementSyntax)catchClause.Parent!, followJumps, jumps);
                case FinallyClauseSyntax finallyClause:
                    return NextAfter((StatementSyntax)finallyClause.Parent!, followJumps, jumps);
                case GlobalStatementSyntax _:
                    return null;
                default:
                    return BodyEnd(statement.Parent);
            }
        }

        private static bool IsLoop(SyntaxNode node) =>
            node is WhileStatementSyntax || node is DoStatementSyntax || node is ForStatementSyntax || node is CommonForEachStatementSyntax;

        private static bool IsBodyOrLoopBody(BlockSyntax block) =>
            block.Parent is BaseMethodDeclarationSyntax || block.Parent is AccessorDeclarationSyntax ||
            block.Parent is LocalFunctionStatementSyntax || block.Parent is AnonymousFunctionExpressionSyntax ||
            (block.Parent != null && IsLoop(block.Parent));

        private static Location? BodyEnd(SyntaxNode? node)
        {
            switch (node)
            {
                case BlockSyntax block:
                    return block.CloseBraceToken.GetLocation();
                case BaseMethodDeclarationSyntax method:
                    return method.Body?.CloseBraceToken.GetLocation() ?? method.ExpressionBody?.Expression.GetLocation();
                case AccessorDeclarationSyntax accessor:
                    return accessor.Body?.CloseBraceToken.GetLocation() ?? accessor.ExpressionBody?.Expression.GetLocation();
                case LocalFunctionStatementSyntax localFunction:
                    return localFunction.Body?.CloseBraceToken.GetLocation() ?? localFunction.ExpressionBody?.Expression.GetLocation();
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.Block?.CloseBraceToken.GetLocation() ?? lambda.ExpressionBody?.GetLocation();
                case ArrowExpressionClauseSyntax arrow:
                    return arrow.Expression.GetLocation();
                default:
                    return null;
            }
        }
    }
}
