using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;

namespace VfioAnalyzers.PackageTests
{
    /// <summary>VfioAnalysisMode: one property in the project file picks a ready-made set of severities.</summary>
    [Collection(PackagesCollection.Name)]
    public sealed class AnalysisModeTests
    {
        private readonly PackedFeed _feed;

        public AnalysisModeTests(PackedFeed feed) => _feed = feed;

        [Fact]
        public void AllErrors_OneLineInTheProject_MakesTheFindingABuildError()
        {
            Consumer consumer = Consumer.Create(_feed, "mode-all-errors", projectBody: "  <PropertyGroup><VfioAnalysisMode>all-errors</VfioAnalysisMode></PropertyGroup>");

            CliResult result = consumer.Build(_feed);

            Assert.True(result.ExitCode != 0, "VfioAnalysisMode=all-errors must fail the build on VFIO001: " + result);
            Assert.True(
                Consumer.Printed(result, "error", "VFIO001").SequenceEqual(new[] { Consumer.LocationOf("reported") }),
                "expected VFIO001 as an error at the leaking return: " + result);
            Assert.Empty(Consumer.Printed(result, "warning", "VFIO001"));
        }

        [Fact]
        public void UnknownMode_IsAWarningNamingTheAcceptedValues_AndTheDefaultsApply()
        {
            Consumer consumer = Consumer.Create(_feed, "mode-unknown", projectBody: "  <PropertyGroup><VfioAnalysisMode>strict</VfioAnalysisMode></PropertyGroup>");

            CliResult result = consumer.Build(_feed);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("warning VFIO900: VfioAnalysisMode: unknown value 'strict' (known: default, all-errors, all-warnings, none)", result.Output);
            Assert.True(
                Consumer.Printed(result, "warning", "VFIO001").SequenceEqual(new[] { Consumer.LocationOf("reported") }),
                "expected VFIO001 at its default severity: " + result);
        }

        [Theory]
        [InlineData("all-errors", "error")]
        [InlineData("all-warnings", "warning")]
        [InlineData("none", "none")]
        public void EverySet_SetsEveryRuleThatHasAPage(string mode, string severity)
        {
            using ZipArchive package = ZipFile.OpenRead(_feed.AnalyzerPackage);
            ZipArchiveEntry? entry = package.GetEntry($"buildTransitive/config/{mode}.globalconfig");
            Assert.True(entry is not null, $"no {mode}.globalconfig in the package");
            using var reader = new StreamReader(entry!.Open());
            List<string> lines = reader.ReadToEnd().Split('\n').Select(l => l.Trim()).ToList();

            Assert.Contains("is_global = true", lines);
            foreach (string id in Directory.GetFiles(Path.Combine(_feed.RepositoryRoot, "docs", "rules"), "VFIO*.md").Select(f => Path.GetFileNameWithoutExtension(f)))
            {
                Assert.True(lines.Contains($"dotnet_diagnostic.{id}.severity = {severity}"), $"{mode}.globalconfig does not set {id} to {severity}");
            }
        }
    }
}
