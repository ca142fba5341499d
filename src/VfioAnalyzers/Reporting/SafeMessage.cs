using System.Globalization;
using System.Text;

namespace VfioAnalyzers.Reporting
{
    /// <summary>
    /// Makes a configuration message that echoes the user's input safe to print: control characters become escapes
    /// (a NUL or ESC copied into a build log corrupts it), and an echoed word longer than a member id can sensibly be is
    /// cut (a 1 MB line must not become a 1 MB warning).
    /// </summary>
    internal static class SafeMessage
    {
        /// <summary>Longer than any real documentation id the configuration names, far shorter than a runaway line.</summary>
        public const int MaxWordLength = 200;

        public static string Of(string text)
        {
            var result = new StringBuilder(text.Length < 1024 ? text.Length : 1024);
            int wordLength = 0;
            int cut = 0;
            foreach (char c in text)
            {
                if (c == ' ')
                {
                    EndWord(result, ref cut);
                    wordLength = 0;
                    result.Append(c);
                    continue;
                }

                wordLength++;
                if (wordLength > MaxWordLength)
                {
                    cut++;
                    continue;
                }

                if (char.IsControl(c) || c == '\uFFFD')
                {
                    // \t, \n and the rest alike: a message is one line.
                    result.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    result.Append(c);
                }
            }

            EndWord(result, ref cut);
            return result.ToString();
        }

        private static void EndWord(StringBuilder result, ref int cut)
        {
            if (cut > 0)
            {
                result.Append("...(").Append(cut.ToString(CultureInfo.InvariantCulture)).Append(" more characters)");
                cut = 0;
            }
        }
    }
}
