using System;
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

        public static bool MayDeclare(SourceText text)
        {
            var chars = TextBuffers.Whole(text);
            return SpellsEitherName(chars.Span) || HiddenSpellings.Any(chars);
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
    }
}
