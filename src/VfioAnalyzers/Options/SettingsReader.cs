using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using VfioAnalyzers.Flow;

namespace VfioAnalyzers.Options
{
    /// <summary>Reads the typed <c>vfio_analyzers.*</c> options from .editorconfig for one syntax tree.</summary>
    internal static class SettingsReader
    {
        public const string Prefix = "vfio_analyzers.";
        public const string ExceptionPathsKey = Prefix + "exception_paths";

        public static AnalysisSettings Read(AnalyzerConfigOptionsProvider provider, SyntaxTree tree)
        {
            var options = provider.GetOptions(tree);
            bool exceptionPaths = options.TryGetValue(ExceptionPathsKey, out var text) && bool.TryParse(text.Trim(), out bool value) && value;
            return exceptionPaths ? new AnalysisSettings(exceptionPaths: true) : AnalysisSettings.Default;
        }
    }
}
