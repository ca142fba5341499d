using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using VfioAnalyzers.Flow;
using VfioAnalyzers.Throwing;

namespace VfioAnalyzers.Options
{
    /// <summary>
    /// Reads the typed <c>vfio_analyzers.*</c> options from .editorconfig, once per syntax tree (docs/configuration.md).
    /// A value it cannot read is a VFIO900 naming the option and the value, and the default applies.
    /// </summary>
    internal sealed class SettingsReader
    {
        public const string Prefix = "vfio_analyzers.";
        public const string ExceptionPathsKey = Prefix + "exception_paths";
        public const string ExceptionPathKindsKey = Prefix + "exception_paths_kinds";

        /// <summary>The kinds whose loss is permanent: a handle, memory or a lock never given back.</summary>
        public static readonly ImmutableHashSet<string> PermanentKinds = ImmutableHashSet.Create(
            StringComparer.Ordinal, "gc-handle", "hglobal", "safe-handle-ref", "monitor-lock", "semaphore");

        private static readonly char[] ListSeparators = { ',', ' ', '\t', ';' };

        private readonly AnalyzerConfigOptionsProvider _provider;
        private readonly ConcurrentDictionary<SyntaxTree, AnalysisSettings> _settings = new ConcurrentDictionary<SyntaxTree, AnalysisSettings>();

        public SettingsReader(AnalyzerConfigOptionsProvider provider) => _provider = provider;

        public AnalysisSettings For(SyntaxTree tree) => _settings.GetOrAdd(tree, t => Read(_provider.GetOptions(t), problems: null));

        /// <summary>Every value of these options, in the global config or any file's section, that cannot be read (VFIO900).</summary>
        public static IReadOnlyList<OptionProblem> Validate(Compilation compilation, AnalyzerConfigOptionsProvider provider)
        {
            var problems = new List<OptionProblem>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            Read(provider.GlobalOptions, (key, value, message) => Report(problems, seen, key, value, treePath: null, message));
            foreach (var tree in compilation.SyntaxTrees)
            {
                Read(provider.GetOptions(tree), (key, value, message) => Report(problems, seen, key, value, tree.FilePath, message));
            }

            return problems;
        }

        private static void Report(List<OptionProblem> problems, HashSet<string> seen, string key, string value, string? treePath, string message)
        {
            // A file's options include the global config's: each bad value is reported once, where it was first seen.
            if (seen.Add(key + "=" + value))
            {
                problems.Add(new OptionProblem(OptionProblem.SubjectFor(key, treePath), message));
            }
        }

        private static AnalysisSettings Read(AnalyzerConfigOptions options, Action<string, string, string>? problems)
        {
            // Unset: the precise judgement, for the kinds whose loss is permanent. Set: every kind, unless listed.
            var mode = ExceptionPathMode.Precise;
            ImmutableHashSet<string>? kinds = PermanentKinds;
            if (options.TryGetValue(ExceptionPathsKey, out var modeText))
            {
                switch (modeText.Trim().ToLowerInvariant())
                {
                    case "default":
                        break;
                    case "none":
                    case "false":
                        mode = ExceptionPathMode.None;
                        break;
                    case "precise":
                    case "true":
                        kinds = null;
                        break;
                    case "all_calls":
                        mode = ExceptionPathMode.AllCalls;
                        kinds = null;
                        break;
                    default:
                        problems?.Invoke(ExceptionPathsKey, modeText, $"unknown value '{modeText.Trim()}' (known: default, none, precise, all_calls; true is precise, false is none)");
                        break;
                }
            }

            if (options.TryGetValue(ExceptionPathKindsKey, out var kindsText))
            {
                kinds = ReadKinds(kindsText, problems, kinds);
            }

            return new AnalysisSettings(mode, kinds);
        }

        /// <summary>A list of kinds; <c>all</c> for every kind, <c>permanent</c> for the five whose loss is permanent.</summary>
        private static ImmutableHashSet<string>? ReadKinds(string text, Action<string, string, string>? problems, ImmutableHashSet<string>? modeDefault)
        {
            var kinds = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            var words = text.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                problems?.Invoke(ExceptionPathKindsKey, text, "no kind listed: write 'all', 'permanent' or kinds such as 'gc-handle, vfio-group'");
                return modeDefault;
            }

            foreach (var word in words)
            {
                switch (word.ToLowerInvariant())
                {
                    case "all":
                        return null;
                    case "permanent":
                        kinds.UnionWith(PermanentKinds);
                        break;
                    default:
                        kinds.Add(word);
                        break;
                }
            }

            return kinds.ToImmutable();
        }
    }
}
