namespace VfioAnalyzers.Flow
{
    /// <summary>The typed options that change what the flow analysis counts.</summary>
    internal sealed class AnalysisSettings
    {
        public static readonly AnalysisSettings Default = new AnalysisSettings(exceptionPaths: false);

        public AnalysisSettings(bool exceptionPaths) => ExceptionPaths = exceptionPaths;

        /// <summary>Also count the paths on which a call between acquire and release throws.</summary>
        public bool ExceptionPaths { get; }
    }
}
