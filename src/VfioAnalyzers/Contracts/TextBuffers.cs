using Microsoft.CodeAnalysis.Text;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Copies a span of source text into a buffer the caller keeps per thread: the scans read every file's text and
    /// the pre-filter a member's text per question, and a string for each would be most of what they allocate.
    /// </summary>
    internal static class TextBuffers
    {
        /// <summary>
        /// A file longer than this is copied into a buffer of its own, not one a compiler server's thread keeps for good.
        /// A million characters (2 MB per thread at most): a buffer of its own lands on the large object heap each time,
        /// and a project's few largest files, copied by each scan, made the runtime collect everything (issue 16).
        /// </summary>
        public const int KeptLength = 1 << 20;

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

        [System.ThreadStatic]
        private static char[]? t_whole;

        /// <summary>
        /// The whole text's characters: the string the text holds when the compiler read the file into one (most
        /// files), which it gives back as it is; otherwise a copy in a buffer this thread keeps (let go of when huge),
        /// valid until the thread's next call. Every whole-file scan reads its file through here, one after another.
        /// </summary>
        public static TextChars Whole(SourceText text)
        {
            if (text.GetType().Name == "StringText")
            {
                return new TextChars(text.ToString());
            }

            var chars = new TextChars(Fill(ref t_whole, text, new TextSpan(0, text.Length)), text.Length);
            if (text.Length > KeptLength)
            {
                t_whole = null;
            }

            return chars;
        }
    }
}
