using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Resolves a documentation id (<c>M:System.Threading.SemaphoreSlim.Wait(System.Int32)</c>, <c>T:System.IO.Stream</c>)
    /// as <see cref="DocumentationCommentId.GetSymbolsForDeclarationId"/> does, but by walking the type's dotted name
    /// through the compilation's merged namespaces, one name at a time, first: the parser walks each namespace of every
    /// reference (about 150 ms for the dotnet preset's 29 lines, in a compiler that had not loaded those namespaces
    /// yet), and a lookup by metadata name asks every reference in turn, while the merged namespaces are the ones the
    /// compiler itself binds <c>using System.Threading;</c> with, so that a build has mostly paid for them already.
    /// </summary>
    internal static class DocumentationIds
    {
        public static IReadOnlyList<ISymbol> Resolve(string id, Compilation compilation)
        {
            var fast = ThroughTypeName(id, compilation);
            return fast.Count > 0 ? fast : DocumentationCommentId.GetSymbolsForDeclarationId(id, compilation);
        }

        /// <summary>
        /// The members the id names on every type its dotted name finds (none when no type is found: the caller then
        /// asks the documentation id parser); each candidate is checked by its own id.
        /// </summary>
        private static IReadOnlyList<ISymbol> ThroughTypeName(string id, Compilation compilation)
        {
            if (id.Length < 3 || id[1] != ':')
            {
                return System.Array.Empty<ISymbol>();
            }

            if (id[0] == 'T')
            {
                return TypesNamed(id.Substring(2), compilation).Where(type => Matches(DocumentationCommentId.CreateDeclarationId(type) ?? string.Empty, id)).ToList<ISymbol>();
            }

            if ((id[0] != 'M' && id[0] != 'P' && id[0] != 'F' && id[0] != 'E') || !TrySplit(id, out string typeName, out string member))
            {
                return System.Array.Empty<ISymbol>();
            }

            return TypesNamed(typeName, compilation)
                .SelectMany(container => container.GetMembers(member.Replace('#', '.')))
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
        /// The types a dotted name (<c>System.Buffers.ArrayPool`1</c>, <c>Demo.Outer.Inner</c>) denotes: each name a
        /// namespace or a type of its arity, walked from the global namespace. A type declared both in source and in a
        /// reference is found twice, as the parser finds it.
        /// </summary>
        private static List<INamedTypeSymbol> TypesNamed(string dotted, Compilation compilation)
        {
            var containers = new List<INamespaceOrTypeSymbol> { compilation.GlobalNamespace };
            var segments = dotted.Split('.');
            for (int i = 0; i < segments.Length && containers.Count > 0; i++)
            {
                int tick = segments[i].IndexOf('`');
                string name = tick < 0 ? segments[i] : segments[i].Substring(0, tick);
                int arity = tick < 0 ? 0 : int.TryParse(segments[i].Substring(tick + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : -1;
                bool last = i == segments.Length - 1;
                var next = new List<INamespaceOrTypeSymbol>();
                foreach (var container in containers)
                {
                    foreach (var member in container.GetMembers(name))
                    {
                        if (member is INamedTypeSymbol type ? type.Arity == arity : !last && arity == 0 && member is INamespaceSymbol)
                        {
                            next.Add((INamespaceOrTypeSymbol)member);
                        }
                    }
                }

                containers = next;
            }

            return containers.OfType<INamedTypeSymbol>().ToList();
        }

        /// <summary>A method's own id may end in its return type (<c>~</c>), which an id written by hand leaves out.</summary>
        private static bool Matches(string own, string id) =>
            own == id || (own.Length > id.Length && own[id.Length] == '~' && own.StartsWith(id, System.StringComparison.Ordinal));
    }
}
