using System.Collections.Immutable;
using VfioAnalyzers.Throwing;

namespace VfioAnalyzers.Flow
{
    /// <summary>The typed options that change what the flow analysis counts.</summary>
    internal sealed class AnalysisSettings
    {
        /// <summary>Explicit exits only: what helper summaries and inferred contracts are computed with.</summary>
        public static readonly AnalysisSettings ExplicitExitsOnly = new AnalysisSettings(ExceptionPathMode.None, kinds: null);

        public AnalysisSettings(ExceptionPathMode mode, ImmutableHashSet<string>? kinds)
        {
            Mode = mode;
            Kinds = kinds;
        }

        /// <summary>Which calls between acquire and release count as paths out of the method.</summary>
        public ExceptionPathMode Mode { get; }

        /// <summary>The kinds whose exception paths count; null for every kind.</summary>
        public ImmutableHashSet<string>? Kinds { get; }

        /// <summary>Whether a reference of this kind leaking through an exception path is reported.</summary>
        public bool CountsExceptionsFor(string kind) => Mode != ExceptionPathMode.None && (Kinds == null || Kinds.Contains(kind));
    }
}
