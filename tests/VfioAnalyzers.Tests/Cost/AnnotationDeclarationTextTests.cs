using Microsoft.CodeAnalysis.Text;
using VfioAnalyzers.Contracts;
using Xunit;

namespace VfioAnalyzers.Tests.Cost
{
    /// <summary>
    /// The text check at compilation start (issue 16): a file may declare an annotation when it spells either name as a
    /// whole word, escapes a character or holds a formatting character, as an identifier may; anything else is left
    /// unread.
    /// </summary>
    public class AnnotationDeclarationTextTests
    {
        [Theory]
        [InlineData("public sealed class AcquiresAttribute : System.Attribute { }")]
        [InlineData("class ReleasesAttribute")]
        [InlineData("ReleasesAttribute")]
        [InlineData("x.AcquiresAttribute")]
        [InlineData("class Acquires\\u0041ttribute { }")]
        [InlineData("class \\U00000052eleasesAttribute { }")]
        [InlineData("string s = \"\\u0041\";")]
        [InlineData("class Acquires\u00ADAttribute { }")]
        [InlineData("class Rel\u200EeasesAttribute { }")]
        [InlineData("// a zero-width space\u200B in a comment")]
        [InlineData("MyReleasesAttribute x; AcquiresAttribute y;")]
        public void MayDeclare(string text) =>
            Assert.True(AnnotationDeclarationText.MayDeclare(SourceText.From(text)));

        [Theory]
        [InlineData("")]
        [InlineData("class App { }")]
        [InlineData("class MyAcquiresAttribute { } class ReleasesAttributes { } class Acquires_Attribute { }")]
        [InlineData("class ÄReleasesAttribute { } class AcquiresAttribute1 { }")]
        [InlineData("string path = \"C:\\\\temp\\\\x\"; char c = '\\n';")]
        [InlineData("sAttribute sAttribute AttributesAttribute")]
        [InlineData("cquiresAttribute")]
        public void CannotDeclare(string text) =>
            Assert.False(AnnotationDeclarationText.MayDeclare(SourceText.From(text)));
    }
}
