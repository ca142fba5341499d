namespace VfioAnalyzers.Flow
{
    internal enum ValueKind : byte
    {
        Unknown,
        Null,
        Reference,
        Constant,
    }
}
