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
        [System.ThreadStatic]
        private static char[]? t_buffer;

        private readonly Dictionary<char, string[]> _wordsByFirstChar;

        // Every character of every body passes here: an ASCII table answers "can a word start with it" without hashing.
        private readonly bool[] _asciiFirstChars = new bool[128];

        public WordScanner(IEnumerable<string> words)
        {
            _wordsByFirstChar = words.Where(w => w.Length > 0).Distinct().GroupBy(w => w[0]).ToDictionary(g => g.Key, g => g.ToArray());
            foreach (char first in _wordsByFirstChar.Keys)
            {
                if (first < 128)
                {
                    _asciiFirstChars[first] = true;
                }
            }
        }

        public bool IsEmpty => _wordsByFirstChar.Count == 0;

        public bool Mentions(SourceText text, TextSpan span) => Find(text, span, null);

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

        /// <summary>Adds to <paramref name="positions"/> where in <paramref name="span"/> each mention starts.</summary>
        public void FindAll(SourceText text, TextSpan span, List<int> positions) => Find(text, span, positions);

        /// <summary>Finds the first mention, or (given a list) every mention.</summary>
        private bool Find(SourceText text, TextSpan span, List<int>? positions)
        {
            if (IsEmpty)
            {
                return false;
            }

            var buffer = TextBuffers.Fill(ref t_buffer, text, span);
            bool found = false;
            for (int i = 0; i < span.Length; i++)
            {
                char c = buffer[i];
                if (c < 128 && !_asciiFirstChars[c])
                {
                    continue;
                }

                if ((i == 0 || !IsIdentifierChar(buffer[i - 1])) && _wordsByFirstChar.TryGetValue(c, out var words))
                {
                    foreach (var word in words)
                    {
                        if (MatchesAt(buffer, span.Length, i, word))
                        {
                            if (positions == null)
                            {
                                return true;
                            }

                            positions.Add(span.Start + i);
                            found = true;
                            break;
                        }
                    }
                }
            }

            return found;
        }

        private static bool MatchesAt(char[] buffer, int length, int start, string word)
        {
            if (start + word.Length > length)
            {
                return false;
            }

            for (int k = 0; k < word.Length; k++)
            {
                if (buffer[start + k] != word[k])
                {
                    return false;
                }
            }

            return start + word.Length == length || !IsIdentifierChar(buffer[start + word.Length]);
        }

        internal static bool IsIdentifierChar(char c) =>
            c < 128 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' : char.IsLetterOrDigit(c);
    }
}
