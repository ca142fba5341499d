using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

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
        public static bool Any(char[] buffer, int length) => EscapesACharacter(new ReadOnlySpan<char>(buffer, 0, length)) || HoldsAFormattingCharacter(buffer, length);

        /// <summary>Where the text escapes a character or holds a formatting character, in order; null for none.</summary>
        public static int[]? Positions(char[] buffer, int length)
        {
            List<int>? found = null;
            var chars = new ReadOnlySpan<char>(buffer, 0, length);
            for (int from = 0; from < length;)
            {
                int at = chars.Slice(from).IndexOf('\\');
                if (at < 0)
                {
                    break;
                }

                int next = from + at + 1;
                if (next < length && (chars[next] == 'u' || chars[next] == 'U'))
                {
                    (found ??= new List<int>()).Add(next - 1);
                }

                from = next;
            }

            if (!IsAscii(buffer, length))
            {
                for (int i = 0; i < length; i++)
                {
                    if (IsFormatting(buffer[i]))
                    {
                        (found ??= new List<int>()).Add(i);
                    }
                }

                found?.Sort();
            }

            return found?.ToArray();
        }

        private static bool EscapesACharacter(ReadOnlySpan<char> chars)
        {
            for (int from = 0; from < chars.Length;)
            {
                int at = chars.Slice(from).IndexOf('\\');
                if (at < 0)
                {
                    return false;
                }

                int next = from + at + 1;
                if (next < chars.Length && (chars[next] == 'u' || chars[next] == 'U'))
                {
                    return true;
                }

                from = next;
            }

            return false;
        }

        private static bool HoldsAFormattingCharacter(char[] buffer, int length)
        {
            if (IsAscii(buffer, length))
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (IsFormatting(buffer[i]))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsAscii(char[] buffer, int length) => Encoding.UTF8.GetByteCount(buffer, 0, length) == length;

        /// <summary>As the compiler's lexer asks it.</summary>
        private static bool IsFormatting(char c) => c >= 128 && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
    }
}
