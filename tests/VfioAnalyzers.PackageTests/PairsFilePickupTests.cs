using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace VfioAnalyzers.PackageTests
{
    /// <summary>
    /// The pairs file reaches the analyzer with no AdditionalFiles line (next to the project, or named by VfioPairsFile),
    /// and every bad configuration input is a VFIO900 printed where it is.
    /// </summary>
    [Collection(PackagesCollection.Name)]
    public sealed class PairsFilePickupTests
    {
        private const string PairsFileName = "vfio_analyzers.pairs.txt";
        private const string LeasesFileName = "Leases.cs";

        /// <summary>A library the user cannot annotate, and a leak of its lease: found only if the pairs file is read.</summary>
        private const string Leases = """
            namespace Consumer
            {
                public sealed class Lease { }

                public sealed class Leases
                {
                    public Lease? Open(string name) => new Lease();
                    public void Close(Lease lease) { }
                }

                public static class LeaseUser
                {
                    public static void Use(Leases leases)
                    {
                        Lease? lease = leases.Open("a");
                    } // leak
                }
            }
            """;

        /// <summary>One good pair and one bad input per line; each bad line's marker is the word the VFIO900 points at.</summary>
        private static readonly string[] PairsLines =
        {
            "acquire lease M:Consumer.Leases.Open(System.String) return when not-null",
            "release lease M:Consumer.Leases.Close(Consumer.Lease) argument lease",
            "acquire lease M:Consumer.Leases.Close(Consumer.Lease  argument lease",
            "acquire lease M:Consumer.Leases.Open(System.String) return when always",
            "preset java",
        };

        private readonly PackedFeed _feed;

        public PairsFilePickupTests(PackedFeed feed) => _feed = feed;

        [Fact]
        public void PairsFileNextToTheProject_IsRead_AndEachBadInputIsReportedWhereItIs()
        {
            Consumer consumer = Consumer.Create(_feed, "pairs-next-to-project", new Dictionary<string, string>
            {
                [PairsFileName] = string.Join("\n", PairsLines) + "\n",
                [LeasesFileName] = Leases,
                [".editorconfig"] = "root = true\n\n[*.cs]\nvfio_analyzers.exception_paths = maybe\n",
            });

            string sarif = System.IO.Path.Combine(consumer.Directory, "vfio.sarif");
            CliResult result = consumer.Build(_feed, $"-p:ErrorLog={sarif}%2Cversion=2.1");
            Assert.True(result.ExitCode == 0, result.ToString());

            // Read: its good lines declare the pair, so the leak is found.
            string[] leases = Leases.Split('\n');
            int leakLine = Array.FindIndex(leases, l => l.TrimEnd().EndsWith("// leak", StringComparison.Ordinal)) + 1;
            int leakColumn = leases[leakLine - 1].IndexOf('}') + 1;
            Assert.True(
                Consumer.Printed(result, "warning", "VFIO001", LeasesFileName).SequenceEqual(new[] { (leakLine, leakColumn) }),
                $"expected VFIO001 at {LeasesFileName}({leakLine},{leakColumn}), declared by the pairs file alone: {result}");

            // The unpaired bracket at its id, the second acquire of Open at its line, the unknown preset at its name.
            var expected = new[]
            {
                (3, PairsLines[2].IndexOf("M:", StringComparison.Ordinal) + 1),
                (4, 1),
                (5, PairsLines[4].IndexOf("java", StringComparison.Ordinal) + 1),
            };
            IReadOnlyList<(int, int)> printed = Consumer.Printed(result, "warning", "VFIO900", PairsFileName);
            Assert.True(printed.SequenceEqual(expected), $"expected VFIO900 at [{string.Join(", ", expected)}] in {PairsFileName}, printed at [{string.Join(", ", printed)}]: {result}");
            Assert.Contains("already declared at line 1", result.Output);
            Assert.Contains("has an unclosed '('", result.Output);

            // The option value has no place in a file: the message says where it was set, its value and the accepted ones.
            Assert.Contains(
                "warning VFIO900: option 'vfio_analyzers.exception_paths' (set by an .editorconfig section for '",
                result.Output);
            Assert.Contains("unknown value 'maybe' (known: default, none, precise, all_calls; true is precise, false is none)", result.Output);

            // That finding comes when the compilation ends, and its descriptor says so; the pairs file's lines do not.
            List<(string Id, bool CompilationEnd)> rules = SarifRules.Read(sarif);
            Assert.Contains(("VFIO900", true), rules);
            Assert.Contains(("VFIO900", false), rules);
        }

        [Fact]
        public void VfioPairsFile_NamesAnotherPath_AndAFileThatIsNotTextIsReportedOnce()
        {
            // What an image looks like read as text: NULs, ESCs and bytes that are not UTF-8, on many "lines".
            string binary = "\u0089PNG\r\n\u001a\n\0\0\0\rIHDR" + string.Concat(Enumerable.Repeat("\0\u001b[31m\u0001\n", 120));
            Consumer consumer = Consumer.Create(
                _feed,
                "pairs-named-path",
                new Dictionary<string, string> { ["config/leases.pairs"] = binary },
                projectBody: "  <PropertyGroup><VfioPairsFile>config/leases.pairs</VfioPairsFile></PropertyGroup>");

            CliResult result = consumer.Build(_feed);
            Assert.True(result.ExitCode == 0, result.ToString());

            IReadOnlyList<(int, int)> printed = Consumer.Printed(result, "warning", "VFIO900", "leases.pairs");
            Assert.True(printed.SequenceEqual(new[] { (1, 1) }), $"expected one VFIO900 at leases.pairs(1,1), printed at [{string.Join(", ", printed)}]: {result}");
            Assert.Contains("not a text file (it holds NUL characters): nothing in it is read", result.Output);
            Assert.DoesNotContain('\0', result.Output);
            Assert.DoesNotContain("\u001b[31m", result.Output);
        }
    }
}
