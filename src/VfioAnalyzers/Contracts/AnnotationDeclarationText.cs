using System;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Whether a file's text may declare a type named like either annotation: a declaration spells the name, escapes one
    /// of its characters (<c>Acquires\u0041ttribute</c>), or puts a formatting character in it, which the language
    /// drops from the name (a soft hyphen, a zero-width space). Asked of every file at compilation start, also in a
    /// compilation that uses no annotated API, so it searches as the runtime searches strings (vectorised) for the
    /// names' common ending, a backslash and the formatting characters, rather than judging every character.
    /// </summary>
    internal static class AnnotationDeclarationText
    {
        private const string CommonEnding = "sAttribute";

        // A file this long is copied into a buffer of its own, not one a compiler server's thread keeps for good.
        private const int KeptBufferLength = 1 << 18;

        [ThreadStatic]
        private static char[]? t_buffer;

        public static bool MayDeclare(SourceText text)
        {
            var buffer = TextBuffers.Fill(ref t_buffer, text, new TextSpan(0, text.Length));
            if (buffer.Length > KeptBufferLength)
            {
                t_buffer = null;
            }

            var chars = new ReadOnlySpan<char>(buffer, 0, text.Length);
            return SpellsEitherName(chars) || EscapesACharacter(chars) || HoldsAFormattingCharacter(buffer, text.Length);
        }

        /// <summary>
        /// A character of the Unicode category Format (Cf), which C# drops from an identifier, asked of the runtime as
        /// the compiler's lexer asks it. Source is mostly ASCII, which holds none: the encoder tells that, vectorised,
        /// by counting the UTF-8 bytes.
        /// </summary>
        private static bool HoldsAFormattingCharacter(char[] buffer, int length)
        {
            if (Encoding.UTF8.GetByteCount(buffer, 0, length) == length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (buffer[i] >= 128 && CharUnicodeInfo.GetUnicodeCategory(buffer[i]) == UnicodeCategory.Format)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool SpellsEitherName(ReadOnlySpan<char> chars)
        {
            for (int from = 0; from < chars.Length;)
            {
                int found = chars.Slice(from).IndexOf(CommonEnding.AsSpan());
                if (found < 0)
                {
                    return false;
                }

                int end = from + found + CommonEnding.Length;
                if (IsWordEndingAt(chars, end, AnnotationNames.Acquires) || IsWordEndingAt(chars, end, AnnotationNames.Releases))
                {
                    return true;
                }

                from = end;
            }

            return false;
        }

        private static bool IsWordEndingAt(ReadOnlySpan<char> chars, int end, string word)
        {
            int start = end - word.Length;
            return start >= 0
                && chars.Slice(start, word.Length).SequenceEqual(word.AsSpan())
                && (start == 0 || !WordScanner.IsIdentifierChar(chars[start - 1]))
                && (end == chars.Length || !WordScanner.IsIdentifierChar(chars[end]));
        }

        private static bool EscapesACharacter(ReadOnlySpan<char> chars)
        {
            for (int from = 0; from < chars.Length;)
            {
                int found = chars.Slice(from).IndexOf('\\');
                if (found < 0)
                {
                    return false;
                }

                int next = from + found + 1;
                if (next < chars.Length && (chars[next] == 'u' || chars[next] == 'U'))
                {
                    return true;
                }

                from = next;
            }

            return false;
        }
    }
}
