using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using VfioAnalyzers.Contracts;
using Xunit;

namespace VfioAnalyzers.Tests.Cost
{
    /// <summary>
    /// The cursor the wrapper search reads mentions with (issue 16) starts each search near the token found last: it
    /// must find exactly the token a search from the root finds, at every position, in trivia and at the end of the file.
    /// </summary>
    public class TokenCursorTests
    {
        private const string Source = """
                        namespace N
            {
                // Rent in a comment
                class A
                {
                    private readonly int[] _b = new int[2];
                    int M(int n) { var b = Pool.Rent(n); /* x */ return b.Length; }
                    int P => Pool.Rent(1).Length;
                }

                class B { void Q() { Monitor.Enter(this); Monitor.Exit(this); } }
            }
            """;

        [Theory]
        [InlineData(1)]
        [InlineData(7)]
        [InlineData(40)]
        public void FindsWhatASearchFromTheRootFinds(int step)
        {
            var tree = CSharpSyntaxTree.ParseText(Source);
            var root = tree.GetRoot();
            var cursor = new TokenCursor(tree, default);

            for (int position = 0; position < Source.Length; position += step)
            {
                Assert.Equal(root.FindToken(position), cursor.FindToken(position));
            }

            Assert.Equal(root.FindToken(Source.Length), cursor.FindToken(Source.Length));
        }

        [Fact]
        public void FindsTheMentionsOfOneWordInOrder()
        {
            var tree = CSharpSyntaxTree.ParseText(Source);
            var cursor = new TokenCursor(tree, default);
            var positions = Enumerable.Range(0, Source.Length).Where(i => string.CompareOrdinal(Source, i, "Rent", 0, 4) == 0).ToList();

            var tokens = positions.Select(cursor.FindToken).ToList();

            Assert.Equal(positions.Select(p => tree.GetRoot().FindToken(p)), tokens);
            // The comment's mention is trivia of the next token, the `class` keyword.
            Assert.IsType<ClassDeclarationSyntax>(tokens[0].Parent);
            Assert.All(tokens.Skip(1), token => Assert.Equal("Rent", token.ValueText));
        }
    }
}
