using System.Collections.Immutable;

namespace VfioAnalyzers.Contracts
{
    /// <summary>Everything a member promises about acquiring and releasing.</summary>
    public sealed class MemberContract
    {
        public static readonly MemberContract None = new MemberContract(ImmutableArray<AcquireSpec>.Empty, ImmutableArray<ReleaseSpec>.Empty);

        public MemberContract(ImmutableArray<AcquireSpec> acquires, ImmutableArray<ReleaseSpec> releases)
        {
            Acquires = acquires;
            Releases = releases;
        }

        public ImmutableArray<AcquireSpec> Acquires { get; }

        public ImmutableArray<ReleaseSpec> Releases { get; }

        public bool IsEmpty => Acquires.IsEmpty && Releases.IsEmpty;

        public MemberContract Merge(MemberContract other) =>
            other.IsEmpty ? this : IsEmpty ? other : new MemberContract(Acquires.AddRange(other.Acquires), Releases.AddRange(other.Releases));
    }
}
