using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using Xunit;

namespace VfioAnalyzers.PackageTests
{
    /// <summary>
    /// The packages as a user meets them: installed by PackageReference from a feed, in a project of the user's own,
    /// built from the command line as CI builds it.
    /// </summary>
    [Collection(PackagesCollection.Name)]
    public sealed class PackageFromOutsideTests
    {
        private const string Vfio001 = "VFIO001";

        private readonly PackedFeed _feed;

        public PackageFromOutsideTests(PackedFeed feed) => _feed = feed;

        [Fact]
        public void AnalyzerPackage_HoldsBothAssembliesAsAnalyzers_AndNothingThatFlows()
        {
            Assert.True(File.Exists(_feed.AnalyzerPackage), $"{_feed.AnalyzerPackage} was not packed; the feed holds: {string.Join(", ", Directory.GetFiles(_feed.FeedDirectory).Select(Path.GetFileName))}");
            using ZipArchive package = ZipFile.OpenRead(_feed.AnalyzerPackage);
            List<string> entries = package.Entries.Select(e => e.FullName).ToList();
            string listing = string.Join("\n", entries);

            Assert.True(entries.Contains("analyzers/dotnet/cs/VfioAnalyzers.dll"), "no analyzer assembly under analyzers/dotnet/cs:\n" + listing);
            Assert.True(entries.Contains("analyzers/dotnet/cs/VfioAnalyzers.CodeFixes.dll"), "no code-fix assembly under analyzers/dotnet/cs:\n" + listing);
            Assert.True(!entries.Any(e => e.StartsWith("lib/") || e.StartsWith("ref/") || e.StartsWith("build/")), "the analyzer package must put nothing in consumers' references:\n" + listing);
            Assert.True(entries.Contains("README.md"), "no README in the package:\n" + listing);
            foreach (string wired in new[] { "buildTransitive/VfioAnalyzers.props", "buildTransitive/VfioAnalyzers.targets", "buildTransitive/config/all-errors.globalconfig", "buildTransitive/config/all-warnings.globalconfig", "buildTransitive/config/none.globalconfig" })
            {
                Assert.True(entries.Contains(wired), $"no {wired} in the package:\n" + listing);
            }

            Assert.True(entries.Contains("icon.png"), "no icon in the package:\n" + listing);

            XElement metadata = ReadNuspecMetadata(package);
            Assert.Equal("VfioAnalyzers", Value(metadata, "id"));
            Assert.Equal(_feed.Version, Value(metadata, "version"));
            Assert.Equal("true", Value(metadata, "developmentDependency"));
            Assert.Equal("MIT", Value(metadata, "license"));
            Assert.Equal("README.md", Value(metadata, "readme"));
            Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "projectUrl")), "no projectUrl");
            Assert.False(string.IsNullOrWhiteSpace(Value(metadata, "description")), "no description");
            Assert.Contains("analyzers", Value(metadata, "tags"));
            Assert.True(metadata.Elements().All(e => e.Name.LocalName != "dependencies"), "the analyzer package declares dependencies:\n" + metadata);
            Assert.Equal("icon.png", Value(metadata, "icon"));
            AssertIsPng(package, "icon.png");
        }

        [Fact]
        public void AnalyzerPackage_ReleaseNotes_ListEveryRuleWithItsPage()
        {
            using ZipArchive package = ZipFile.OpenRead(_feed.AnalyzerPackage);
            string notes = Value(ReadNuspecMetadata(package), "releaseNotes");

            // Every rule that has a page in the repository, so a new rule without a line here fails.
            string[] ids = Directory.GetFiles(Path.Combine(_feed.RepositoryRoot, "docs", "rules"), "VFIO*.md").Select(Path.GetFileNameWithoutExtension).ToArray()!;
            Assert.True(ids.Length >= 10, "the rule pages were not found");
            foreach (string id in ids)
            {
                Assert.True(
                    notes.Contains($"- {id} ") && notes.Contains($"/docs/rules/{id}.md"),
                    $"the release notes do not list {id} with a link to its page:\n{notes}");
            }
        }

        [Fact]
        public void RuntimePackage_HasASymbolsPackage_WithThePdbOfEveryFramework()
        {
            string symbols = Path.ChangeExtension(_feed.RuntimePackage, ".snupkg");
            Assert.True(File.Exists(symbols), $"no {Path.GetFileName(symbols)}; the feed holds: {string.Join(", ", Directory.GetFiles(_feed.FeedDirectory).Select(Path.GetFileName))}");
            using ZipArchive package = ZipFile.OpenRead(symbols);
            List<string> entries = package.Entries.Select(e => e.FullName).ToList();
            foreach (string framework in new[] { "net8.0", "netstandard2.0" })
            {
                Assert.True(entries.Contains($"lib/{framework}/Vfio.Runtime.pdb"), $"no lib/{framework}/Vfio.Runtime.pdb in the symbols package:\n" + string.Join("\n", entries));
            }
        }

        [Fact]
        public void RuntimePackage_IsALibraryWithItsReadme_AndDoesNotDragTheAnalyzerAlong()
        {
            Assert.True(File.Exists(_feed.RuntimePackage), $"{_feed.RuntimePackage} was not packed");
            using ZipArchive package = ZipFile.OpenRead(_feed.RuntimePackage);
            List<string> entries = package.Entries.Select(e => e.FullName).ToList();
            string listing = string.Join("\n", entries);

            Assert.True(entries.Contains("lib/net8.0/Vfio.Runtime.dll"), "no lib/net8.0/Vfio.Runtime.dll:\n" + listing);
            Assert.True(entries.Contains("lib/netstandard2.0/Vfio.Runtime.dll"), "no lib/netstandard2.0/Vfio.Runtime.dll (for .NET Framework and netstandard libraries):\n" + listing);
            Assert.True(entries.Contains("icon.png"), "no icon in the package:\n" + listing);
            Assert.True(entries.Contains("README.md"), "no README in the package:\n" + listing);
            Assert.True(!entries.Any(e => e.StartsWith("analyzers/")), "the runtime package must not carry the analyzer:\n" + listing);

            XElement metadata = ReadNuspecMetadata(package);
            Assert.Equal("Vfio.Runtime", Value(metadata, "id"));
            Assert.Equal(_feed.Version, Value(metadata, "version"));
            Assert.Equal("MIT", Value(metadata, "license"));
            Assert.Equal("README.md", Value(metadata, "readme"));
            Assert.Equal("icon.png", Value(metadata, "icon"));
            AssertIsPng(package, "icon.png");
            Assert.True(
                metadata.Descendants().All(e => e.Name.LocalName != "dependency"),
                "the runtime package has a dependency (the analyzer it is checked with must stay build-time only):\n" + metadata);
        }

        [Fact]
        public void Build_PrintsVfio001AtTheLeakingReturn()
        {
            (Consumer _, CliResult result, string _) = _feed.PlainBuild;

            Assert.True(result.ExitCode == 0, "a warning must not fail the build: " + result);
            (int line, int column) = Consumer.LocationOf("reported");
            IReadOnlyList<(int, int)> printed = Consumer.Printed(result, "warning", Vfio001);
            Assert.True(
                printed.SequenceEqual(new[] { (line, column) }),
                $"expected exactly one VFIO001, at {Consumer.SourceFileName}({line},{column}); printed at [{string.Join(", ", printed)}]: {result}");
        }

        [Fact]
        public void PragmaAndSuppressMessage_SilenceVfio001_WhichTheAnalyzerStillFound()
        {
            (Consumer _, CliResult result, string sarifPath) = _feed.PlainBuild;
            Assert.True(result.ExitCode == 0, result.ToString());

            IReadOnlyList<(int Line, int Column)> printed = Consumer.Printed(result, "warning", Vfio001);
            foreach (string marker in new[] { "pragma", "attribute" })
            {
                (int line, int column) = Consumer.LocationOf(marker);
                Assert.True(!printed.Contains((line, column)), $"VFIO001 printed at the {marker}-suppressed return ({line},{column}): {result}");

                // Not silent because the analyzer missed it: the compiler logs the finding as suppressed in source.
                SarifResult? suppressed = ReadSarif(sarifPath).SingleOrDefault(r => r.RuleId == Vfio001 && r.Line == line && r.Column == column);
                Assert.True(suppressed is not null, $"the SARIF log has no VFIO001 at the {marker}-suppressed return ({line},{column}):\n{File.ReadAllText(sarifPath)}");
                Assert.True(suppressed!.SuppressedInSource, $"the VFIO001 at ({line},{column}) is not marked as suppressed in source:\n{File.ReadAllText(sarifPath)}");
            }
        }

        [Fact]
        public void ErrorLog_HoldsTheResultWithItsRuleAndLocation()
        {
            (Consumer consumer, CliResult result, string sarifPath) = _feed.PlainBuild;
            Assert.True(File.Exists(sarifPath), "no SARIF log written: " + result);

            (int line, int column) = Consumer.LocationOf("reported");
            List<SarifResult> active = ReadSarif(sarifPath).Where(r => r.RuleId == Vfio001 && !r.SuppressedInSource).ToList();
            SarifResult only = Assert.Single(active);
            Assert.Equal("warning", only.Level);
            Assert.Equal((line, column), (only.Line, only.Column));
            Assert.EndsWith("/" + Consumer.SourceFileName, only.Uri);
            Assert.Equal(Path.GetFullPath(consumer.SourcePath), new System.Uri(only.Uri).LocalPath);
            Assert.Contains("docs/rules/VFIO001.md", File.ReadAllText(sarifPath));
        }

        [Fact]
        public void ErrorLog_DescribesVfio007WithTheCompilationEndTag_AndNoRuleReportedWhileTyping()
        {
            // What an IDE reads to know that VFIO007 appears only with full-solution analysis.
            (Consumer _, CliResult result, string sarifPath) = _feed.PlainBuild;
            Assert.True(File.Exists(sarifPath), "no SARIF log written: " + result);
            List<(string Id, bool CompilationEnd)> rules = SarifRules.Read(sarifPath);

            Assert.True(rules.Select(r => r.Id).Distinct().Count() >= 10, "not every VFIO rule is described: " + string.Join(", ", rules));
            Assert.Contains(("VFIO007", true), rules);
            Assert.DoesNotContain(("VFIO007", false), rules);
            Assert.Equal(new[] { "VFIO007" }, rules.Where(r => r.CompilationEnd && r.Id != "VFIO900").Select(r => r.Id).ToArray());
        }

        [Fact]
        public void WarnAsError_FailsTheBuildOnVfio001()
        {
            Consumer consumer = Consumer.Create(_feed, "warnaserror");

            CliResult result = consumer.Build(_feed, "-warnaserror");

            Assert.True(result.ExitCode != 0, "-warnaserror must fail the build on VFIO001: " + result);
            Assert.True(
                Consumer.Printed(result, "error", Vfio001).SequenceEqual(new[] { Consumer.LocationOf("reported") }),
                "expected VFIO001 as an error at the leaking return: " + result);
        }

        [Fact]
        public void EditorConfigSeverityError_FailsTheBuildOnVfio001()
        {
            Consumer consumer = Consumer.Create(
                _feed,
                "editorconfig",
                new Dictionary<string, string>
                {
                    [".editorconfig"] = "root = true\n\n[*.cs]\ndotnet_diagnostic.VFIO001.severity = error\n",
                });

            CliResult result = consumer.Build(_feed);

            Assert.True(result.ExitCode != 0, "dotnet_diagnostic.VFIO001.severity = error must fail the build: " + result);
            Assert.True(
                Consumer.Printed(result, "error", Vfio001).SequenceEqual(new[] { Consumer.LocationOf("reported") }),
                "expected VFIO001 as an error at the leaking return only: " + result);
        }

        private static void AssertIsPng(ZipArchive package, string entry)
        {
            using Stream stream = package.GetEntry(entry)!.Open();
            byte[] signature = new byte[8];
            stream.ReadExactly(signature);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, signature);
        }

        private static XElement ReadNuspecMetadata(ZipArchive package)
        {
            ZipArchiveEntry nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec") && !e.FullName.Contains('/'));
            using Stream stream = nuspec.Open();
            XDocument document = XDocument.Load(stream);
            return document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        }

        private static string Value(XElement metadata, string name) =>
            metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value.Trim()
            ?? throw new Xunit.Sdk.XunitException($"the nuspec has no <{name}>:\n{metadata}");

        private static List<SarifResult> ReadSarif(string path)
        {
            using JsonDocument log = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
            List<SarifResult> results = new List<SarifResult>();
            foreach (JsonElement run in log.RootElement.GetProperty("runs").EnumerateArray())
            {
                if (!run.TryGetProperty("results", out JsonElement runResults))
                {
                    continue;
                }

                foreach (JsonElement result in runResults.EnumerateArray())
                {
                    JsonElement physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
                    JsonElement region = physical.GetProperty("region");
                    bool suppressed = result.TryGetProperty("suppressions", out JsonElement suppressions)
                        && suppressions.EnumerateArray().Any(s => s.GetProperty("kind").GetString() == "inSource");
                    results.Add(new SarifResult(
                        result.GetProperty("ruleId").GetString() ?? string.Empty,
                        result.TryGetProperty("level", out JsonElement level) ? level.GetString() ?? string.Empty : "warning",
                        physical.GetProperty("artifactLocation").GetProperty("uri").GetString() ?? string.Empty,
                        region.GetProperty("startLine").GetInt32(),
                        region.GetProperty("startColumn").GetInt32(),
                        suppressed));
                }
            }

            return results;
        }

        private sealed record SarifResult(string RuleId, string Level, string Uri, int Line, int Column, bool SuppressedInSource);
    }
}
