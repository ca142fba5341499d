using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Resolves a documentation id (<c>M:System.Threading.SemaphoreSlim.Wait(System.Int32)</c>, <c>T:System.IO.Stream</c>)
    /// as <see cref="DocumentationCommentId.GetSymbolsForDeclarationId"/> does, but through the type's metadata name
    /// first: that walks each namespace of every reference, which costs a small project most of the analyzer's start
    /// (about 150 ms for the dotnet preset's 29 lines, in a compiler that had not loaded those namespaces yet).
    /// </summary>
    internal static class DocumentationIds
    {
        public static IReadOnlyList<ISymbol> Resolve(string id, Compilation compilation)
        {
            var fast = ThroughMetadataName(id, compilation);
            return fast.Count > 0 ? fast : DocumentationCommentId.GetSymbolsForDeclarationId(id, compilation);
        }

        /// <summary>
        /// The members the id names on the one type its metadata name finds (none when the name is ambiguous, nested or
        /// absent: the caller then asks the documentation id parser); each candidate is checked by its own id.
        /// </summary>
        private static IReadOnlyList<ISymbol> ThroughMetadataName(string id, Compilation compilation)
        {
            if (id.Length < 3 || id[1] != ':')
            {
                return System.Array.Empty<ISymbol>();
            }

            string name = id.Substring(2);
            if (id[0] == 'T')
            {
                var type = OnlyType(name, compilation);
                return type != null ? new ISymbol[] { type } : System.Array.Empty<ISymbol>();
            }

            if ((id[0] != 'M' && id[0] != 'P' && id[0] != 'F' && id[0] != 'E') || !TrySplit(id, out string typeName, out string member) ||
                !(OnlyType(typeName, compilation) is { } container))
            {
                return System.Array.Empty<ISymbol>();
            }

            return container.GetMembers(member.Replace('#', '.'))
                .Where(candidate => DocumentationCommentId.CreateDeclarationId(candidate) is string own && Matches(own, id))
                .ToList();
        }

        /// <summary>
        /// A member's id as its type's name and its own name as the id writes it (<c>Rent</c>, <c>Take</c> for
        /// <c>Take``1</c>, <c>#ctor</c>, <c>System#IDisposable#Dispose</c>): no parameters, no generic arity.
        /// </summary>
        public static bool TrySplit(string id, out string typeName, out string member)
        {
            typeName = member = string.Empty;
            if (id.Length < 3 || id[1] != ':')
            {
                return false;
            }

            int parameters = id.IndexOf('(');
            string path = parameters < 0 ? id.Substring(2) : id.Substring(2, parameters - 2);
            int dot = path.LastIndexOf('.');
            if (dot <= 0)
            {
                return false;
            }

            typeName = path.Substring(0, dot);
            member = path.Substring(dot + 1);
            int arity = member.IndexOf("``", System.StringComparison.Ordinal);
            member = arity >= 0 ? member.Substring(0, arity) : member;
            return member.Length > 0;
        }

        /// <summary>
        /// The one type of that metadata name in the compilation and its references; null when there are several (a source
        /// copy of a referenced type: the id names both) or none.
        /// </summary>
        private static INamedTypeSymbol? OnlyType(string metadataName, Compilation compilation)
        {
            var types = compilation.GetTypesByMetadataName(metadataName);
            return types.Length == 1 ? types[0] : null;
        }

        /// <summary>A method's own id may end in its return type (<c>~</c>), which an id written by hand leaves out.</summary>
        private static bool Matches(string own, string id) =>
            own == id || (own.Length > id.Length && own[id.Length] == '~' && own.StartsWith(id, System.StringComparison.Ordinal));
    }
}
