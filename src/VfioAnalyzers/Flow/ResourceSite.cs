using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Flow
{
    internal enum SiteOrigin
    {
        /// <summary>A call that acquires.</summary>
        Acquire,

        /// <summary>A parameter the member promises to release ([Releases]), held on entry.</summary>
        Entry,

        /// <summary>A value of unknown origin first seen being released; tracked to catch a second release or a later use.</summary>
        ReleasedUnknown,
    }

    /// <summary>Where a tracked reference comes from: one acquiring call (in one generation), or an entry parameter.</summary>
    internal sealed class ResourceSite
    {
        /// <summary>The kind a summary of a helper uses: it matches a release of any kind.</summary>
        public const string AnyKind = "*";

        public ResourceSite(int id, string kind, SiteOrigin origin, IOperation operation, string memberName, IParameterSymbol? parameter, ITypeSymbol? heldType, bool inPlace, ISymbol? place = null)
        {
            Place = place;
            HeldType = heldType;
            InPlace = inPlace;
            Id = id;
            Kind = kind;
            Origin = origin;
            Operation = operation;
            MemberName = memberName;
            Parameter = parameter;
        }

        public int Id { get; }

        public string Kind { get; }

        public SiteOrigin Origin { get; }

        /// <summary>The acquiring call, the first release of an unknown value, or the body for an entry parameter.</summary>
        public IOperation Operation { get; }

        /// <summary>The acquiring member's name, for messages.</summary>
        public string MemberName { get; }

        public IParameterSymbol? Parameter { get; }

        /// <summary>The static type of the acquired value itself (the array, the handle), to tell it from values derived from it.</summary>
        public ITypeSymbol? HeldType { get; }

        /// <summary>For a release of an unknown value: the place released (a field, this, a parameter, a local).</summary>
        public ISymbol? Place { get; }

        /// <summary>Acquired in place on an existing object (a lock object, a semaphore, a SafeHandle's count) rather than returned.</summary>
        public bool InPlace { get; }

        public bool Matches(string kind) => Kind == kind || Kind == AnyKind || kind == AnyKind;
    }
}
