using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using VfioAnalyzers.Contracts;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// What the analysed member itself promises and must be held to (VFIO008): the [Acquires] it must honour on return.
    /// Only wrappers are held to it: members whose bodies use other annotated members of the same kind.
    /// </summary>
    internal sealed class OwnerPromise
    {
        public static readonly OwnerPromise None = new OwnerPromise(null, ImmutableArray<AcquireSpec>.Empty);

        public OwnerPromise(IMethodSymbol? member, ImmutableArray<AcquireSpec> acquires)
        {
            Member = member;
            Acquires = acquires;
        }

        public IMethodSymbol? Member { get; }

        public ImmutableArray<AcquireSpec> Acquires { get; }
    }
}
