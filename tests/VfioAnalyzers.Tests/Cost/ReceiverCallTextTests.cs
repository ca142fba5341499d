using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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
        [InlineData("return p.\n\f#region x (y)\n a.Release(")]
        [InlineData("return p.\n\u00A0#region (x)\n a.Release(")]
        [InlineData("return p.\u2028#region (x)\u2028 a.Release(")]
        [InlineData("return p.\n#warning check (later)\n a.Release(")]
        [InlineData("return p.\n<<<<<<< HEAD (x)\n a.Release(")]
        [InlineData("return holder.\n=======\n other.\n>>>>>>> abc1234 (Use other)\n a.Release(")]
        [InlineData("return p.\n\u00E9(\n a.Release(")]
        [InlineData("x = y;\f a.Release(")]
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
            // Each judgement starts from a thread with nothing read yet: what one index read of a member must not answer
            // for the other.
            bool Judge(ContractNameIndex index, SyntaxNode body)
            {
                MemberText.Forget();
                return index.MayCall(body, compilation.GetSemanticModel(body.SyntaxTree), CancellationToken.None);
            }

            var differing = bodies
                .Where(body => Judge(withText, body) != Judge(syntaxOnly, body))
                .Select(body => body.ToString().Split('\n')[0]);

            Assert.True(bodies.Count > 100);
            Assert.Equal(string.Empty, string.Join("\n", differing));
        }

        [Fact]
        public async Task ACallBehindALineThatHidesItsReceiverIsAnalysed()
        {
            // The line above the receiver is a directive, or a merge conflict marker the compiler skips, and C#'s other
            // white space and line breaks hide what it is: `p.a.Rent(16)` and `holder.a.Release()` are real calls.
            const string source =
                "using System.Buffers; using System.Threading;\n" +
                "public class P { public ArrayPool<byte> a = ArrayPool<byte>.Shared; }\n" +
                "public class H { public SemaphoreSlim a = new SemaphoreSlim(1); }\n" +
                "public sealed class Fake { public byte[] Rent(int n) => new byte[n]; public int Release() => 1; }\n" +
                "public class C {\n" +
                "public byte[] Analysed_FormFeed(P p, Fake a) { return p.\n\f#region Rented (by the caller)\n a.Rent(16);\n#endregion\n}\n" +
                "public int Analysed_NoBreakSpace(H h, Fake a) { return h.\n\u00A0#region Held (here)\n a.Release();\n#endregion\n}\n" +
                "public int Analysed_ParagraphSeparator(H h, Fake a) { return h.\u2029#region Held (here)\u2029 a.Release();\n#endregion\n}\n" +
                "public int Analysed_Warning(H h, Fake a) { return h.\n#warning check (later)\n a.Release(); }\n" +
                "}\n";
            var (index, compilation) = await CallFilterTests.BuildAsync(source);
            var skipped = compilation.SyntaxTrees.SelectMany(tree => tree.GetRoot().DescendantNodes()).OfType<MethodDeclarationSyntax>()
                .Where(m => m.Identifier.ValueText.StartsWith("Analysed_", System.StringComparison.Ordinal))
                .Where(m => !index.MayCall(m, compilation.GetSemanticModel(m.SyntaxTree), CancellationToken.None))
                .Select(m => m.Identifier.ValueText);

            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.Equal(string.Empty, string.Join(", ", skipped));
        }

        [Fact]
        public async Task ASettersValueIsNotAFieldNamedValue()
        {
            // `value` in a setter is the property's value, and hides a field of that name whose type is a look-alike.
            const string source = """
                using System;
                using System.Threading;
                public sealed class Fake { public int Release() => 1; public Fake Gate => this; }
                public sealed class Box { public SemaphoreSlim Gate = new SemaphoreSlim(1); }
                public class C
                {
                    private readonly Fake value = new Fake();
                    public SemaphoreSlim Analysed_Setter { get => null!; set { value.Release(); } }
                    public SemaphoreSlim Analysed_ExpressionSetter { get => null!; set => value.Release(); }
                    public SemaphoreSlim Analysed_Init { get => null!; init { value.Release(); } }
                    public SemaphoreSlim Analysed_ChainSetter { get => null!; set => value?.Release().GetHashCode(); }
                    public Box Analysed_MemberOfValue { get => null!; set { value.Gate.Release(); } }
                    public SemaphoreSlim this[int i] { get => null!; set { value.Release(); } }
                    public int Skipped_Getter { get { return value.Release(); } set { } }
                    public int Skipped_Method() => value.Release();
                }
                """;
            var (index, compilation) = await CallFilterTests.BuildAsync(source);
            var model = compilation.GetSemanticModel(compilation.SyntaxTrees.Single());
            // Every setter and init accessor but Skipped_Getter's calls Release on the value, a real semaphore; the
            // getters call nothing or the field's look-alike.
            static bool CallsOnTheValue(AccessorDeclarationSyntax accessor) =>
                !accessor.IsKind(SyntaxKind.GetAccessorDeclaration) &&
                accessor.Parent!.Parent is not PropertyDeclarationSyntax { Identifier.ValueText: "Skipped_Getter" };
            var wrong = compilation.SyntaxTrees.Single().GetRoot().DescendantNodes().OfType<AccessorDeclarationSyntax>()
                .Where(accessor => index.MayCall(accessor, model, CancellationToken.None) != CallsOnTheValue(accessor))
                .Select(accessor => accessor.Parent!.Parent!.ToString().Split('{')[0].Trim() + " " + accessor.Keyword.ValueText);

            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.Equal(string.Empty, string.Join(", ", wrong));
        }

        [Theory]
        [InlineData("{ Release(")]
        [InlineData("=> Release(")]
        [InlineData("return Release(")]
        [InlineData("else Release(")]
        [InlineData("x;\n        Release(")]
        [InlineData("f(a, Release(")]
        [InlineData("x = (int)Release(")]
        [InlineData("a ?? Release(")]

        // Declarations read as calls: their syntax calls nothing, and the call's judgement either finds the same or
        // leaves them to the syntax.
        [InlineData("List<int> Release(")]
        [InlineData("(int, int) Release(")]
        public void ReadsAnUnqualifiedCall(string text) => Assert.True(IsUnqualifiedCall(text));

        [Theory]
        [InlineData("{ gate.Release(")]
        [InlineData("{ gate?.Release(")]
        [InlineData("{ gate\n .Release(")]
        [InlineData("{ p->Release(")]
        [InlineData("{ A::Release(")]
        [InlineData("{ @Release(")]
        [InlineData("new Release(")]
        [InlineData("new // return\n Release(")]
        [InlineData("new /* c */ Release(")]
        [InlineData("new\n#if A\n Release(")]
        [InlineData("void Release(")]
        [InlineData("int[] Release(")]
        [InlineData("{ Release<int>(")]
        [InlineData("{ Release (")]
        [InlineData("x is Release(")]
        [InlineData("case Release(")]
        [InlineData("Release(")]
        public void LeavesEveryOtherUnqualifiedSpellingToTheSyntax(string text) => Assert.False(IsUnqualifiedCall(text));

        private static bool IsUnqualifiedCall(string text)
        {
            var source = text.ToCharArray();
            int nameAt = text.LastIndexOf("Release", System.StringComparison.Ordinal);
            return ReceiverCallText.IsUnqualifiedCall(source, source.Length, nameAt, "Release".Length);
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
