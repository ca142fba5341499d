using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>
    /// Reads the release hint the analyzer puts in VFIO001/005/006 properties (keys as in the analyzer's
    /// <c>Reporting/ReleaseHint</c>) and builds the release call of the reference's kind.
    /// </summary>
    internal sealed class ReleaseHints
    {
        // The property names are the analyzer's: one definition for both sides.
        public const string MemberKey = Reporting.ReleaseHint.MemberKey;
        public const string ReceiverKey = Reporting.ReleaseHint.ReceiverKey;
        public const string ShapeKey = Reporting.ReleaseHint.ShapeKey;
        public const string VariableKey = Reporting.ReleaseHint.VariableKey;
        public const string ShapeReceiver = Reporting.ReleaseHint.ShapeReceiver;

        private readonly ExpressionSyntax? _receiver;

        private ReleaseHints(string member, bool onReceiver, ExpressionSyntax? receiver, string variable)
        {
            Member = member;
            OnReceiver = onReceiver;
            _receiver = receiver;
            Variable = variable;
        }

        public string Member { get; }

        public bool OnReceiver { get; }

        public string Variable { get; }

        /// <summary>
        /// The hint of <paramref name="diagnostic"/>, or null when the analyzer found no release member or the
        /// receiver is not a plain name (calling an expression again could release through another object).
        /// <paramref name="acquire"/> (the acquiring call) lets a static release member be named so that it binds.
        /// </summary>
        public static ReleaseHints? From(FixInput input, SyntaxNode? acquire, string? variableOverride = null)
        {
            var properties = input.Diagnostic.Properties;
            if (!properties.TryGetValue(MemberKey, out var member) || member == null || !SyntaxFacts.IsValidIdentifier(member))
            {
                return null;
            }

            properties.TryGetValue(VariableKey, out var variable);
            variable = variableOverride ?? variable;
            if (variable == null || !SyntaxFacts.IsValidIdentifier(variable))
            {
                return null;
            }

            properties.TryGetValue(ShapeKey, out var shape);
            if (shape == ShapeReceiver)
            {
                return new ReleaseHints(member, onReceiver: true, receiver: null, variable);
            }

            properties.TryGetValue(ReceiverKey, out var receiverText);
            if (receiverText == null)
            {
                return new ReleaseHints(member, onReceiver: false, receiver: null, variable);
            }

            var receiver = SyntaxFactory.ParseExpression(receiverText);
            if (receiver.ContainsDiagnostics || !IsPlainName(receiver))
            {
                return null;
            }

            // The acquiring member: a method, a constructor, or a getter or indexer read.
            var type = acquire != null ? input.Model.GetSymbolInfo(acquire, input.CancellationToken).Symbol?.ContainingType : null;
            if (type != null && type.GetMembers(member).OfType<IMethodSymbol>().Any(m => m.IsStatic))
            {
                // A static release member: its type named in full (global::...), then ImportAdder adds the using it
                // needs and the Simplifier reduces it to the short name (both annotations are required for that).
                var typeName = ((ExpressionSyntax)SyntaxGenerator.GetGenerator(input.Document).TypeExpression(type, addImport: true))
                    .WithoutTrivia()
                    .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
                return new ReleaseHints(member, onReceiver: false, typeName, variable);
            }

            return new ReleaseHints(member, onReceiver: false, receiver.WithoutTrivia(), variable);
        }

        /// <summary><c>receiver.Member(variable);</c>, <c>Member(variable);</c> or <c>variable.Member();</c>.</summary>
        public ExpressionStatementSyntax ReleaseStatement()
        {
            var name = SyntaxFactory.IdentifierName(Member);
            var variable = SyntaxFactory.IdentifierName(Variable);
            InvocationExpressionSyntax call;
            if (OnReceiver)
            {
                call = SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, variable, name));
            }
            else
            {
                var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(variable)));
                call = _receiver == null
                    ? SyntaxFactory.InvocationExpression(name, arguments)
                    : SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, _receiver, name), arguments);
            }

            return SyntaxFactory.ExpressionStatement(call).WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>Whether <paramref name="statement"/> is a call of the release member on <see cref="Variable"/>.</summary>
        public bool IsRelease(StatementSyntax statement)
        {
            if (!(statement is ExpressionStatementSyntax expression) || !(expression.Expression is InvocationExpressionSyntax call))
            {
                return false;
            }

            if (OnReceiver)
            {
                return call.Expression is MemberAccessExpressionSyntax access
                    && access.Name.Identifier.ValueText == Member
                    && IsVariable(access.Expression);
            }

            var calledName = call.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                _ => null,
            };
            return calledName == Member
                && call.ArgumentList.Arguments.Count == 1
                && IsVariable(call.ArgumentList.Arguments[0].Expression);
        }

        /// <summary>The variable, as written: <c>group</c>, <c>group!</c>, <c>(group)</c>.</summary>
        private bool IsVariable(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText == Variable,
            ParenthesizedExpressionSyntax parenthesized => IsVariable(parenthesized.Expression),
            PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression) => IsVariable(suppressed.Operand),
            _ => false,
        };

        private static bool IsPlainName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax _ => true,
            ThisExpressionSyntax _ => true,
            BaseExpressionSyntax _ => true,
            PredefinedTypeSyntax _ => true,
            GenericNameSyntax _ => true,
            AliasQualifiedNameSyntax _ => true,
            QualifiedNameSyntax _ => true,
            MemberAccessExpressionSyntax access => access.IsKind(SyntaxKind.SimpleMemberAccessExpression) && IsPlainName(access.Expression),
            _ => false,
        };
    }
}
