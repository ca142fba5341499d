using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using VfioAnalyzers.CodeFixes.Editing;

namespace VfioAnalyzers.CodeFixes
{
    /// <summary>
    /// The shape every fix of the package shares. A provider plans one edit per diagnostic
    /// (<see cref="Prepare"/>); a single fix and Fix All run the same pipeline: every planned edit of a document is
    /// applied in source order to one root in which all their nodes are tracked, equal edits once, then the
    /// document gets the usings the new code needs, its names simplified and the new code formatted.
    /// Providers carry no MEF <c>[Shared]</c>: hosts load a package's fixes by reflection, and the attribute would make
    /// the assembly reference a System.Composition newer than a Roslyn 4.8 host ships (the package tests check it).
    /// </summary>
    public abstract class VfioCodeFixProvider : CodeFixProvider
    {
        /// <summary>The title shown in the light bulb and the Fix All preview.</summary>
        protected abstract string Title { get; }

        /// <summary>The equivalence key of the fix (stable: Fix All and <c>dotnet format</c> use it).</summary>
        protected abstract string EquivalenceKey { get; }

        /// <summary>
        /// The other fix of the same rule, which Fix All applies where this one has none. <c>dotnet format</c> runs the
        /// Fix All of only the first fixer of a rule (in the assembly's type order) that changes something, so that one
        /// carries its sibling's fixes: a finding only the sibling fixes would otherwise be left.
        /// </summary>
        internal virtual VfioCodeFixProvider? Sibling => null;

        public sealed override FixAllProvider GetFixAllProvider() =>
            FixAllProvider.Create((context, document, diagnostics) => FixDocumentAsync(document, diagnostics, context.CancellationToken, withSibling: true));

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (Prepare(new FixInput(context.Document, root, model, diagnostic, context.CancellationToken)) == null)
                {
                    continue;
                }

                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        async cancellationToken => await FixDocumentAsync(document, ImmutableArray.Create(diagnostic), cancellationToken).ConfigureAwait(false) ?? document,
                        EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>Plans the fix of one diagnostic on the original tree, or returns null when none is safe.</summary>
        internal abstract PreparedFix? Prepare(FixInput input);

        /// <summary>
        /// The acquisitions (by start) whose findings the sibling fixes: those with a finding only the sibling fixes,
        /// when it fixes all of them. One reference gets one kind of fix: a finally added after a put before an exit
        /// would put that reference twice.
        /// </summary>
        private HashSet<int> SiblingAcquires(Document document, SyntaxNode root, SemanticModel model, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var needed = new HashSet<int>();
            var refused = new HashSet<int>();
            foreach (var diagnostic in diagnostics)
            {
                // Names a trial takes are not reserved for real: a throwaway dictionary.
                var trial = new FixInput(document, root, model, diagnostic, cancellationToken, new Dictionary<int, HashSet<string>>());
                bool sibling = Sibling!.Prepare(trial) != null;
                if (Prepare(trial) == null && sibling)
                {
                    needed.Add(AcquireOf(diagnostic));
                }
                else if (!sibling)
                {
                    refused.Add(AcquireOf(diagnostic));
                }
            }

            needed.ExceptWith(refused);
            needed.Remove(-1);
            return needed;
        }

        private static int AcquireOf(Diagnostic diagnostic) =>
            diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[0].SourceSpan.Start : -1;

        internal async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken, bool withSibling = false)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root == null || model == null)
            {
                return null;
            }

            var fixes = new List<PreparedFix>();
            var keys = new HashSet<string>();
            var reservedNames = new Dictionary<int, HashSet<string>>();
            var ordered = diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Location.SourceSpan.End).ToList();
            var bySibling = withSibling && Sibling != null ? SiblingAcquires(document, root, model, ordered, cancellationToken) : new HashSet<int>();
            foreach (var diagnostic in ordered)
            {
                var input = new FixInput(document, root, model, diagnostic, cancellationToken, reservedNames);
                int acquire = AcquireOf(diagnostic);
                var fix = bySibling.Contains(acquire) ? Sibling!.Prepare(input) : Prepare(input);
                if (fix == null && withSibling && acquire < 0)
                {
                    // A finding of no acquisition (a release): nothing else to keep it consistent with.
                    fix = Sibling?.Prepare(input);
                }

                if (fix != null && keys.Add(fix.Key))
                {
                    fixes.Add(fix);
                }
            }

            if (fixes.Count == 0)
            {
                return null;
            }

            var current = root.TrackNodes(fixes.SelectMany(f => f.Nodes).Distinct());
            foreach (var fix in fixes)
            {
                current = fix.Apply(current) ?? current;
            }

            var changed = document.WithSyntaxRoot(current);
            changed = await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, null, cancellationToken).ConfigureAwait(false);
            changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, null, cancellationToken).ConfigureAwait(false);
            return await Formatter.FormatAsync(changed, Formatter.Annotation, null, cancellationToken).ConfigureAwait(false);
        }
    }
}
