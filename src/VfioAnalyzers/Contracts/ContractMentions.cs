using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Where each file of the compilation spells a contract member's name: one scan of each file's text, once per
    /// compilation. A body is worth binding only if a mention falls inside it, and the wrapper candidates are found
    /// around the mentions of acquiring members, so no text is scanned twice. The names of wrappers, known only
    /// after that scan, are found file by file on first need (<see cref="OnDemand"/>).
    /// </summary>
    internal sealed class ContractMentions
    {
        private readonly ConcurrentDictionary<SyntaxTree, int[]> _positions;
        private readonly WordScanner? _onDemand;

        private ContractMentions(ConcurrentDictionary<SyntaxTree, int[]> positions, WordScanner? onDemand)
        {
            _positions = positions;
            _onDemand = onDemand;
        }

        /// <summary>Mentions of <paramref name="words"/>, each file scanned when a body of it first asks.</summary>
        public static ContractMentions OnDemand(WordScanner words) => new ContractMentions(new ConcurrentDictionary<SyntaxTree, int[]>(), words);

        /// <summary>The files with at least one mention, with the positions where mentions start, in order.</summary>
        public IEnumerable<(SyntaxTree Tree, int[] Positions)> All
        {
            get
            {
                foreach (var pair in _positions)
                {
                    yield return (pair.Key, pair.Value);
                }
            }
        }

        public static ContractMentions Scan(Compilation compilation, WordScanner words, CancellationToken cancellationToken)
        {
            var positions = new ConcurrentDictionary<SyntaxTree, int[]>();
            var found = new List<int>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                positions.TryAdd(tree, FindAll(words, tree, found, cancellationToken));
            }

            return new ContractMentions(positions, onDemand: null);
        }

        private static int[] FindAll(WordScanner words, SyntaxTree tree, List<int> found, CancellationToken cancellationToken)
        {
            var text = tree.GetText(cancellationToken);
            found.Clear();
            words.FindAll(text, new TextSpan(0, text.Length), found);
            return found.Count == 0 ? System.Array.Empty<int>() : found.ToArray();
        }

        /// <summary>Whether a mention starts inside <paramref name="span"/> of the file (scanned now if on demand and not yet seen).</summary>
        public bool Any(SyntaxTree tree, TextSpan span, CancellationToken cancellationToken)
        {
            if (!_positions.TryGetValue(tree, out var positions))
            {
                if (_onDemand == null)
                {
                    return true;
                }

                positions = _positions.GetOrAdd(tree, FindAll(_onDemand, tree, new List<int>(), cancellationToken));
            }

            return LowerBound(positions, span.Start) < LowerBound(positions, span.End);
        }

        /// <summary>The positions where mentions start inside <paramref name="span"/> of the file; null for a file the scan did not see.</summary>
        public System.ArraySegment<int>? Within(SyntaxTree tree, TextSpan span)
        {
            if (!_positions.TryGetValue(tree, out var positions))
            {
                return null;
            }

            int first = LowerBound(positions, span.Start);
            int end = LowerBound(positions, span.End);
            return new System.ArraySegment<int>(positions, first, end - first);
        }

        /// <summary>The index of the first position at or after <paramref name="value"/>.</summary>
        private static int LowerBound(int[] positions, int value)
        {
            int index = System.Array.BinarySearch(positions, value);
            return index < 0 ? ~index : index;
        }
    }
}
