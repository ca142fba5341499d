using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.Text;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Finds whole words in source text without creating syntax nodes: the cheap first question before a walk over
    /// a body's or a file's syntax, which would create a node for everything it passes.
    /// </summary>
    internal sealed class WordScanner
    {
        [ThreadStatic]
        private static char[]? t_buffer;

        private readonly Dictionary<char, string[]> _wordsByFirstChar;

        // Every character of every file passes here: the runtime's search for any of a few characters (vectorised, as
        // for strings) finds where a word may start, and only those places are read.
        private readonly char[] _firstChars;

        // One word (a wrapper's name, a field's): found by the runtime's search for the whole word, which stops only where
        // the word is spelled, instead of at every character it starts with (`R` of `ReadRentedBuffer`).
        private readonly string? _onlyWord;

        public WordScanner(IEnumerable<string> words)
        {
            _wordsByFirstChar = words.Where(w => w.Length > 0).Distinct().GroupBy(w => w[0]).ToDictionary(g => g.Key, g => g.ToArray());
            _firstChars = _wordsByFirstChar.Keys.ToArray();
            _onlyWord = _wordsByFirstChar.Count == 1 && _wordsByFirstChar.Values.First() is { Length: 1 } only ? only[0] : null;
        }

        public bool IsEmpty => _wordsByFirstChar.Count == 0;

        public bool Mentions(SourceText text, TextSpan span) => Find(text, span, null);

        /// <summary>Whether the words are mentioned in <paramref name="chars"/>.</summary>
        public bool Mentions(ReadOnlySpan<char> chars) => !IsEmpty && Find(chars, 0, null);

        /// <summary>Whether one of the words starts at <paramref name="position"/> (a mention another scanner found).</summary>
        public bool StartsAt(SourceText text, int position)
        {
            if (IsEmpty || position >= text.Length || !_wordsByFirstChar.TryGetValue(text[position], out var words))
            {
                return false;
            }

            foreach (var word in words)
            {
                int end = position + word.Length;
                if (end > text.Length || (end < text.Length && IsIdentifierChar(text[end])))
                {
                    continue;
                }

                int k = 0;
                while (k < word.Length && text[position + k] == word[k])
                {
                    k++;
                }

                if (k == word.Length)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The word spelled whole at <paramref name="position"/> of <paramref name="chars"/>, or null where none is.</summary>
        public string? WordAt(ReadOnlySpan<char> chars, int position)
        {
            if (position < 0 || position >= chars.Length || (position > 0 && IsIdentifierChar(chars[position - 1])) ||
                !_wordsByFirstChar.TryGetValue(chars[position], out var words))
            {
                return null;
            }

            foreach (var word in words)
            {
                if (MatchesAt(chars, position, word))
                {
                    return word;
                }
            }

            return null;
        }

        /// <summary>Adds to <paramref name="positions"/> where each mention starts in <paramref name="chars"/>, a file's text from its start.</summary>
        public void FindAll(ReadOnlySpan<char> chars, List<int> positions) => Find(chars, 0, positions);

        /// <summary>Finds the first mention, or (given a list) every mention.</summary>
        private bool Find(SourceText text, TextSpan span, List<int>? positions)
        {
            if (IsEmpty)
            {
                return false;
            }

            if (span.Start == 0 && span.Length == text.Length)
            {
                return Find(TextBuffers.Whole(text).Span, 0, positions);
            }

            bool found = Find(new ReadOnlySpan<char>(TextBuffers.Fill(ref t_buffer, text, span), 0, span.Length), span.Start, positions);
            if (span.Length > TextBuffers.KeptLength)
            {
                t_buffer = null;
            }

            return found;
        }

        private bool Find(ReadOnlySpan<char> chars, int offset, List<int>? positions)
        {
            if (_onlyWord != null)
            {
                return FindOnly(_onlyWord, chars, offset, positions);
            }

            var firstChars = new ReadOnlySpan<char>(_firstChars);
            bool found = false;
            for (int i = NextCandidate(chars, 0, firstChars); i >= 0; i = NextCandidate(chars, i + 1, firstChars))
            {
                if (WordAt(chars, i) == null)
                {
                    continue;
                }

                if (positions == null)
                {
                    return true;
                }

                positions.Add(offset + i);
                found = true;
            }

            return found;
        }

        private static bool FindOnly(string word, ReadOnlySpan<char> chars, int offset, List<int>? positions)
        {
            bool found = false;
            for (int from = 0; from <= chars.Length - word.Length;)
            {
                int at = chars.Slice(from).IndexOf(word.AsSpan());
                if (at < 0)
                {
                    break;
                }

                at += from;
                if ((at == 0 || !IsIdentifierChar(chars[at - 1])) && MatchesAt(chars, at, word))
                {
                    if (positions == null)
                    {
                        return true;
                    }

                    positions.Add(offset + at);
                    found = true;
                }

                from = at + 1;
            }

            return found;
        }

        private static int NextCandidate(ReadOnlySpan<char> chars, int from, ReadOnlySpan<char> firstChars)
        {
            if (from >= chars.Length)
            {
                return -1;
            }

            int found = chars.Slice(from).IndexOfAny(firstChars);
            return found < 0 ? -1 : from + found;
        }

        private static bool MatchesAt(ReadOnlySpan<char> chars, int start, string word)
        {
            int end = start + word.Length;
            return end <= chars.Length && chars.Slice(start, word.Length).SequenceEqual(word.AsSpan()) &&
                (end == chars.Length || !IsIdentifierChar(chars[end]));
        }

        internal static bool IsIdentifierChar(char c) =>
            c < 128 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' : char.IsLetterOrDigit(c);
    }
}
