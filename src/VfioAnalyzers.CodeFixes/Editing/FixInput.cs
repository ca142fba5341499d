using System.Threading;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>What a provider needs to plan the fix of one diagnostic.</summary>
    internal sealed class FixInput
    {
        public FixInput(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
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
    }
}
