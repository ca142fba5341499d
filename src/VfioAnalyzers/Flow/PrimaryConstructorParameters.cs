using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// A primary constructor has no body to analyse: what it does with a parameter is read from the type. A record's
    /// positional parameter is stored in its property; a class's or struct's is stored when a member or an initializer
    /// of the type reads it (the compiler captures it in a field). Either way the argument is handed on.
    /// </summary>
    internal static class PrimaryConstructorParameters
    {
        /// <summary>Whether <paramref name="method"/> is a primary constructor; if so, <paramref name="stores"/> tells the parameter's fate.</summary>
        public static bool TryGetFate(Compilation compilation, IMethodSymbol method, int ordinal, CancellationToken cancellationToken, out bool stores)
        {
            stores = false;
            if (method.MethodKind != MethodKind.Constructor || method.DeclaringSyntaxReferences.Length != 1 ||
                !(method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is TypeDeclarationSyntax type) ||
                type.ParameterList == null || ordinal >= method.Parameters.Length)
            {
                return false;
            }

            if (type is RecordDeclarationSyntax)
            {
                stores = true;
                return true;
            }

            if (!compilation.ContainsSyntaxTree(type.SyntaxTree))
            {
                return true;
            }

            var parameter = method.Parameters[ordinal];
#pragma warning disable RS1030 // The type may be declared in another tree; the answer is cached with the helper's summary.
            var model = compilation.GetSemanticModel(type.SyntaxTree);
#pragma warning restore RS1030
            foreach (var member in type.Members)
            {
                foreach (var name in member.DescendantNodes())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (name is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == parameter.Name &&
                        SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, parameter))
                    {
                        stores = true;
                        return true;
                    }
                }
            }

            return true;
        }
    }
}
