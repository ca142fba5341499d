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

        /// <summary>
        /// An integer known only by its sign (<see cref="AbstractValue.IntegerSigns"/>): negative, positive, not
        /// negative, not positive. Zero alone is the constant 0 and "not zero" is <see cref="NonNull"/>.
        /// </summary>
        Signed,
    }
}
