using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using VfioAnalyzers.CodeFixes.Editing;
using VfioAnalyzers.Rules;

namespace VfioAnalyzers.CodeFixes
{
    /// <summary>
    /// VFIO002: removes the redundant release. That is the reported one, unless the reported one is in a finally and
    /// the first release is inside its try: then the finally already covers every path and the earlier one goes.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveSecondReleaseCodeFixProvider))]
    [Shared]
    public sealed class RemoveSecondReleaseCodeFixProvider : VfioCodeFixProvider
    {
        public const string Key = "VFIO002.RemoveSecondRelease";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ReleasedTwice);

        protected override string Title => "Remove the redundant release";

        protected override string EquivalenceKey => Key;

        internal override PreparedFix? Prepare(FixInput input) => ReleaseRemoval.Prepare(input, Key);
    }
}
