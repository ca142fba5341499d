using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace VfioAnalyzers.PackageTests
{
    /// <summary>
    /// Both packages in the frameworks their users have: one project built for each (one restore and one build, so
    /// the four cost little more than one), the analyzer finding the leak in each, the runtime from the right lib/.
    /// </summary>
    [Collection(PackagesCollection.Name)]
    public sealed class FrameworkTests
    {
        /// <summary>net48 builds on any OS from the Microsoft.NETFramework.ReferenceAssemblies package, which the SDK adds.</summary>
        private const string Frameworks = "net10.0;net8.0;netstandard2.0;net48";

        private readonly PackedFeed _feed;

        public FrameworkTests(PackedFeed feed) => _feed = feed;

        [Fact]
        public void EachFramework_BuildsAgainstTheRuntimePackage_AndTheAnalyzerReportsTheLeak()
        {
            Consumer consumer = Consumer.Create(_feed, "frameworks", targetFrameworks: Frameworks);

            CliResult result = consumer.Build(_feed);

            Assert.True(result.ExitCode == 0, "the consumer must build for " + Frameworks + ": " + result);
            (int line, int column) = Consumer.LocationOf("reported");
            foreach (string framework in Frameworks.Split(';'))
            {
                // A multi-targeted build tags each diagnostic with the framework it was compiled for.
                var pattern = new Regex(Regex.Escape($"{Consumer.SourceFileName}({line},{column}): warning VFIO001:") + ".*TargetFramework=" + Regex.Escape(framework) + @"\]");
                Assert.True(pattern.IsMatch(result.Output), $"no VFIO001 at the leaking return for {framework}: {result}");
            }

            using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer.Directory, "obj", "project.assets.json")));
            JsonElement targets = assets.RootElement.GetProperty("targets");
            Assert.Equal("lib/net8.0/Vfio.Runtime.dll", RuntimeAsset(targets, "net10.0"));
            Assert.Equal("lib/net8.0/Vfio.Runtime.dll", RuntimeAsset(targets, "net8.0"));
            Assert.Equal("lib/netstandard2.0/Vfio.Runtime.dll", RuntimeAsset(targets, "netstandard2.0"));
            Assert.Equal("lib/netstandard2.0/Vfio.Runtime.dll", RuntimeAsset(targets, "net48"));
        }

        /// <summary>The runtime assembly the restore chose to compile the framework's build against (targets are keyed by the project's framework names).</summary>
        private string RuntimeAsset(JsonElement targets, string framework)
        {
            JsonElement packages = targets.GetProperty(framework);
            JsonElement runtime = packages.GetProperty("Vfio.Runtime/" + _feed.Version);
            return runtime.GetProperty("compile").EnumerateObject().Single().Name;
        }
    }
}
