using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using VfioAnalyzers.CodeFixes.Editing;
using VfioAnalyzers.Rules;

namespace VfioAnalyzers.CodeFixes
{
    /// <summary>
    /// VFIO002: removes the redundant release. That is the reported one when every path through it has released
    /// already; the first one when every path through the first goes on to the reported one (a finally, or later in
    /// the same block). Not offered when the reported release is the only one on another path and the first does not
    /// always lead to it: removing either would leak on some path.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveSecondReleaseCodeFixProvider))]
    public sealed class RemoveSecondReleaseCodeFixProvider : VfioCodeFixProvider
    {
        public const string Key = "VFIO002.RemoveSecondRelease";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ReleasedTwice);

        protected override string Title => "Remove the redundant release";

        protected override string EquivalenceKey => Key;

        internal override PreparedFix? Prepare(FixInput input)
        {
            var second = ReleaseRemoval.Reported(input);
            var removed = second == null ? null : RedundantRelease.Choose(input, second);
            return removed == null ? null : ReleaseRemoval.Plan(input, Key, removed);
        }
    }
}
