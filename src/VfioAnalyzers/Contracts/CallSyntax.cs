using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VfioAnalyzers.Contracts
{
    /// <summary>Reads a call off the token of its name, as the scans of source text find names.</summary>
    internal static class CallSyntax
    {
        /// <summary>The call whose name the token is (`Name(...)`, `x.Name(...)`, `x?.Name(...)`); null for any other token.</summary>
        public static InvocationExpressionSyntax? CalledBy(SyntaxToken token)
        {
            if (!(token.Parent is SimpleNameSyntax name))
            {
                return null;
            }

            SyntaxNode called = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access
                : name.Parent is MemberBindingExpressionSyntax binding ? binding
                : name;
            return called.Parent is InvocationExpressionSyntax invocation && invocation.Expression == called ? invocation : null;
        }
    }
}
