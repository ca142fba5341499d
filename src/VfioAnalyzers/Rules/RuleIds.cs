namespace VfioAnalyzers.Rules
{
    /// <summary>The diagnostic ids fixed by the public contract.</summary>
    public static class RuleIds
    {
        public const string NotReleasedOnPath = "VFIO001";
        public const string ReleasedTwice = "VFIO002";
        public const string UsedAfterRelease = "VFIO003";
        public const string ReleaseNotHeld = "VFIO004";
        public const string Discarded = "VFIO005";
        public const string OverwrittenWhileHeld = "VFIO006";
        public const string FieldNeverReleased = "VFIO007";
        public const string AnnotationBroken = "VFIO008";

        /// <summary>A public wrapper whose contract is inferred: callers in other assemblies cannot see it.</summary>
        public const string InferredContract = "VFIO009";

        /// <summary>Problems in the acquire/release configuration file (bad lines, unknown members).</summary>
        public const string BadConfiguration = "VFIO900";
    }
}
