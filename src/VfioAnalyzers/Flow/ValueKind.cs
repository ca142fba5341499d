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
    }
}
