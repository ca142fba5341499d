using System;
using System.Collections.Generic;
using System.Globalization;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Where source text may spell an identifier otherwise than as its name: a unicode escape (<c>\u0045nter</c>), or a
    /// character of the Unicode category Format (Cf), which C# drops from an identifier (<c>Rel</c>, a soft hyphen,
    /// <c>ease</c>). A search of the text for a name misses such a spelling, so whoever searches asks here first. Source
    /// is mostly ASCII, which holds no formatting character: the UTF-8 encoder tells that, vectorised, by counting bytes;
    /// a backslash is searched as the runtime searches strings.
    /// </summary>
    internal static class HiddenSpellings
    {
        public static bool Any(TextChars text) =>
            NextEscape(text.Span, 0) >= 0 || (!text.IsAscii() && NextFormatting(text.Span, 0) >= 0);

        /// <summary>Where the text escapes a character or holds a formatting character, in order; null for none.</summary>
        public static int[]? Positions(TextChars text)
        {
            List<int>? found = null;
            var chars = text.Span;
            for (int at = NextEscape(chars, 0); at >= 0; at = NextEscape(chars, at + 1))
            {
                (found ??= new List<int>()).Add(at);
            }

            if (!text.IsAscii())
            {
                for (int at = NextFormatting(chars, 0); at >= 0; at = NextFormatting(chars, at + 1))
                {
                    (found ??= new List<int>()).Add(at);
                }

                found?.Sort();
            }

            return found?.ToArray();
        }

        /// <summary>The backslash of the next `\u` or `\U` from <paramref name="from"/>; -1 when none.</summary>
        private static int NextEscape(ReadOnlySpan<char> chars, int from)
        {
            while (from < chars.Length)
            {
                int at = chars.Slice(from).IndexOf('\\');
                if (at < 0)
                {
                    return -1;
                }

                int next = from + at + 1;
                if (next < chars.Length && (chars[next] == 'u' || chars[next] == 'U'))
                {
                    return next - 1;
                }

                from = next;
            }

            return -1;
        }

        private static int NextFormatting(ReadOnlySpan<char> chars, int from)
        {
            for (int at = from; at < chars.Length; at++)
            {
                if (IsFormatting(chars[at]))
                {
                    return at;
                }
            }

            return -1;
        }

        /// <summary>As the compiler's lexer asks it.</summary>
        private static bool IsFormatting(char c) => c >= 128 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
    }
}
