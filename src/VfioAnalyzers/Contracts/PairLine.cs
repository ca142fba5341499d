using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace VfioAnalyzers.Contracts
{
    /// <summary>One word of a configuration line and where it is in the file.</summary>
    internal readonly struct PairToken
    {
        public PairToken(string text, TextSpan span)
        {
            Text = text;
            Span = span;
        }

        public string Text { get; }

        public TextSpan Span { get; }
    }

    /// <summary>
    /// One non-empty line of the pairs file, split into words: a <c>#</c> that starts a word starts a comment,
    /// so a constructor id (<c>M:Ns.Type.#ctor</c>) is not cut.
    /// </summary>
    internal sealed class PairLine
    {
        private PairLine(int lineNumber, TextSpan span, IReadOnlyList<PairToken> tokens)
        {
            LineNumber = lineNumber;
            Span = span;
            Tokens = tokens;
        }

        /// <summary>One-based, as build output shows it.</summary>
        public int LineNumber { get; }

        /// <summary>The line's declaration, comment and surrounding blanks left out.</summary>
        public TextSpan Span { get; }

        public IReadOnlyList<PairToken> Tokens { get; }

        /// <summary>The declarations of a file; blank and comment-only lines are left out.</summary>
        public static IEnumerable<PairLine> Split(SourceText text)
        {
            foreach (var line in text.Lines)
            {
                var tokens = new List<PairToken>();
                int end = line.End;
                int position = line.Start;
                while (position < end)
                {
                    while (position < end && char.IsWhiteSpace(text[position]))
                    {
                        position++;
                    }

                    if (position >= end || text[position] == '#')
                    {
                        break;
                    }

                    int start = position;
                    while (position < end && !char.IsWhiteSpace(text[position]))
                    {
                        position++;
                    }

                    var span = TextSpan.FromBounds(start, position);
                    tokens.Add(new PairToken(text.ToString(span), span));
                }

                if (tokens.Count > 0)
                {
                    yield return new PairLine(line.LineNumber + 1, TextSpan.FromBounds(tokens[0].Span.Start, tokens[tokens.Count - 1].Span.End), tokens);
                }
            }
        }
    }
}
