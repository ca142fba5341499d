using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace VfioAnalyzers.PackageTests
{
    /// <summary>
    /// The package promises Roslyn 4.8 (.NET 8.0.100 SDK, Visual Studio 17.8). A host loads an analyzer only if every
    /// assembly it references is there in that version or lower, so the packed assemblies may reference nothing newer
    /// than what a 4.8 host carries.
    /// </summary>
    [Collection(PackagesCollection.Name)]
    public sealed class OlderHostReferenceTests
    {
        /// <summary>What the Roslyn 4.8 compiler and workspace hosts ship, at the highest assembly version each has.</summary>
        internal static readonly IReadOnlyDictionary<string, Version> Roslyn48Host = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase)
        {
            ["netstandard"] = new Version(2, 0, 0, 0),
            ["Microsoft.CodeAnalysis"] = new Version(4, 8, 0, 0),
            ["Microsoft.CodeAnalysis.CSharp"] = new Version(4, 8, 0, 0),
            ["Microsoft.CodeAnalysis.Workspaces"] = new Version(4, 8, 0, 0),
            ["Microsoft.CodeAnalysis.CSharp.Workspaces"] = new Version(4, 8, 0, 0),
            ["System.Collections.Immutable"] = new Version(7, 0, 0, 0),
            ["System.Reflection.Metadata"] = new Version(7, 0, 0, 0),
            // Microsoft.CodeAnalysis 4.8 references it itself (System.Memory 4.5.5); .NET hosts have it in the framework.
            ["System.Memory"] = new Version(4, 0, 1, 2),
            ["System.Composition.AttributedModel"] = new Version(7, 0, 0, 0),
            ["System.Composition.Convention"] = new Version(7, 0, 0, 0),
            ["System.Composition.Hosting"] = new Version(7, 0, 0, 0),
            ["System.Composition.Runtime"] = new Version(7, 0, 0, 0),
            ["System.Composition.TypedParts"] = new Version(7, 0, 0, 0),
        };

        private readonly PackedFeed _feed;

        public OlderHostReferenceTests(PackedFeed feed) => _feed = feed;

        [Fact]
        public void PackedAnalyzerAssemblies_ReferenceNothingNewerThanARoslyn48HostCarries()
        {
            using ZipArchive package = ZipFile.OpenRead(_feed.AnalyzerPackage);
            List<ZipArchiveEntry> assemblies = package.Entries
                .Where(e => e.FullName.StartsWith("analyzers/", StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal))
                .ToList();
            Assert.True(assemblies.Count == 2, "expected the analyzer and the code fixes in the package, found: " + string.Join(", ", assemblies.Select(a => a.FullName)));

            List<string> problems = assemblies.SelectMany(a => NewerThanTheHostCarries(a.Name, References(a))).ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void TheCheck_RejectsTheCompositionReferenceTheFixesOnceHad()
        {
            // Compiled against the System.Composition 8.0.0 that the package source serves, with [Shared] on the fixes.
            var before = new[] { ("Microsoft.CodeAnalysis.Workspaces", new Version(4, 8, 0, 0)), ("System.Composition.AttributedModel", new Version(8, 0, 0, 0)) };

            string problem = Assert.Single(NewerThanTheHostCarries("VfioAnalyzers.CodeFixes.dll", before));
            Assert.Contains("System.Composition.AttributedModel 8.0.0.0", problem);
            Assert.Single(NewerThanTheHostCarries("X.dll", new[] { ("System.Text.Json", new Version(8, 0, 0, 0)) }));
        }

        /// <summary>Every reference a Roslyn 4.8 host could not satisfy: newer than it carries, or not carried at all.</summary>
        internal static IEnumerable<string> NewerThanTheHostCarries(string assembly, IEnumerable<(string Name, Version Version)> references)
        {
            foreach ((string name, Version version) in references)
            {
                if (name.StartsWith("VfioAnalyzers", StringComparison.Ordinal))
                {
                    continue; // the package's own assemblies travel together
                }

                if (!Roslyn48Host.TryGetValue(name, out Version? carried))
                {
                    yield return $"{assembly} references {name} {version}, which a Roslyn 4.8 host does not carry";
                }
                else if (version > carried)
                {
                    yield return $"{assembly} references {name} {version}; a Roslyn 4.8 host carries {carried}";
                }
            }
        }

        internal static List<(string Name, Version Version)> References(ZipArchiveEntry entry)
        {
            using var buffer = new MemoryStream();
            using (Stream stream = entry.Open())
            {
                stream.CopyTo(buffer);
            }

            buffer.Position = 0;
            using var reader = new PEReader(buffer);
            MetadataReader metadata = reader.GetMetadataReader();
            return metadata.AssemblyReferences
                .Select(h => metadata.GetAssemblyReference(h))
                .Select(r => (metadata.GetString(r.Name), r.Version))
                .ToList();
        }
    }
}
