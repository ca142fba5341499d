using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// The declared type names of the fields and properties of type declarations, read once per declaration for one
    /// compilation's analysis (the wrapper search and every wrapper check of a method share it): a class of a hundred
    /// methods is read once, not once per call in each method. Owned by the compilation's index, not kept in a static
    /// table: a type's node is held weakly by its parent's member list and made anew once collected, so a static table
    /// keyed by nodes (which must not hold them) kept missing. Safe to share between threads.
    /// </summary>
    internal sealed class MemberTypeNames
    {
        private readonly ConcurrentDictionary<TypeDeclarationSyntax, Dictionary<string, string?>> _byType = new ConcurrentDictionary<TypeDeclarationSyntax, Dictionary<string, string?>>();

        /// <summary>The simple type name the field or property <paramref name="identifier"/> of the type is declared with; null when none or not a simple name.</summary>
        public string? Of(TypeDeclarationSyntax type, string identifier)
        {
            if (!_byType.TryGetValue(type, out var names))
            {
                names = _byType.GetOrAdd(type, Index(type));
            }

            return names.TryGetValue(identifier, out var typeName) ? typeName : null;
        }

        private static Dictionary<string, string?> Index(TypeDeclarationSyntax type)
        {
            var names = new Dictionary<string, string?>(System.StringComparer.Ordinal);
            foreach (var member in type.Members)
            {
                switch (member)
                {
                    case FieldDeclarationSyntax field:
                        foreach (var variable in field.Declaration.Variables)
                        {
                            // The first declaration of a name wins, as a search in member order would find it.
                            if (!names.ContainsKey(variable.Identifier.ValueText))
                            {
                                names.Add(variable.Identifier.ValueText, WrapperSyntax.SimpleTypeName(field.Declaration.Type));
                            }
                        }

                        break;
                    case PropertyDeclarationSyntax property when !names.ContainsKey(property.Identifier.ValueText):
                        names.Add(property.Identifier.ValueText, WrapperSyntax.SimpleTypeName(property.Type));
                        break;
                }
            }

            return names;
        }
    }
}
