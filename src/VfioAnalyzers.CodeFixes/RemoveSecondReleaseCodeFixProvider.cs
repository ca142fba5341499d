using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using VfioAnalyzers.CodeFixes.Editing;
using VfioAnalyzers.Rules;

namespace VfioAnalyzers.CodeFixes
{
    /// <summary>VFIO002: removes the second release of a reference (the statement reported).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveSecondReleaseCodeFixProvider))]
    [Shared]
    public sealed class RemoveSecondReleaseCodeFixProvider : VfioCodeFixProvider
    {
        public const string Key = "VFIO002.RemoveSecondRelease";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ReleasedTwice);

        protected override string Title => "Remove the second release";

        protected override string EquivalenceKey => Key;

        internal override PreparedFix? Prepare(FixInput input) => ReleaseRemoval.Prepare(input, Key);
    }
}
