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
            new AcquireReleaseAnalyzer().SupportedDiagnostics.Select(d => new object[] { d.Id });

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

        private static DiagnosticDescriptor Descriptor(string id) =>
            new AcquireReleaseAnalyzer().SupportedDiagnostics.Single(d => d.Id == id);

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
