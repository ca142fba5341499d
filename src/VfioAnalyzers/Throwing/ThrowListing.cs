using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Throwing
{
    /// <summary>
    /// The members and types the pairs file says throw (<c>throws M:...</c>, <c>throws T:...</c>) or do not
    /// (<c>nothrow ...</c>): they decide before any rule of <see cref="MayThrowOracle"/>.
    /// </summary>
    internal sealed class ThrowListing
    {
        public static readonly ThrowListing Empty = new ThrowListing();

        private readonly HashSet<ISymbol> _throws = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _noThrow = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        public bool IsEmpty => _throws.Count == 0 && _noThrow.Count == 0;

        /// <summary>Lists a method (its original definition) or a type (all its members).</summary>
        public void Add(ISymbol symbol, bool throws) => (throws ? _throws : _noThrow).Add(symbol.OriginalDefinition);

        /// <summary>The listed verdict for a method, its own line first, then its type's; null when neither is listed.</summary>
        public ThrowVerdict? Find(IMethodSymbol method)
        {
            if (IsEmpty)
            {
                return null;
            }

            var definition = method.OriginalDefinition;
            if (_noThrow.Contains(definition))
            {
                return ThrowVerdict.No;
            }

            if (_throws.Contains(definition))
            {
                return ThrowVerdict.Because("is listed as throwing in the pairs file");
            }

            var type = definition.ContainingType?.OriginalDefinition;
            if (type != null && _noThrow.Contains(type))
            {
                return ThrowVerdict.No;
            }

            return type != null && _throws.Contains(type) ? ThrowVerdict.Because($"is a member of '{type.Name}', listed as throwing in the pairs file") : (ThrowVerdict?)null;
        }
    }
}
