using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Xunit;

namespace VfioAnalyzers.PackageTests
{
    /// <summary>
    /// The analyzer precompiled (ReadyToRun) for linux-x64: shipped beside the IL-only one as the same assembly, given to
    /// a compiler that runs on .NET 10 or later on that platform, and left out when the project says
    /// <c>VfioReadyToRun=false</c> or the platform is another. A build finds the same leak either way.
    /// </summary>
    [Collection(PackagesCollection.Name)]
    public sealed class ReadyToRunTests
    {
        private const string IlOnly = "analyzers/dotnet/cs/VfioAnalyzers.dll";
        private const string Precompiled = "readytorun/linux-x64/VfioAnalyzers.dll";

        private readonly PackedFeed _feed;

        public ReadyToRunTests(PackedFeed feed) => _feed = feed;

        [Fact]
        public void Package_ShipsThePrecompiledAnalyzer_AsTheSameAssemblyAsTheIlOnlyOne()
        {
            using ZipArchive package = ZipFile.OpenRead(_feed.AnalyzerPackage);
            ZipArchiveEntry? precompiled = package.GetEntry(Precompiled);
            Assert.True(precompiled is not null, "no precompiled analyzer in the package:\n" + string.Join("\n", package.Entries.Select(e => e.FullName)));
            ZipArchiveEntry ilOnly = package.GetEntry(IlOnly)!;

            var (ilIdentity, ilNative) = Read(ilOnly);
            var (identity, native) = Read(precompiled!);
            Assert.False(ilNative, IlOnly + " carries native code");
            Assert.True(native, Precompiled + " carries no native code (no ReadyToRun header)");
            Assert.Equal(ilIdentity, identity);

            var problems = OlderHostReferenceTests.NewerThanTheHostCarries(Precompiled, OlderHostReferenceTests.References(precompiled!)).ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void Build_GivesTheCompilerThePrecompiledAnalyzerOnLinuxX64_AndReportsTheLeak()
        {
            Consumer consumer = Consumer.Create(_feed, "readytorun");

            CliResult result = consumer.Build(_feed, "-v:d");

            string expected = RuntimeInformation.RuntimeIdentifier == "linux-x64" ? Precompiled : IlOnly;
            Assert.Equal(new[] { expected }, AnalyzersPassed(result));
            Assert.True(Consumer.Printed(result, "warning", "VFIO001").SequenceEqual(new[] { Consumer.LocationOf("reported") }), "expected VFIO001 at the leaking return: " + result);
        }

        [Fact]
        public void Build_WithReadyToRunOff_GivesTheCompilerTheIlOnlyAnalyzer_AndReportsTheLeak()
        {
            Consumer consumer = Consumer.Create(_feed, "readytorun-off", projectBody: "<PropertyGroup><VfioReadyToRun>false</VfioReadyToRun></PropertyGroup>");

            CliResult result = consumer.Build(_feed, "-v:d");

            Assert.Equal(new[] { IlOnly }, AnalyzersPassed(result));
            Assert.True(Consumer.Printed(result, "warning", "VFIO001").SequenceEqual(new[] { Consumer.LocationOf("reported") }), "expected VFIO001 at the leaking return: " + result);
        }

        [Fact]
        public void PrecompiledAnalyzer_OffersItsGenericCodeToTheWholeProcess()
        {
            // Its caches are keyed by tuples of Roslyn's types (`(TypeDeclarationSyntax, string)`): instantiations with no
            // type of the analyzer's own, which the runtime looks for in an image only when the image says it holds
            // code unrelated to its own types (crossgen2's --non-local-generics-module).
            using ZipArchive package = ZipFile.OpenRead(_feed.AnalyzerPackage);
            uint flags = ReadyToRunFlags(package.GetEntry(Precompiled)!);
            Assert.True((flags & UnrelatedCode) != 0, $"the precompiled analyzer's ReadyToRun flags are 0x{flags:x}, without 0x{UnrelatedCode:x}");
        }

        [LinuxX64Fact]
        public void PrecompiledAnalyzer_CarriesTheFrameworksGenericCodeOverItsOwnTypes()
        {
            // The framework's collections instantiated over the analyzer's value types (List<ValueKey>, dictionaries keyed
            // by its tuples) belong to no version bubble of their own: without cross-module compilation the JIT compiles
            // every one of them in each compiler process, as it does for the IL-only analyzer.
            var ilOnly = JitCompiledOverAnalyzerTypes("jit-il-only", readyToRun: false);
            var precompiled = JitCompiledOverAnalyzerTypes("jit-precompiled", readyToRun: true);

            Assert.True(ilOnly.Count >= 20, "the IL-only analyzer's run JIT-compiled few framework methods over its types, so this compares nothing:\n" + string.Join("\n", ilOnly));
            Assert.True(precompiled.Count * 2 <= ilOnly.Count, $"the precompiled analyzer left {precompiled.Count} framework methods over its types to the JIT, against {ilOnly.Count} for the IL-only one:\n" + string.Join("\n", precompiled));
        }

        /// <summary>
        /// The framework's and Roslyn's methods, instantiated over one of the analyzer's types, that the JIT compiled in the
        /// compiler process of a consumer's build (the JIT's own list, written for that process alone through the Csc task).
        /// </summary>
        private List<string> JitCompiledOverAnalyzerTypes(string name, bool readyToRun)
        {
            string listing = Path.Combine(_feed.Root, name + ".jit.txt");
            File.Delete(listing);
            Consumer consumer = Consumer.Create(_feed, name, projectBody: $"""
                <PropertyGroup>
                  <VfioReadyToRun>{(readyToRun ? "true" : "false")}</VfioReadyToRun>
                  <CscEnvironment>DOTNET_JitStdOutFile={listing};DOTNET_JitDisasmSummary=1</CscEnvironment>
                </PropertyGroup>
                """);

            CliResult result = consumer.Build(_feed);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.True(File.Exists(listing), "the compiler wrote no list of what the JIT compiled: " + result);
            // "JIT compiled System.Collections.Generic.List`1[VfioAnalyzers.Flow.ValueKey]:.ctor() [Tier0, ...]": the type
            // before the colon is another assembly's, instantiated over one of the analyzer's.
            return File.ReadLines(listing)
                .Select(line => Regex.Match(line, @"JIT compiled ((\S+?):.*?) \["))
                .Where(m => m.Success && !m.Groups[2].Value.StartsWith("VfioAnalyzers.", StringComparison.Ordinal) && m.Groups[2].Value.Contains("[VfioAnalyzers.", StringComparison.Ordinal))
                .Select(m => m.Groups[1].Value)
                .ToList();
        }

        /// <summary>Which of the package's analyzer files the compiler was given, read off the compiler's command line.</summary>
        private static string[] AnalyzersPassed(CliResult result)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            var passed = Regex.Matches(result.Output, @"/analyzer:\S*?/vfioanalyzers/[^/]+/(\S*?VfioAnalyzers\.dll)")
                .Select(m => m.Groups[1].Value)
                .Distinct()
                .ToArray();
            Assert.True(passed.Length > 0, "no compiler command line with the analyzer in the output: " + result);
            return passed;
        }

        // READYTORUN_FLAG_UNRELATED_R2R_CODE, in the flags of the image's ReadyToRun header.
        private const uint UnrelatedCode = 0x80;

        /// <summary>The flags of the image's ReadyToRun header: "RTR", two version numbers, then the flags.</summary>
        private static uint ReadyToRunFlags(ZipArchiveEntry entry)
        {
            using PEReader reader = OpenImage(entry);
            DirectoryEntry header = reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory;
            Assert.True(header.Size > 0, "no ReadyToRun header");
            BlobReader blob = reader.GetSectionData(header.RelativeVirtualAddress).GetReader();
            Assert.Equal(0x00525452u, blob.ReadUInt32());
            blob.ReadUInt16();
            blob.ReadUInt16();
            return blob.ReadUInt32();
        }

        private static (string Identity, bool Native) Read(ZipArchiveEntry entry)
        {
            using PEReader reader = OpenImage(entry);
            MetadataReader metadata = reader.GetMetadataReader();
            var assembly = metadata.GetAssemblyDefinition();
            string identity = $"{metadata.GetString(assembly.Name)} {assembly.Version} {metadata.GetGuid(metadata.GetModuleDefinition().Mvid)}";
            return (identity, reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0);
        }

        /// <summary>A packed assembly, read into memory (a zip entry's stream cannot seek); the reader owns the copy.</summary>
        private static PEReader OpenImage(ZipArchiveEntry entry)
        {
            var buffer = new MemoryStream();
            using (Stream stream = entry.Open())
            {
                stream.CopyTo(buffer);
            }

            buffer.Position = 0;
            return new PEReader(buffer);
        }
    }
}
