using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// The text of the member whose declarations the pre-filter read last on this thread, with the spellings of each
    /// name found in it so far (<see cref="ContractCallFilter"/>). The calls of one body are judged one after the other
    /// on one thread, and ask about the same member, often the same names (<c>stash.Wait</c>, then
    /// <c>stash.Release</c>): its text is copied and checked for hidden spellings once, and each name searched once.
    /// </summary>
    internal sealed class MemberText
    {
        [System.ThreadStatic]
        private static MemberText? t_current;

        private readonly Dictionary<(string Name, System.Func<char, bool>? MayFollow), IReadOnlyList<SyntaxToken>> _spellings =
            new Dictionary<(string, System.Func<char, bool>?), IReadOnlyList<SyntaxToken>>();

        private char[]? _buffer;
        private SyntaxTree? _tree;
        private TextSpan _span;

        /// <summary>The member's text, from index 0.</summary>
        public char[] Buffer => _buffer!;

        /// <summary>How many characters of <see cref="Buffer"/> are the member's.</summary>
        public int Length => _span.Length;

        /// <summary>Whether the member's text may spell a name otherwise than as itself (<see cref="HiddenSpellings"/>).</summary>
        public bool HidesAName { get; private set; }

        /// <summary>The member's text on this thread, read now unless it was the last member asked about.</summary>
        public static MemberText For(SyntaxNode member, CancellationToken cancellationToken)
        {
            var current = t_current ??= new MemberText();
            if (!ReferenceEquals(current._tree, member.SyntaxTree) || current._span != member.Span)
            {
                current.Read(member, cancellationToken);
            }

            return current;
        }

        /// <summary>
        /// Lets go of the member read last on this thread, its tree and the tokens found in it, keeping a buffer of the usual
        /// size: called when a code-block action ends (only the pre-filter, run from there, reads members), since a
        /// compiler server's or the IDE's threads outlive the compilation, and the memo would otherwise keep its last
        /// tree alive (and, through its tokens, that tree's syntax).
        /// </summary>
        public static void Forget()
        {
            if (t_current is { } current)
            {
                current._tree = null;
                current._spellings.Clear();
                if (current._buffer != null && current._buffer.Length > TextBuffers.KeptLength)
                {
                    // A huge member's copy is not kept for good either.
                    current._buffer = null;
                }
            }
        }

        /// <summary>The identifier tokens found for the name before, when it was asked about in this member already.</summary>
        public bool Known(string name, System.Func<char, bool>? mayFollow, out IReadOnlyList<SyntaxToken> spellings) =>
            _spellings.TryGetValue((name, mayFollow), out spellings!);

        public IReadOnlyList<SyntaxToken> Remember(string name, System.Func<char, bool>? mayFollow, IReadOnlyList<SyntaxToken> spellings)
        {
            _spellings[(name, mayFollow)] = spellings;
            return spellings;
        }

        private void Read(SyntaxNode member, CancellationToken cancellationToken)
        {
            var tree = member.SyntaxTree;
            if (!tree.TryGetText(out var text))
            {
                text = tree.GetText(cancellationToken);
            }

            // Forget first: a cancellation while reading leaves no answers that belong to another member.
            _tree = null;
            _spellings.Clear();
            var span = member.Span;
            if (_buffer != null && _buffer.Length > TextBuffers.KeptLength && span.Length <= TextBuffers.KeptLength)
            {
                // A huge member's buffer is not kept for good by a compiler server's thread.
                _buffer = null;
            }

            _buffer = TextBuffers.Fill(ref _buffer, text, span);
            HidesAName = HiddenSpellings.Any(new TextChars(_buffer, span.Length));
            _span = span;
            _tree = tree;
        }
    }
}
