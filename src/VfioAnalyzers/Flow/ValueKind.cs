namespace VfioAnalyzers.Flow
{
    internal enum ValueKind : byte
    {
        Unknown,
        Null,
        Reference,
        Constant,

        /// <summary>Known to hold something: not null, not <c>IntPtr.Zero</c>, not zero (a tested variable's other side).</summary>
        NonNull,

        /// <summary>
        /// A nullable value known not to be null, and nothing more: a non-nullable value lifted to <c>T?</c>, as
        /// <c>g?.Id</c> is on the side where <c>g</c> is not null. Unlike <see cref="NonNull"/> it is not "non-zero".
        /// </summary>
        Present,
    }
}
