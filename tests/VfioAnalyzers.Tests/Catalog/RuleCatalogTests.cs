using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using VfioAnalyzers.Rules;
using Xunit;

namespace VfioAnalyzers.Tests.Catalog
{
    /// <summary>Keeps the rule catalogue honest: every supported id has its page, its help link and its release line.</summary>
    public class RuleCatalogTests
    {
        public static IEnumerable<object[]> SupportedIds() =>
            new AcquireReleaseAnalyzer().SupportedDiagnostics.Select(d => d.Id).Distinct().Select(id => new object[] { id });

        [Theory]
        [MemberData(nameof(SupportedIds))]
        public void HasItsPageTitledAsTheDescriptor(string id)
        {
            var descriptor = Descriptor(id);
            var page = Path.Combine(RepositoryRoot(), "docs", "rules", id + ".md");
            Assert.True(File.Exists(page), $"{page} is missing");
            Assert.Equal($"# {id}: {descriptor.Title}", File.ReadLines(page).First());
        }

        [Theory]
        [MemberData(nameof(SupportedIds))]
        public void HelpLinkOpensItsPage(string id)
        {
            var descriptor = Descriptor(id);
            Assert.Equal(HelpLinks.For(id), descriptor.HelpLinkUri);
            Assert.EndsWith("/docs/rules/" + id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(SupportedIds))]
        public void IsTrackedInTheReleaseFileWithItsCategoryAndSeverity(string id)
        {
            var descriptor = Descriptor(id);
            var releases = File.ReadAllLines(Path.Combine(RepositoryRoot(), "src", "VfioAnalyzers", "AnalyzerReleases.Unshipped.md"))
                .Concat(File.ReadAllLines(Path.Combine(RepositoryRoot(), "src", "VfioAnalyzers", "AnalyzerReleases.Shipped.md")));
            var line = releases.Select(l => l.Split('|').Select(c => c.Trim()).ToArray()).SingleOrDefault(c => c.Length >= 3 && c[0] == id);
            Assert.NotNull(line);
            Assert.Equal(descriptor.Category, line![1]);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), line[2]);
        }

        [Theory]
        [MemberData(nameof(SupportedIds))]
        public void IsListedInTheRulesIndex(string id)
        {
            var index = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "rules", "README.md"));
            Assert.Contains("(" + id + ".md)", index, StringComparison.Ordinal);
        }

        [Fact]
        public void CompilationEndDescriptors_AreTaggedForTheIde_AndNoOthers()
        {
            // VFIO007 needs every release of the compilation; an option value has no location: both are reported when
            // the compilation ends. RS1037 checks the reporting code; this pins which descriptors those are.
            var tagged = new AcquireReleaseAnalyzer().SupportedDiagnostics
                .Where(d => d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd))
                .ToList();

            Assert.Equal(new[] { Descriptors.FieldNeverReleased, Descriptors.BadOption }, tagged);
        }

        [Theory]
        [InlineData("VFIO007")]
        [InlineData("VFIO900")]
        public void CompilationEndRules_SayOnTheirPageThatTheIdeShowsThemWithFullSolutionAnalysis(string id)
        {
            var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "rules", id + ".md"));
            Assert.Contains("CompilationEnd", page, StringComparison.Ordinal);
            Assert.Contains("full-solution analysis", page, StringComparison.Ordinal);
        }

        [Fact]
        public void DescriptorsSharingAnId_AgreeOnTitleCategoryAndSeverity()
        {
            foreach (var group in new AcquireReleaseAnalyzer().SupportedDiagnostics.GroupBy(d => d.Id))
            {
                Assert.Single(group.Select(d => (d.Title.ToString(), d.Category, d.DefaultSeverity, d.HelpLinkUri)).Distinct());
            }
        }

        private static DiagnosticDescriptor Descriptor(string id) =>
            new AcquireReleaseAnalyzer().SupportedDiagnostics.First(d => d.Id == id);

        private static string RepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "VfioAnalyzers.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("VfioAnalyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
