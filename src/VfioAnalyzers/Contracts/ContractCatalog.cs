using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Answers "what does this member acquire or release?" for one compilation, from attributes and
    /// from configured pairs, caching each answer.
    /// </summary>
    public sealed class ContractCatalog
    {
        private readonly bool _readAttributes;
        private readonly IReadOnlyDictionary<ISymbol, MemberContract> _configured;
        private readonly ConcurrentDictionary<IMethodSymbol, MemberContract> _cache =
            new ConcurrentDictionary<IMethodSymbol, MemberContract>(SymbolEqualityComparer.Default);

        public ContractCatalog(bool readAttributes, IReadOnlyDictionary<ISymbol, MemberContract> configured)
        {
            _readAttributes = readAttributes;
            _configured = configured;
        }

        /// <summary>True when annotations exist in the compilation or pairs are configured.</summary>
        public bool IsActive => _readAttributes || _configured.Count > 0;

        /// <summary>
        /// The contract of source members declared without one, inferred from their bodies (docs/ownership.md);
        /// declarations, by attribute or in the pairs file, always win over it.
        /// </summary>
        internal System.Func<IMethodSymbol, MemberContract>? Inferred { get; set; }

        public MemberContract Get(IMethodSymbol method)
        {
            var definition = method.ReducedFrom ?? method;
            definition = definition.OriginalDefinition;
            // Looked up first: GetOrAdd with a method group would allocate a delegate on every call.
            var declared = _cache.TryGetValue(definition, out var known) ? known : _cache.GetOrAdd(definition, Compute(definition));
            return declared.IsEmpty && Inferred != null ? Inferred(definition) : declared;
        }

        /// <summary>The contract declared by attributes or the pairs file only, never an inferred one.</summary>
        public MemberContract GetDeclared(IMethodSymbol method)
        {
            var definition = (method.ReducedFrom ?? method).OriginalDefinition;
            return _cache.TryGetValue(definition, out var known) ? known : _cache.GetOrAdd(definition, Compute(definition));
        }

        private MemberContract Compute(IMethodSymbol method)
        {
            var contract = MemberContract.None;
            if (_configured.Count > 0)
            {
                // An override keeps the configured promise of the member it overrides (a pool's own Rent).
                for (var current = method; current != null; current = current.OverriddenMethod)
                {
                    if (_configured.TryGetValue(current.OriginalDefinition, out var configured))
                    {
                        contract = configured;
                        break;
                    }
                }
            }

            if (_readAttributes)
            {
                // Overrides and implementations keep the promise of the member they implement.
                for (var current = method; current != null; current = current.OverriddenMethod)
                {
                    var fromAttributes = AttributeContractReader.Read(current);
                    if (!fromAttributes.IsEmpty)
                    {
                        return contract.Merge(fromAttributes);
                    }
                }

                foreach (var implemented in ImplementedInterfaceMembers(method))
                {
                    var fromInterface = AttributeContractReader.Read(implemented);
                    if (!fromInterface.IsEmpty)
                    {
                        return contract.Merge(fromInterface);
                    }
                }
            }

            return contract;
        }

        private static IEnumerable<IMethodSymbol> ImplementedInterfaceMembers(IMethodSymbol method)
        {
            foreach (var explicitImplementation in method.ExplicitInterfaceImplementations)
            {
                yield return explicitImplementation;
            }

            var type = method.ContainingType;
            if (type == null || method.MethodKind != MethodKind.Ordinary)
            {
                yield break;
            }

            foreach (var contract in type.AllInterfaces)
            {
                foreach (var member in contract.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol candidate &&
                        SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(candidate), method))
                    {
                        yield return candidate;
                    }
                }
            }
        }
    }
}
