using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using VfioAnalyzers.Options;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// A compilation configured by presets alone (no pairs file, no annotated API in sight) whose files never spell the
    /// name of a member the presets declare has nothing to analyse: no body can call one, and no wrapper of one can
    /// exist. Telling that from the text spares it resolving the presets' members, which loads their types' metadata
    /// and is most of a small project's start.
    /// </summary>
    internal static class PresetGate
    {
        // The words each preset's calls must spell, read once per process; null when a call need not spell one (a
        // constructor called by `new()`, an indexer, an operator).
        private static readonly ConcurrentDictionary<string, string[]?> WordsByPreset = new ConcurrentDictionary<string, string[]?>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// True when only presets configure pairs and no file of the compilation spells one of their members' names; the
        /// option's problems (unknown preset names) are then returned for reporting, since nothing else will be.
        /// </summary>
        public static bool NothingToAnalyse(Compilation compilation, AnalyzerOptions options, List<OptionProblem> optionProblems, CancellationToken cancellationToken)
        {
            if (PairsConfiguration.HasPairsFile(options))
            {
                return false;
            }

            var words = new HashSet<string>(StringComparer.Ordinal);
            var problems = new List<OptionProblem>();
            foreach (var (name, treePath) in PairsConfiguration.PresetOptionNames(compilation, options.AnalyzerConfigOptionsProvider))
            {
                if (PairPresets.Text(name) == null)
                {
                    problems.Add(PairsConfiguration.UnknownPreset(name, treePath));
                    continue;
                }

                var presetWords = WordsByPreset.GetOrAdd(name, Words);
                if (presetWords == null)
                {
                    return false;
                }

                words.UnionWith(presetWords);
            }

            if (words.Count > 0)
            {
                var scanner = new WordScanner(words);
                foreach (var tree in compilation.SyntaxTrees)
                {
                    // A name spelled with an escape or a formatting character (`Monitor.\u0045nter`) is not found by the
                    // scan: a file that may hide one is analysed.
                    var chars = TextBuffers.Whole(tree.GetText(cancellationToken));
                    if (scanner.Mentions(chars.Span) || HiddenSpellings.Any(chars))
                    {
                        return false;
                    }
                }
            }

            optionProblems.AddRange(problems);
            return true;
        }

        private static string[]? Words(string preset)
        {
            var words = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in PairLine.Split(SourceText.From(PairPresets.Text(preset)!)))
            {
                var tokens = line.Tokens;
                if (tokens.Count >= 2 && tokens[0].Text == "preset")
                {
                    // A preset that names another: not followed (presets naming each other would never end); never gated.
                    return null;
                }
                else if (tokens.Count >= 3 && (tokens[0].Text == "acquire" || tokens[0].Text == "release"))
                {
                    if (!(CalledName(tokens[2].Text) is string word))
                    {
                        return null;
                    }

                    words.Add(word);
                }
            }

            return new List<string>(words).ToArray();
        }

        // Members the language calls without their name being written: `using`, `foreach`, `await`, deconstruction.
        private static readonly HashSet<string> CalledImplicitly = new HashSet<string>(StringComparer.Ordinal)
        {
            "Dispose", "DisposeAsync", "GetEnumerator", "GetAsyncEnumerator", "MoveNext", "MoveNextAsync", "GetAwaiter", "GetResult", "Deconstruct",
        };

        /// <summary>
        /// The name a call of the member spells (<c>M:System.Threading.SemaphoreSlim.Wait(System.Int32)</c> spells
        /// <c>Wait</c>); null for one the code may call without spelling it. (`lock` calls Monitor's Enter and Exit
        /// unspelled, but always in pairs: a body with only locks has nothing to report, and is not analysed either.)
        /// </summary>
        private static string? CalledName(string id)
        {
            if (!id.StartsWith("M:", StringComparison.Ordinal) || !DocumentationIds.TrySplit(id, out _, out string member))
            {
                return null;
            }

            return CalledImplicitly.Contains(member) || member.StartsWith("#", StringComparison.Ordinal) || member.StartsWith("op_", StringComparison.Ordinal) ||
                member.StartsWith("get_", StringComparison.Ordinal) || member.StartsWith("set_", StringComparison.Ordinal) || member.IndexOf('#') >= 0
                ? null
                : member;
        }
    }
}
