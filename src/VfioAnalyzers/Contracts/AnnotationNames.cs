namespace VfioAnalyzers.Contracts
{
    /// <summary>The annotations are known by full name, so projects may declare their own internal copies.</summary>
    internal static class AnnotationNames
    {
        public const string Namespace = "Vfio.Annotations";
        public const string Acquires = "AcquiresAttribute";
        public const string Releases = "ReleasesAttribute";
        public const string AcquiresMetadataName = Namespace + "." + Acquires;
        public const string ReleasesMetadataName = Namespace + "." + Releases;
    }
}
