using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using VfioAnalyzers.Contracts;
using Xunit;

namespace VfioAnalyzers.Tests.Cost
{
    /// <summary>
    /// The commonest call, read off text without its token (issue 16): `receiver.Name(` with a plain identifier for
    /// receiver. Every spelling where text could read the receiver wrong is left to the syntax.
    /// </summary>
    public class ReceiverCallTextTests
    {
        [Theory]
        [InlineData("{ _stash.Release(", "_stash")]
        [InlineData("{ stash?.Release(", "stash")]
        [InlineData("=> gate.Release(", "gate")]
        [InlineData("return gate.Release(", "gate")]
        [InlineData("await gate.Release(", "gate")]
        [InlineData("throw gate.Release(", "gate")]
        [InlineData("else gate.Release(", "gate")]
        [InlineData("foreach (var x in gate.Release(", "gate")]
        [InlineData("x = (Gate)gate.Release(", "gate")]
        [InlineData("f(a, gate2.Release(", "gate2")]
        [InlineData("x;\n        gate.Release(", "gate")]
        [InlineData("if (ok) gate.Release(", "gate")]
        [InlineData("!gate.Release(", "gate")]
        [InlineData("a < gate.Release(", "gate")]
        [InlineData("a >= gate.Release(", "gate")]
        [InlineData("a ?? gate.Release(", "gate")]
        [InlineData("$\"{gate.Release(", "gate")]

        // A setter's `value` is an identifier to the syntax as well, read the same way.
        [InlineData("{ value.Release(", "value")]
        public void ReadsThePlainReceiver(string text, string receiver) => Assert.Equal(receiver, Read(text));

        [Theory]
        [InlineData("{ this.Release(")]
        [InlineData("{ base.Release(")]
        [InlineData("{ int.Release(")]
        [InlineData("{ field.Release(")]
        [InlineData("{ a.gate.Release(")]
        [InlineData("{ a?.gate.Release(")]
        [InlineData("{ global::gate.Release(")]
        [InlineData("{ p->gate.Release(")]
        [InlineData("{ x..Release(")]
        [InlineData("{ a..gate.Release(")]
        [InlineData("new gate.Release(")]
        [InlineData("new\n gate.Release(")]
        [InlineData("new // return\n gate.Release(")]
        [InlineData("new // {\n gate.Release(")]
        [InlineData("new /* return */ gate.Release(")]
        [InlineData("new\n#if (A)\n gate.Release(")]
        [InlineData("new\n#if A\n#endif\n gate.Release(")]
        [InlineData("{ @gate.Release(")]
        [InlineData("{ gate!.Release(")]
        [InlineData("{ gate .Release(")]
        [InlineData("{ gate. Release(")]
        [InlineData("{ gate.Release<int>(")]
        [InlineData("{ gate.Release (")]
        [InlineData("{ gat\u00e9.Release(")]
        [InlineData("{ \u00e9gate.Release(")]
        [InlineData("{ 1gate.Release(")]
        [InlineData("s = \"gate.Release(")]
        [InlineData("case Gate.Release(")]
        [InlineData("Gate gate.Release(")]
        [InlineData("[Attr]gate.Release(")]
        [InlineData("gate.Release(")]
        public void LeavesEveryOtherSpellingToTheSyntax(string text) => Assert.Null(Read(text));

        [Fact]
        public async Task EachBodyIsJudgedAsItsSyntaxAloneJudgesIt()
        {
            // The text decides a mention only where its syntax would decide the same: over every spelling of the
            // filter's own tests, each body gets the verdict it gets when every mention's token is read.
            var (withText, compilation) = await CallFilterTests.BuildAsync(CallFilterTests.Source);
            var syntaxOnly = CallFilterTests.IndexFor(compilation);
            syntaxOnly.ReadsCallsFromText = false;

            var bodies = compilation.SyntaxTrees.SelectMany(tree => tree.GetRoot().DescendantNodes())
                .Where(node => node is BaseMethodDeclarationSyntax || node is AccessorDeclarationSyntax).ToList();
            var differing = bodies
                .Where(body => withText.MayCall(body, compilation.GetSemanticModel(body.SyntaxTree), CancellationToken.None) !=
                    syntaxOnly.MayCall(body, compilation.GetSemanticModel(body.SyntaxTree), CancellationToken.None))
                .Select(body => body.ToString().Split('\n')[0]);

            Assert.True(bodies.Count > 100);
            Assert.Equal(string.Empty, string.Join("\n", differing));
        }

        /// <summary>The receiver read off the text before its last `Release`, or null where the text is left to the syntax.</summary>
        private static string? Read(string text)
        {
            var source = text.ToCharArray();
            int nameAt = text.LastIndexOf("Release", System.StringComparison.Ordinal);
            return ReceiverCallText.TryRead(source, source.Length, nameAt, "Release".Length, out int at, out int length) &&
                new string(source, at, length) is var receiver && !ReceiverCallText.IsKeyword(receiver)
                ? receiver
                : null;
        }
    }
}
