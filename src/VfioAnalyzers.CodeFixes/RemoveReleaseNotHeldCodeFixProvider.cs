using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using VfioAnalyzers.CodeFixes.Editing;
using VfioAnalyzers.Rules;

namespace VfioAnalyzers.CodeFixes
{
    /// <summary>
    /// VFIO004: removes the release of a reference that no path through it holds (after a failed acquire, or null).
    /// When another path reaches the same release holding the reference, <see cref="GuardReleaseNotHeldCodeFixProvider"/>
    /// applies instead: removing it would leak there.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveReleaseNotHeldCodeFixProvider))]
    public sealed class RemoveReleaseNotHeldCodeFixProvider : VfioCodeFixProvider
    {
        public const string Key = "VFIO004.RemoveReleaseNotHeld";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ReleaseNotHeld);

        protected override string Title => "Remove the release of a reference not held";

        protected override string EquivalenceKey => Key;

        internal override PreparedFix? Prepare(FixInput input)
        {
            var release = ReleaseRemoval.Reported(input);
            return release != null && PathsHere.From(input.Diagnostic).OnlyNullOrFailed ? ReleaseRemoval.Plan(input, Key, release) : null;
        }
    }
}
