using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// Numbers the resources of one body. An acquiring call has two ids, the current generation and the one before,
    /// so that a loop that acquires again while the last reference is still held is seen as overwriting it.
    /// </summary>
    internal sealed class SiteRegistry
    {
        private readonly List<ResourceSite> _sites = new List<ResourceSite>();

        // A body has a handful of sites: a scan by reference beats hashing operations, whose identity hash is
        // computed afresh for every new graph's operations.
        private readonly List<(IOperation Operation, int Spec, int Generation)> _keys = new List<(IOperation, int, int)>();

        public ResourceSite this[int id] => _sites[id];

        public int Count => _sites.Count;

        public ResourceSite ForAcquire(IOperation operation, int specIndex, int generation, string kind, string memberName, ITypeSymbol? heldType, bool inPlace) =>
            GetOrAdd((operation, specIndex, generation), kind, SiteOrigin.Acquire, memberName, null, heldType, inPlace);

        public ResourceSite ForEntry(IOperation body, IParameterSymbol parameter, string kind) =>
            GetOrAdd((body, parameter.Ordinal, -1), kind, SiteOrigin.Entry, parameter.Name, parameter, parameter.Type, inPlace: false);

        /// <summary>
        /// A parameter that receives a value carrying a reference (a wrapper, a container, a token): what the reference
        /// itself is, the helper cannot tell, so any member of a reference or address type may read it back.
        /// </summary>
        public ResourceSite ForCarriedEntry(IOperation body, IParameterSymbol parameter, string kind) =>
            GetOrAdd((body, parameter.Ordinal, -1), kind, SiteOrigin.Entry, parameter.Name, parameter, heldType: null, inPlace: false);

        public ResourceSite ForReleasedUnknown(IOperation release, int slot, string kind, string memberName, ITypeSymbol? heldType, ISymbol? place) =>
            GetOrAdd((release, slot, -2), kind, SiteOrigin.ReleasedUnknown, memberName, null, heldType, inPlace: false, place);

        private ResourceSite GetOrAdd((IOperation, int, int) key, string kind, SiteOrigin origin, string memberName, IParameterSymbol? parameter, ITypeSymbol? heldType, bool inPlace, ISymbol? place = null)
        {
            for (int i = 0; i < _keys.Count; i++)
            {
                var known = _keys[i];
                if (ReferenceEquals(known.Operation, key.Item1) && known.Spec == key.Item2 && known.Generation == key.Item3)
                {
                    return _sites[i];
                }
            }

            var site = new ResourceSite(_sites.Count, kind, origin, key.Item1, memberName, parameter, heldType, inPlace, place);
            _sites.Add(site);
            _keys.Add(key);
            return site;
        }
    }
}
