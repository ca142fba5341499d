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
        private readonly ConcurrentDictionary<SyntaxTree, FileMentions> _files;
        private readonly WordScanner? _onDemand;

        private ContractMentions(ConcurrentDictionary<SyntaxTree, FileMentions> files, WordScanner? onDemand)
        {
            _files = files;
            _onDemand = onDemand;
        }

        /// <summary>Mentions of <paramref name="words"/>, each file scanned when a body of it first asks.</summary>
        public static ContractMentions OnDemand(WordScanner words) => new ContractMentions(new ConcurrentDictionary<SyntaxTree, FileMentions>(), words);

        /// <summary>The files with at least one mention, with where mentions start, in order.</summary>
        public IEnumerable<(SyntaxTree Tree, FileMentions Mentions)> All
        {
            get
            {
                foreach (var pair in _files)
                {
                    if (pair.Value.Positions.Length > 0)
                    {
                        yield return (pair.Key, pair.Value);
                    }
                }
            }
        }

        public static ContractMentions Scan(Compilation compilation, WordScanner words, CancellationToken cancellationToken)
        {
            var files = new ConcurrentDictionary<SyntaxTree, FileMentions>();
            var found = new List<int>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                files.TryAdd(tree, FindAll(words, tree, found, withHidden: true, cancellationToken));
            }

            return new ContractMentions(files, onDemand: null);
        }

        /// <summary>
        /// The file's mentions and, <paramref name="withHidden"/>, where it may spell a name the scan does not see: the
        /// whole-compilation scan is asked that for every body, the wrappers' names only after it.
        /// </summary>
        private static FileMentions FindAll(WordScanner words, SyntaxTree tree, List<int> found, bool withHidden, CancellationToken cancellationToken)
        {
            var text = tree.GetText(cancellationToken);
            found.Clear();

            var chars = TextBuffers.Whole(text);
            words.FindAll(chars.Span, found);
            int[]? hidden = withHidden ? HiddenSpellings.Positions(chars) : null;

            return found.Count == 0 && hidden == null ? FileMentions.None : new FileMentions(found.ToArray(), hidden);
        }

        /// <summary>
        /// The file's mentions, with the indices of those that start inside <paramref name="span"/> (from
        /// <c>First</c>, up to <c>End</c> excluded): the file is scanned now if the mentions are found on demand and it
        /// was not seen yet; null for a file a whole-compilation scan did not see.
        /// </summary>
        public (FileMentions File, int First, int End)? Within(SyntaxTree tree, TextSpan span, CancellationToken cancellationToken)
        {
            if (!_files.TryGetValue(tree, out var file))
            {
                if (_onDemand == null)
                {
                    return null;
                }

                file = _files.GetOrAdd(tree, FindAll(_onDemand, tree, new List<int>(), withHidden: false, cancellationToken));
            }

            return (file, file.IndexAtOrAfter(span.Start), file.IndexAtOrAfter(span.End));
        }
    }
}
