using Microsoft.CodeAnalysis.CSharp;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Reads the commonest spellings of a call by a contract member's name off its member's text, without its syntax:
    /// <c>receiver.Name(</c> or <c>receiver?.Name(</c>, written without spaces, where the receiver is a plain identifier
    /// that nothing before it extends, and <c>Name(</c> that nothing before it makes a member's or a type's. Finding each such call's token costs more than the judgement of its receiver on
    /// bodies full of look-alike names (docs/configuration.md, "Cost").
    /// </summary>
    /// <remarks>
    /// The text does not tell code from a comment or a string: a spelling there calls nothing, whatever the receiver's
    /// verdict. What it must never do is read a call's receiver wrong. So anything that could extend the receiver or make
    /// the name something other than a call's is left to the syntax: a dot, <c>::</c> or <c>-&gt;</c> before the
    /// receiver (<c>a.b.Name(</c>), <c>new</c> (<c>new a.Name(</c> names a type), a word that is not one of a few
    /// statement keywords, a comment's end, a character outside ASCII, an <c>@</c>, a keyword as the receiver
    /// (<c>this</c>, <c>base</c>, <c>int</c>, a contextual one such as <c>value</c> or <c>field</c>), generic arguments.
    /// </remarks>
    internal static class ReceiverCallText
    {
        // The words after which a plain identifier starts an expression of its own.
        private static readonly WordScanner WordsBeforeAnExpression = new WordScanner(new[] { "return", "await", "throw", "else", "in" });

        /// <summary>
        /// Whether the text around <paramref name="nameAt"/> (a name of <paramref name="nameLength"/> characters) is such
        /// a call, and where its receiver's identifier is; all positions are indices into <paramref name="source"/>,
        /// whose first <paramref name="length"/> characters are read.
        /// </summary>
        public static bool TryRead(char[] source, int length, int nameAt, int nameLength, out int receiverAt, out int receiverLength)
        {
            receiverAt = receiverLength = 0;
            int after = nameAt + nameLength;
            if (nameAt < 2 || after >= length || source[after] != '(' || source[nameAt - 1] != '.')
            {
                return false;
            }

            int end = nameAt - 1;
            if (source[end - 1] == '?')
            {
                end--;
            }

            int start = end;
            while (start > 0 && IsAsciiIdentifierChar(source[start - 1]))
            {
                start--;
            }

            if (start == end || !IsAsciiIdentifierStart(source[start]) || !StartsAnExpression(source, start))
            {
                return false;
            }

            receiverAt = start;
            receiverLength = end - start;
            return true;
        }

        /// <summary>
        /// Whether the name at <paramref name="nameAt"/> is read as an unqualified call, <c>Name(</c>, that nothing before
        /// it makes a member's (<c>x.Name(</c>, <c>x?.Name(</c>, <c>p-&gt;Name(</c>, <c>A::Name(</c>) or a type's
        /// (<c>new Name(</c>): what may come before it is what may come before a receiver read by <see cref="TryRead"/>.
        /// Read so, a declaration (<c>(int, int) Name(</c>, <c>~Name(</c>) or a positional pattern is taken for a call,
        /// which only ever leaves it to the syntax or finds it calls nothing, as its syntax would.
        /// </summary>
        public static bool IsUnqualifiedCall(char[] source, int length, int nameAt, int nameLength)
        {
            int after = nameAt + nameLength;
            return nameAt > 0 && after < length && source[after] == '(' && StartsAnExpression(source, nameAt);
        }

        /// <summary>Whether the identifier is a keyword, contextual or not: such a receiver is left to the syntax.</summary>
        public static bool IsKeyword(string identifier) =>
            SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(identifier) != SyntaxKind.None;

        /// <summary>Whether what comes before the identifier at <paramref name="start"/> leaves it an expression of its own.</summary>
        private static bool StartsAnExpression(char[] source, int start)
        {
            int before = start - 1;
            bool crossedLine = false;
            while (before >= 0 && IsSpace(source[before]))
            {
                crossedLine |= source[before] == '\n' || source[before] == '\r';
                before--;
            }

            // What ends a line may be a line comment's text, a directive's or a merge conflict marker's, not the token
            // before the receiver: a line above is read only when it is plainly code.
            if (before < 0 || (crossedLine && !IsPlainLine(source, before)))
            {
                return false;
            }

            char c = source[before];
            switch (c)
            {
                case '(':
                case '[':
                case '{':
                case '}':
                case ';':
                case ',':
                case '=':
                case '!':
                case '&':
                case '|':
                case '+':
                case '-':
                case '*':
                case '%':
                case '^':
                case '~':
                case '?':
                case '<':
                case ')':
                    return true;
                case '>':
                    // `=>`, `>=`, a comparison; not `->`, whose right side is a member of the pointed-to value.
                    return before > 0 && source[before - 1] != '-';
                default:
                    return IsAsciiIdentifierChar(c) && IsWordBeforeAnExpression(source, before);
            }
        }

        private static bool IsWordBeforeAnExpression(char[] source, int last)
        {
            int first = last;
            while (first > 0 && IsAsciiIdentifierChar(source[first - 1]))
            {
                first--;
            }

            if (first > 0 && (source[first - 1] == '@' || source[first - 1] == '.' || source[first - 1] > 127))
            {
                return false;
            }

            return WordsBeforeAnExpression.WordAt(new System.ReadOnlySpan<char>(source, 0, last + 1), first) != null;
        }

        /// <summary>
        /// Whether the line up to <paramref name="at"/> is printable ASCII (and tabs) without <c>#</c> or <c>//</c>, and does
        /// not start as a merge conflict marker does: C#'s other line breaks and white space, a directive, a line comment
        /// and a marker (whose line the compiler skips) would each hide what really comes before the receiver.
        /// </summary>
        private static bool IsPlainLine(char[] source, int at)
        {
            // The member's text may start inside a line: taking index 0 for a line's start only leaves more to the syntax.
            int first = at;
            while (first > 0 && source[first - 1] != '\n' && source[first - 1] != '\r')
            {
                first--;
            }

            for (int k = first; k <= at; k++)
            {
                char c = source[k];
                if (c == '#' || (c < ' ' && c != '\t') || c > '~' || (c == '/' && k < at && source[k + 1] == '/'))
                {
                    return false;
                }
            }

            return !StartsAConflictMarker(source, first, at);
        }

        private static bool StartsAConflictMarker(char[] source, int first, int at)
        {
            const int MarkerLength = 7;
            if (at - first + 1 < MarkerLength || (source[first] != '<' && source[first] != '=' && source[first] != '|' && source[first] != '>'))
            {
                return false;
            }

            for (int k = first + 1; k < first + MarkerLength; k++)
            {
                if (source[k] != source[first])
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsSpace(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n';

        private static bool IsAsciiIdentifierStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

        private static bool IsAsciiIdentifierChar(char c) => IsAsciiIdentifierStart(c) || (c >= '0' && c <= '9');
    }
}
