using System.IO;
using Microsoft.CodeAnalysis.Text;
using VfioAnalyzers.Contracts;
using Xunit;

namespace VfioAnalyzers.Tests.Cost
{
    /// <summary>
    /// The whole-file scans read a file's characters in place when the compiler holds them in one string, and a copy
    /// otherwise (a large file is held in chunks): both give the same characters, and the same hidden spellings.
    /// </summary>
    public class TextCharsTests
    {
        [Theory]
        [InlineData(100, false)]
        [InlineData(100, true)]
        [InlineData(60_000, false)]
        [InlineData(60_000, true)]
        [InlineData(300_000, false)]
        [InlineData(1_100_000, true)]
        public void WholeTextIsTheTextsCharacters(int length, bool formattingCharacter)
        {
            // A soft hyphen (U+00AD) is a formatting character: a name spelled with one is hidden from a text search.
            string source = new string('a', length - 12) + (formattingCharacter ? "Rel\u00ADease();" : "Release(); ") + "x";
            foreach (var text in new[] { SourceText.From(source), SourceText.From(new StringReader(source), source.Length) })
            {
                var chars = TextBuffers.Whole(text);

                Assert.Equal(source, chars.Span.ToString());
                Assert.Equal(!formattingCharacter, chars.IsAscii());
                Assert.Equal(formattingCharacter, HiddenSpellings.Any(chars));
            }
        }
    }
}
