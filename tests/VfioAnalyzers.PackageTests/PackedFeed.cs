using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace VfioAnalyzers.PackageTests
{
    /// <summary>
    /// Packs VfioAnalyzers and Vfio.Runtime from this repository into a fresh folder feed, once per test class, with
    /// an empty package cache of its own so that every run restores the packages just built and never a cached copy.
    /// </summary>
    public sealed class PackedFeed : IDisposable
    {
        public PackedFeed()
        {
            RepositoryRoot = SampleTests.Builds.FindRepositoryRoot();
            Version = ReadVersion(RepositoryRoot);
            Root = Path.Combine(Path.GetTempPath(), "vfio-package-tests-" + Guid.NewGuid().ToString("N"));
            FeedDirectory = Path.Combine(Root, "feed");
            PackagesDirectory = Path.Combine(Root, "packages");
            Directory.CreateDirectory(FeedDirectory);
            Directory.CreateDirectory(PackagesDirectory);

            Pack(Path.Combine("src", "VfioAnalyzers.Package", "VfioAnalyzers.Package.csproj"));
            Pack(Path.Combine("src", "Vfio.Runtime", "Vfio.Runtime.csproj"));
            AnalyzerPackage = Path.Combine(FeedDirectory, $"VfioAnalyzers.{Version}.nupkg");
            RuntimePackage = Path.Combine(FeedDirectory, $"Vfio.Runtime.{Version}.nupkg");
            _plainBuild = new Lazy<(Consumer, CliResult, string)>(BuildPlainConsumer);
        }

        private readonly Lazy<(Consumer Consumer, CliResult Result, string SarifPath)> _plainBuild;

        /// <summary>One consumer built as a user builds it, writing a SARIF 2.1 log; shared by the tests that only read it.</summary>
        internal (Consumer Consumer, CliResult Result, string SarifPath) PlainBuild => _plainBuild.Value;

        private (Consumer, CliResult, string) BuildPlainConsumer()
        {
            Consumer consumer = Consumer.Create(this, "plain");
            string sarif = Path.Combine(consumer.Directory, "vfio.sarif");
            // %2C: a comma in a property value on the command line would start a second property.
            CliResult result = consumer.Build(this, $"-p:ErrorLog={sarif}%2Cversion=2.1");
            return (consumer, result, sarif);
        }

        public string RepositoryRoot { get; }

        /// <summary>The version in Directory.Build.props.</summary>
        public string Version { get; }

        /// <summary>The temporary folder holding the feed, the package cache and the consumers.</summary>
        public string Root { get; }

        public string FeedDirectory { get; }

        public string PackagesDirectory { get; }

        public string AnalyzerPackage { get; }

        public string RuntimePackage { get; }

        /// <summary>The environment of every consumer build: the fresh package cache.</summary>
        public IReadOnlyDictionary<string, string> ConsumerEnvironment =>
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesDirectory };

        public void Dispose()
        {
            if (Environment.GetEnvironmentVariable("VFIO_KEEP_PACKAGE_TESTS") is null)
            {
                try
                {
                    Directory.Delete(Root, recursive: true);
                }
                catch (IOException)
                {
                    // A temporary folder left behind is harmless.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        private void Pack(string project)
        {
            CliResult result = DotNetCli.Run(
                RepositoryRoot,
                environment: null,
                "pack", project, "-c", "Release", "-o", FeedDirectory, "-nodeReuse:false", "-p:UseSharedCompilation=false");
            Assert.True(result.ExitCode == 0, "packing failed: " + result);
        }

        private static string ReadVersion(string repositoryRoot)
        {
            XDocument props = XDocument.Load(Path.Combine(repositoryRoot, "Directory.Build.props"));
            string? version = props.Descendants("Version").Select(v => v.Value.Trim()).FirstOrDefault();
            return version ?? throw new InvalidOperationException("Directory.Build.props sets no <Version>");
        }
    }
}
