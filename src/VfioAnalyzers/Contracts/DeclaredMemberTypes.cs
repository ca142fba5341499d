using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// The types written for the fields, properties and events of each type declaration, by name, read once per
    /// declaration: the call filter reads a receiver's type off the declaration of the member it names, without asking
    /// the type for its members (<see cref="ContractCallFilter"/>). One pass over a declaration's members, whatever
    /// number of names is asked about: a type of thousands of members is not walked again for each.
    /// </summary>
    internal sealed class DeclaredMemberTypes
    {
        private readonly ConcurrentDictionary<TypeDeclarationSyntax, Dictionary<string, List<TypeSyntax?>>> _byDeclaration =
            new ConcurrentDictionary<TypeDeclarationSyntax, Dictionary<string, List<TypeSyntax?>>>();

        /// <summary>
        /// The types written for the members of that name that the declaration declares, with null for one that has no
        /// such type (a method); null when the declaration declares no member of that name.
        /// </summary>
        public List<TypeSyntax?>? Of(TypeDeclarationSyntax declaration, string name)
        {
            var table = _byDeclaration.TryGetValue(declaration, out var known) ? known : _byDeclaration.GetOrAdd(declaration, Read(declaration));
            return table.TryGetValue(name, out var types) ? types : null;
        }

        private static Dictionary<string, List<TypeSyntax?>> Read(TypeDeclarationSyntax declaration)
        {
            var table = new Dictionary<string, List<TypeSyntax?>>(System.StringComparer.Ordinal);
            foreach (var member in declaration.Members)
            {
                switch (member)
                {
                    case BaseFieldDeclarationSyntax field:
                        foreach (var variable in field.Declaration.Variables)
                        {
                            Add(table, variable.Identifier.ValueText, field.Declaration.Type);
                        }

                        break;
                    case PropertyDeclarationSyntax property when property.ExplicitInterfaceSpecifier == null:
                        Add(table, property.Identifier.ValueText, property.Type);
                        break;
                    case EventDeclarationSyntax @event when @event.ExplicitInterfaceSpecifier == null:
                        Add(table, @event.Identifier.ValueText, @event.Type);
                        break;
                    case MethodDeclarationSyntax method when method.ExplicitInterfaceSpecifier == null:
                        Add(table, method.Identifier.ValueText, null);
                        break;
                }
            }

            return table;
        }

        private static void Add(Dictionary<string, List<TypeSyntax?>> table, string name, TypeSyntax? type)
        {
            if (!table.TryGetValue(name, out var types))
            {
                table.Add(name, types = new List<TypeSyntax?>(1));
            }

            types.Add(type);
        }
    }
}
