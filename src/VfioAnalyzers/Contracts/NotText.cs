using System.Globalization;
using Microsoft.CodeAnalysis.Text;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Tells a pairs file that is not text (an image, an archive, a file saved as UTF-16 and read as UTF-8) from one with
    /// a stray odd character: read as lines, the former yields a warning per "line", each full of its bytes.
    /// </summary>
    internal static class NotText
    {
        /// <summary>How much of the file is looked at: binary formats show themselves at once.</summary>
        private const int Sample = 8192;

        /// <summary>Why the file is not text, or null when it is.</summary>
        public static string? Describe(SourceText text)
        {
            int length = text.Length < Sample ? text.Length : Sample;
            int odd = 0;
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                if (c == '\0')
                {
                    return "it holds NUL characters";
                }

                if ((char.IsControl(c) && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v') || c == '\uFFFD')
                {
                    odd++;
                }
            }

            // A text file may carry a stray control character (echoed escaped, at its line); a binary one is full of them.
            return odd > 0 && odd * 20 >= length
                ? string.Format(CultureInfo.InvariantCulture, "{0} of its first {1} characters are control characters or invalid bytes", odd, length)
                : null;
        }
    }
}
