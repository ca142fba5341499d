using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace VfioAnalyzers.PackageTests
{
    /// <summary>
    /// The samples as the README tells a user to meet them: the leaky driver prints each finding at the line that
    /// carries it (a trailing <c>// VFIOnnn</c> comment marks each one), and the vendor driver builds with no diagnostic
    /// and runs clean.
    /// </summary>
    public sealed class SampleTests : IClassFixture<SampleTests.Builds>
    {
        private readonly Builds _builds;

        public SampleTests(Builds builds) => _builds = builds;

        public static IEnumerable<object[]> MarkedFindings() =>
            Markers(Builds.FindRepositoryRoot())
                .Select(m => new object[] { m.File, m.Line, m.Id });

        [Theory]
        [MemberData(nameof(MarkedFindings))]
        public void LeakyDriver_PrintsTheMarkedFindingAtItsLine(string file, int line, string id)
        {
            CliResult result = _builds.LeakyDriver;
            Assert.True(result.ExitCode == 0, result.ToString());
            IReadOnlyList<(string File, int Line, string Id)> printed = Printed(result);
            Assert.True(
                printed.Contains((file, line, id)),
                $"expected {id} at {file} line {line}; printed: [{string.Join(", ", printed)}]: {result}");
        }

        [Fact]
        public void LeakyDriver_BuildSucceeds_AndPrintsNoUnmarkedFinding()
        {
            CliResult result = _builds.LeakyDriver;
            Assert.True(result.ExitCode == 0, "the leaky sample keeps its findings as warnings and must build: " + result);

            HashSet<(string, int, string)> marked = Markers(_builds.RepositoryRoot).Select(m => (m.File, m.Line, m.Id)).ToHashSet();
            List<(string File, int Line, string Id)> unmarked = Printed(result).Where(p => !marked.Contains(p)).ToList();
            Assert.True(unmarked.Count == 0, $"findings printed on lines without their // VFIOnnn marker: [{string.Join(", ", unmarked)}]: {result}");
        }

        [Fact]
        public void MdevVendorDriver_BuildsWithNoDiagnostic_AndRunsWithoutLeaks()
        {
            CliResult build = _builds.MdevVendorDriver;
            Assert.True(build.ExitCode == 0, "the vendor driver must build clean (warnings are errors there): " + build);
            Assert.True(!Regex.IsMatch(build.Output, @"\.cs\(\d+,\d+\): (warning|error) "), "the vendor driver has compiler diagnostics: " + build);

            CliResult run = DotNetCli.Run(
                _builds.RepositoryRoot,
                environment: null,
                "run", "--project", Path.Combine("samples", "MdevVendorDriver"), "--no-build", "-c", Builds.Configuration);
            Assert.True(run.ExitCode == 0, "the vendor driver's checks failed: " + run);
            Assert.Contains("no external-user reference leaked", run.Output);
        }

        private static IReadOnlyList<(string File, int Line, string Id)> Printed(CliResult result) =>
            Regex.Matches(result.Output, @"[\\/]samples[\\/]LeakyDriver[\\/](?<file>[^\\/(]+\.cs)\((?<line>\d+),\d+\): warning (?<id>VFIO\d{3}):")
                .Select(m => (m.Groups["file"].Value, int.Parse(m.Groups["line"].Value), m.Groups["id"].Value))
                .Distinct()
                .ToList();

        private static IEnumerable<(string File, int Line, string Id)> Markers(string repositoryRoot)
        {
            string directory = Path.Combine(repositoryRoot, "samples", "LeakyDriver");
            foreach (string path in Directory.GetFiles(directory, "*.cs").OrderBy(p => p, StringComparer.Ordinal))
            {
                string[] lines = File.ReadAllLines(path);
                for (int i = 0; i < lines.Length; i++)
                {
                    Match marker = Regex.Match(lines[i], @";\s*// (VFIO\d{3})\b");
                    if (marker.Success)
                    {
                        yield return (Path.GetFileName(path), i + 1, marker.Groups[1].Value);
                    }
                }
            }
        }

        /// <summary>Each sample compiled once per run (a full rebuild: an up-to-date build prints no warnings).</summary>
        public sealed class Builds
        {
            private readonly Lazy<CliResult> _leakyDriver;
            private readonly Lazy<CliResult> _mdevVendorDriver;

            public Builds()
            {
                RepositoryRoot = FindRepositoryRoot();
                _leakyDriver = new Lazy<CliResult>(() => Rebuild("LeakyDriver"));
                _mdevVendorDriver = new Lazy<CliResult>(() => Rebuild("MdevVendorDriver"));
            }

            public string RepositoryRoot { get; }

            internal CliResult LeakyDriver => _leakyDriver.Value;

            internal CliResult MdevVendorDriver => _mdevVendorDriver.Value;

            public static string FindRepositoryRoot()
            {
                for (DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
                {
                    if (File.Exists(Path.Combine(directory.FullName, "VfioAnalyzers.sln")))
                    {
                        return directory.FullName;
                    }
                }

                throw new InvalidOperationException($"VfioAnalyzers.sln not found above {AppContext.BaseDirectory}");
            }

            /// <summary>
            /// Release, not the README's Debug: a rebuild cleans the analyzer projects' outputs, and `dotnet test` on the
            /// solution builds the other test projects (which copy the Debug analyzer assemblies) while these tests run.
            /// Release is the configuration `dotnet pack` builds here too, one test at a time.
            /// </summary>
            internal const string Configuration = "Release";

            private CliResult Rebuild(string sample) =>
                DotNetCli.Run(
                    RepositoryRoot,
                    environment: null,
                    "build", Path.Combine("samples", sample), "-c", Configuration, "--no-incremental", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        }
    }
}
