using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Where each file of the compilation spells a contract member's name: one scan of each file's text, once per
    /// compilation. A body is worth binding only if a mention falls inside it, and the wrapper candidates are found
    /// around the mentions of acquiring members, so no text is scanned twice.
    /// </summary>
    internal sealed class ContractMentions
    {
        private readonly Dictionary<SyntaxTree, int[]> _positions;

        private ContractMentions(Dictionary<SyntaxTree, int[]> positions) => _positions = positions;

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
            var positions = new Dictionary<SyntaxTree, int[]>();
            var found = new List<int>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = tree.GetText(cancellationToken);
                found.Clear();
                words.FindAll(text, new TextSpan(0, text.Length), found);
                positions.Add(tree, found.Count == 0 ? System.Array.Empty<int>() : found.ToArray());
            }

            return new ContractMentions(positions);
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
