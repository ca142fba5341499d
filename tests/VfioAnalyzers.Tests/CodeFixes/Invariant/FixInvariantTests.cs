using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using VfioAnalyzers.Tests.Robustness;
using Xunit;

namespace VfioAnalyzers.Tests.CodeFixes.Invariant
{
    /// <summary>
    /// Every fix, on every snippet of the tests, every sample file and the shapes that broke fixes before: the fixed
    /// code compiles with no new compiler diagnostic (warnings included: nullable code is built with warnings as
    /// errors), no rule finds more than before, and the fixed rule finds less. One diagnostic at a time and Fix All.
    /// </summary>
    public class FixInvariantTests
    {
        // The preset's pairs, by the names a source must mention for the preset to find anything in it.
        private static readonly string[] PresetNames = { "ArrayPool", "GCHandle", "Marshal", "Monitor", "SemaphoreSlim", "SafeHandle" };

        public static IEnumerable<object[]> Options() => new[]
        {
            new object[] { "default", string.Empty, 395 },
            new object[] { "dotnet preset", "vfio_analyzers.presets = dotnet\n", 50 },
            new object[] { "every call may throw", "vfio_analyzers.exception_paths = all_calls\n", 600 },
        };

        [Theory]
        [MemberData(nameof(Options))]
        public async Task EveryFixKeepsItsPromise(string name, string editorConfig, int fewestFixes)
        {
            using var checker = new FixInvariantChecker(editorConfig, KeptReferenceMayStillLeakOnAThrow);
            var violations = new List<string>();
            // Sources that name no pair of the preset find the same with it as without: checked once, by default.
            foreach (var source in Sources().Where(s => !editorConfig.Contains("presets") || PresetNames.Any(s.Contains)))
            {
                violations.AddRange(await checker.CheckAsync(source));
            }

            Assert.True(violations.Count == 0, $"{violations.Count} broken promises with options '{name}':\n\n" + string.Join("\n\n########\n\n", violations.Take(5)));

            // The fixes did run: most snippets have something to fix.
            Assert.True(checker.FixesChecked > fewestFixes, $"only {checker.FixesChecked} fixes checked");
        }

        private static IEnumerable<string> Sources() =>
            RepositorySources.TestSnippets().Concat(RepositorySources.SampleFiles()).Concat(RobustnessCorpus.Sources).Concat(FixShapes.Sources).Distinct();

        /// <summary>
        /// Keeping a discarded reference (VFIO005) puts it where its scope ends, as the code was written. When calls in
        /// between count as throwing, the kept reference leaks if one throws: a leak on fewer paths than before (it
        /// leaked on all), not a new bug. Every other fix must add nothing.
        /// </summary>
        private static bool KeptReferenceMayStillLeakOnAThrow(string fix, Diagnostic added) =>
            fix == VfioAnalyzers.CodeFixes.KeepDiscardedReferenceCodeFixProvider.Key && added.Id == "VFIO001"
            && added.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("' throws");
    }
}
