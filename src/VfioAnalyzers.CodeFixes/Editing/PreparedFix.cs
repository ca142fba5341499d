using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>
    /// One diagnostic's edit, planned on the original tree and applied later to a root in which
    /// <see cref="Nodes"/> are tracked, so that several edits of one document compose on one root.
    /// </summary>
    internal sealed class PreparedFix
    {
        public PreparedFix(string key, IReadOnlyList<SyntaxNode> nodes, Func<SyntaxNode, SyntaxNode?> apply)
        {
            Key = key;
            Nodes = nodes;
            Apply = apply;
        }

        /// <summary>Two fixes with the same key make the same edit; Fix All applies it once.</summary>
        public string Key { get; }

        /// <summary>The original nodes the edit finds again in the current root (<c>GetCurrentNode</c>).</summary>
        public IReadOnlyList<SyntaxNode> Nodes { get; }

        /// <summary>The edit on the current root; null when it no longer applies (its nodes went with another edit).</summary>
        public Func<SyntaxNode, SyntaxNode?> Apply { get; }
    }
}
