using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Throwing
{
    /// <summary>
    /// The implementations, in the compilation's own types, of a virtual or interface member: what a dispatched call
    /// may run. The types are listed once, on the first dispatched call judged.
    /// </summary>
    internal sealed class SourceImplementations
    {
        private readonly List<INamedTypeSymbol> _types;
        private readonly ConcurrentDictionary<IMethodSymbol, List<IMethodSymbol>> _implementations =
            new ConcurrentDictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);

        private SourceImplementations(List<INamedTypeSymbol> types) => _types = types;

        public static SourceImplementations Of(Compilation compilation, CancellationToken cancellationToken)
        {
            var types = new List<INamedTypeSymbol>();
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(compilation.Assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var member in pending.Pop().GetMembers())
                {
                    if (member is INamespaceSymbol ns)
                    {
                        pending.Push(ns);
                    }
                    else if (member is INamedTypeSymbol type)
                    {
                        if (type.TypeKind == TypeKind.Class || type.TypeKind == TypeKind.Struct)
                        {
                            types.Add(type);
                        }

                        pending.Push(type);
                    }
                }
            }

            return new SourceImplementations(types);
        }

        /// <summary>The source members that implement or override <paramref name="method"/>, itself excluded.</summary>
        public List<IMethodSymbol> Of(IMethodSymbol method) =>
            _implementations.GetOrAdd(method.OriginalDefinition, Find);

        private List<IMethodSymbol> Find(IMethodSymbol method)
        {
            var found = new List<IMethodSymbol>();
            var declaring = method.ContainingType.OriginalDefinition;
            bool onInterface = declaring.TypeKind == TypeKind.Interface;
            foreach (var type in _types)
            {
                if (onInterface)
                {
                    // ISink<int> for ISink<T>: the member of the constructed interface is the one implemented.
                    foreach (var implemented in type.AllInterfaces)
                    {
                        if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, declaring))
                        {
                            continue;
                        }

                        foreach (var member in implemented.GetMembers(method.Name))
                        {
                            if (member is IMethodSymbol constructed && SymbolEqualityComparer.Default.Equals(constructed.OriginalDefinition, method) &&
                                type.FindImplementationForInterfaceMember(constructed) is IMethodSymbol implementation &&
                                !implementation.IsAbstract &&
                                SymbolEqualityComparer.Default.Equals(implementation.ContainingAssembly, type.ContainingAssembly) &&
                                !SymbolEqualityComparer.Default.Equals(implementation.ContainingType.OriginalDefinition, declaring) &&
                                !found.Contains(implementation))
                            {
                                found.Add(implementation);
                            }
                        }
                    }

                    continue;
                }

                foreach (var member in type.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol candidate && candidate.IsOverride && Overrides(candidate, method))
                    {
                        found.Add(candidate);
                    }
                }
            }

            return found;
        }

        private static bool Overrides(IMethodSymbol candidate, IMethodSymbol method)
        {
            for (var current = candidate.OverriddenMethod; current != null; current = current.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, method))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
