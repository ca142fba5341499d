using Microsoft.CodeAnalysis.Text;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// The characters the scans read. A span of a file (a member's text) is copied into a buffer the caller keeps per
    /// thread: the pre-filter asks per member, and a string for each would be most of what it allocates. A whole file is
    /// read as the string it is held in, or as one made of it once (<see cref="Whole"/>).
    /// </summary>
    internal static class TextBuffers
    {
        /// <summary>A span longer than this is copied into a buffer of its own, not one a compiler server's thread keeps for good.</summary>
        public const int KeptLength = 1 << 18;

        /// <summary>The span's characters, from index 0 of <paramref name="buffer"/> (grown when too small).</summary>
        public static char[] Fill(ref char[]? buffer, SourceText text, TextSpan span)
        {
            if (buffer == null || buffer.Length < span.Length)
            {
                // Grown by doubling (up to the kept length): the scans meet files in no order of size, and each new
                // array of a large file's size is zeroed memory the process touches for the first time.
                int doubled = System.Math.Min(2 * (buffer?.Length ?? 0), KeptLength);
                buffer = new char[System.Math.Max(span.Length, System.Math.Max(doubled, 4096))];
            }

            text.CopyTo(span.Start, buffer, 0, span.Length);
            return buffer;
        }

        // The text of each file the compiler holds in chunks (a large file) or behind a wrapper (a generated one), as one
        // string, made by the first whole-file scan and read by the others (four per compilation); let go of with the text.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SourceText, string> Flattened =
            new System.Runtime.CompilerServices.ConditionalWeakTable<SourceText, string>();

        /// <summary>
        /// The whole text's characters: the string the text holds when the compiler read the file into one (most
        /// files), which it gives back as it is; otherwise one string made of it, once per text. Every whole-file scan
        /// reads its file through here.
        /// </summary>
        public static TextChars Whole(SourceText text) =>
            new TextChars(text.GetType().Name == "StringText" ? text.ToString() : Flattened.GetValue(text, t => t.ToString()));
    }
}
