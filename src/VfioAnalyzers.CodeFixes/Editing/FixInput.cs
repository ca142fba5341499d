using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>What a provider needs to plan the fix of one diagnostic.</summary>
    internal sealed class FixInput
    {
        public FixInput(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken, Dictionary<int, HashSet<string>>? reservedNames = null)
        {
            ReservedNames = reservedNames ?? new Dictionary<int, HashSet<string>>();
            Document = document;
            Root = root;
            Model = model;
            Diagnostic = diagnostic;
            CancellationToken = cancellationToken;
        }

        public Document Document { get; }

        public SyntaxNode Root { get; }

        public SemanticModel Model { get; }

        public Diagnostic Diagnostic { get; }

        public CancellationToken CancellationToken { get; }

        /// <summary>
        /// Names new locals already take, per member (keyed by its start): shared by the fixes of one document so that
        /// two edits planned on the same original tree (Fix All) do not declare the same name in one member.
        /// </summary>
        public Dictionary<int, HashSet<string>> ReservedNames { get; }
    }
}
