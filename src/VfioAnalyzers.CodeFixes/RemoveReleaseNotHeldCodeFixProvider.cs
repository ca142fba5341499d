using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using VfioAnalyzers.CodeFixes.Editing;
using VfioAnalyzers.Rules;

namespace VfioAnalyzers.CodeFixes
{
    /// <summary>VFIO004: removes the release of a reference that is not held (after a failed acquire, or null).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveReleaseNotHeldCodeFixProvider))]
    [Shared]
    public sealed class RemoveReleaseNotHeldCodeFixProvider : VfioCodeFixProvider
    {
        public const string Key = "VFIO004.RemoveReleaseNotHeld";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ReleaseNotHeld);

        protected override string Title => "Remove the release of a reference not held";

        protected override string EquivalenceKey => Key;

        internal override PreparedFix? Prepare(FixInput input) => ReleaseRemoval.Prepare(input, Key);
    }
}
