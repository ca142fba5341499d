using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace VfioAnalyzers.Tests.Robustness
{
    /// <summary>
    /// The sources the robustness tests mangle, beyond the hand-written corpus: every C# snippet of the rule and
    /// code-fix tests (markup removed) and every source file of the samples, read from the repository.
    /// </summary>
    internal static class RepositorySources
    {
        // A raw string literal of three quotes, as the tests write their snippets.
        private static readonly Regex RawString = new Regex("\"\"\"\\r?\\n(?<body>.*?)\\r?\\n\\s*\"\"\"", RegexOptions.Singleline);

        // Markup of Microsoft.CodeAnalysis.Testing: {|#0:, {|VFIO002:, [| and their closings.
        private static readonly Regex Markup = new Regex(@"\{\|[^:|]*:|\|\}|\[\||\|\]");

        public static IReadOnlyList<string> TestSnippets() =>
            Directory.EnumerateFiles(Path.Combine(Root, "tests", "VfioAnalyzers.Tests"), "*.cs", SearchOption.AllDirectories)
                .Where(path => !path.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(path => path, StringComparer.Ordinal)
                .SelectMany(path => RawString.Matches(File.ReadAllText(path)).Cast<Match>())
                .Select(match => Markup.Replace(match.Groups["body"].Value, string.Empty))
                // Interpolated snippets ({{...}}) are templates, not sources.
                .Where(snippet => snippet.Contains("class ", StringComparison.Ordinal) && !snippet.Contains("{{", StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .ToList();

        public static IReadOnlyList<string> SampleFiles() =>
            Directory.EnumerateFiles(Path.Combine(Root, "samples"), "*.cs", SearchOption.AllDirectories)
                .Where(path => !path.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) &&
                               !path.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(File.ReadAllText)
                .ToList();

        private static string Root
        {
            get
            {
                for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
                {
                    if (File.Exists(Path.Combine(directory.FullName, "VfioAnalyzers.sln")))
                    {
                        return directory.FullName;
                    }
                }

                throw new InvalidOperationException("The repository root (VfioAnalyzers.sln) is not above " + AppContext.BaseDirectory);
            }
        }
    }
}
