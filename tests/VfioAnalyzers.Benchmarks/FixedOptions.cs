using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace VfioAnalyzers.Benchmarks
{
    /// <summary>The same .editorconfig options for every file, as a global analyzer config gives them: for rows that set an option.</summary>
    internal sealed class FixedOptions : AnalyzerConfigOptionsProvider
    {
        private readonly Values _values;

        public FixedOptions(params (string Key, string Value)[] options)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string>();
            foreach (var (key, value) in options)
            {
                builder[key] = value;
            }

            _values = new Values(builder.ToImmutable());
        }

        public override AnalyzerConfigOptions GlobalOptions => _values;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _values;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _values;

        /// <summary>Analyzer options carrying these values.</summary>
        public AnalyzerOptions ToAnalyzerOptions() => new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, this);

        private sealed class Values : AnalyzerConfigOptions
        {
            private readonly ImmutableDictionary<string, string> _values;

            public Values(ImmutableDictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }
}
