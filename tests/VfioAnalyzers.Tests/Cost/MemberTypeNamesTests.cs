using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using VfioAnalyzers.Contracts;
using Xunit;

namespace VfioAnalyzers.Tests.Cost
{
    /// <summary>
    /// The declared type names of a type's fields and properties, read once per declaration by the wrapper search
    /// (issue 16): the simple name as written, the first declaration of a name winning, nested types kept apart.
    /// </summary>
    public class MemberTypeNamesTests
    {
        private const string Source = """
            class A
            {
                private System.Threading.SemaphoreSlim _gate, _other;
                private Pool<byte>? _pool;
                private int[] _array;
                private var _bad;
                public global::System.Threading.SemaphoreSlim Gate => _gate;
                private Stash _gate2;
                private Other _gate;
                class Inner { private Stash _gate; private Stash _inner; }
            }
            """;

        [Theory]
        [InlineData("_gate", "SemaphoreSlim")]
        [InlineData("_other", "SemaphoreSlim")]
        [InlineData("_pool", "Pool")]
        [InlineData("Gate", "SemaphoreSlim")]
        [InlineData("_gate2", "Stash")]
        [InlineData("_array", null)]
        [InlineData("_bad", null)]
        [InlineData("missing", null)]
        public void ReadsTheTypeAsWritten(string identifier, string? expected)
        {
            var types = CSharpSyntaxTree.ParseText(Source).GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>().ToList();

            Assert.Equal(expected, new MemberTypeNames().Of(types[0], identifier));
        }

        [Fact]
        public void ANestedTypeHasItsOwnMembers()
        {
            var types = CSharpSyntaxTree.ParseText(Source).GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>().ToList();
            var names = new MemberTypeNames();

            Assert.Equal("SemaphoreSlim", names.Of(types[0], "_gate"));
            Assert.Equal("Stash", names.Of(types[1], "_gate"));
            Assert.Null(names.Of(types[1], "_pool"));
            Assert.Null(names.Of(types[0], "_inner"));
        }
    }
}
