using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using VfioAnalyzers.Contracts;
using Xunit;

namespace VfioAnalyzers.Tests.Cost
{
    /// <summary>
    /// The text scan every file passes through (issue 16): it finds whole words exactly where a plain whole-word search
    /// finds them, whatever the words' first two characters (one-letter words, words beyond ASCII, a word at the very
    /// end of the text, a word glued to another identifier).
    /// </summary>
    public class WordScannerTests
    {
        private const string Text = """
            var b = ArrayPool<byte>.Shared.Rent(n); pool.Return(b); Returned(); _Rent(); Rent_(); @Rent(); x.Return
            M(); MM(); M1(); Über(); Überall(); Wait(1);Wait (2); WaitAsync(); ÜberM(); aM(); M
            """;

        [Theory]
        [InlineData("Rent Return")]
        [InlineData("M")]
        [InlineData("Return")]
        [InlineData("Über")]
        [InlineData("Wait")]
        [InlineData("Über Wait")]
        [InlineData("Wait WaitAsync M Return")]
        public void FindsWhatAWholeWordSearchFinds(string spaced)
        {
            var words = spaced.Split(' ');
            var scanner = new WordScanner(words);
            var text = SourceText.From(Text);
            var found = new List<int>();

            scanner.FindAll(Text.AsSpan(), found);

            Assert.NotEmpty(found);
            Assert.Equal(WholeWords(Text, words), found);
            Assert.All(found, position => Assert.True(scanner.StartsAt(text, position)));
            Assert.True(scanner.Mentions(text, new TextSpan(0, text.Length)));
        }

        [Fact]
        public void ASpanIsScannedAlone()
        {
            var scanner = new WordScanner(new[] { "Rent" });
            var text = SourceText.From("Rent(); xRent(); Rent");
            var found = new List<int>();

            // The last word is cut where the text given ends: no mention.
            scanner.FindAll("Rent(); xRent(); Rent".AsSpan(0, 19), found);

            Assert.Equal(new[] { 0 }, found);
            Assert.False(scanner.Mentions(text, new TextSpan(1, 13)));
            Assert.True(scanner.Mentions(text, new TextSpan(17, 4)));
        }

        private static List<int> WholeWords(string text, string[] words) =>
            words.SelectMany(word => Regex.Matches(text, @"(?<![\p{L}\p{Nd}_])" + Regex.Escape(word) + @"(?![\p{L}\p{Nd}_])").Select(m => m.Index))
                .Distinct()
                .OrderBy(i => i)
                .ToList();
    }
}
