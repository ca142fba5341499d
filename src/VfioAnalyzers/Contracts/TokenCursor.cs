using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Finds the tokens at positions of one tree, each from the smallest node around the token found last that also
    /// holds the position: the token a search from the root finds, in any order. Mentions come in order and in clusters
    /// (the calls of one method), so most searches start a few levels up instead of at the root. A mutable struct: kept
    /// in a local and used in place, never copied.
    /// </summary>
    internal struct TokenCursor
    {
        private readonly SyntaxTree _tree;
        private readonly System.Threading.CancellationToken _cancellationToken;
        private SyntaxNode? _last;

        /// <summary>A cursor over the tree, whose root is only read when a token is first asked for.</summary>
        public TokenCursor(SyntaxTree tree, System.Threading.CancellationToken cancellationToken)
        {
            _tree = tree;
            _cancellationToken = cancellationToken;
            _last = null;
        }

        public SyntaxToken FindToken(int position)
        {
            var from = _last;
            while (from != null && !from.FullSpan.Contains(position))
            {
                from = from.Parent;
            }

            var token = (from ?? _tree.GetRoot(_cancellationToken)).FindToken(position);
            _last = token.Parent;
            return token;
        }
    }
}
