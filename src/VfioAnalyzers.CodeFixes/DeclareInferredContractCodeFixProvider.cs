using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using VfioAnalyzers.CodeFixes.Editing;
using VfioAnalyzers.Rules;

namespace VfioAnalyzers.CodeFixes
{
    /// <summary>
    /// VFIO009: declares the contract the analyzer inferred, where an attribute can say it: <c>[return: Acquires]</c>
    /// on a factory, <c>[Acquires]</c> on the parameter a wrapper acquires. Acquires and releases on this have no
    /// attribute form; the diagnostic gives the pairs-file line instead.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeclareInferredContractCodeFixProvider))]
    public sealed class DeclareInferredContractCodeFixProvider : VfioCodeFixProvider
    {
        public const string Key = "VFIO009.DeclareInferredContract";

        // The analyzer's property names (Reporting.InferredContractNote), which this assembly cannot reference.
        private const string DeclareKey = "Declare";
        private const string KindKey = "Kind";
        private const string WhenKey = "When";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.InferredContract);

        protected override string Title => "Declare the inferred [Acquires]";

        protected override string EquivalenceKey => Key;

        internal override PreparedFix? Prepare(FixInput input)
        {
            var properties = input.Diagnostic.Properties;
            if (!properties.TryGetValue(DeclareKey, out var declare) || !properties.TryGetValue(KindKey, out var kind) || kind == null)
            {
                return null;
            }

            var node = input.Root.FindNode(input.Diagnostic.Location.SourceSpan);
            switch (declare)
            {
                case "return" when node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } method:
                    return new PreparedFix(Key + ":" + method.SpanStart, new SyntaxNode[] { method }, root =>
                        root.GetCurrentNode(method) is { } current
                            ? root.ReplaceNode(current, current.AddAttributeLists(Attribute(kind).WithTarget(SyntaxFactory.AttributeTargetSpecifier(SyntaxFactory.Token(SyntaxKind.ReturnKeyword)))))
                            : null);
                case "parameter" when node.FirstAncestorOrSelf<ParameterSyntax>() is { } parameter:
                    return new PreparedFix(Key + ":" + parameter.SpanStart, new SyntaxNode[] { parameter }, root =>
                        root.GetCurrentNode(parameter) is { } current ? root.ReplaceNode(current, current.AddAttributeLists(Attribute(kind, properties.TryGetValue(WhenKey, out var when) ? when : null))) : null);
                default:
                    return null;
            }
        }

        /// <summary><c>[Acquires("kind")]</c>, with <c>When = AcquiredWhen.X</c> for an integer-result condition.</summary>
        private static AttributeListSyntax Attribute(string kind, string? when = null)
        {
            var arguments = SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(kind))));
            if (when != null)
            {
                arguments = arguments.Add(SyntaxFactory.AttributeArgument(
                    SyntaxFactory.NameEquals("When"),
                    null,
                    SyntaxFactory.ParseExpression("Vfio.Annotations.AcquiredWhen." + when).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation)));
            }

            return SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Attribute(
                    SyntaxFactory.ParseName("Vfio.Annotations.Acquires").WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
                    SyntaxFactory.AttributeArgumentList(arguments))));
        }
    }
}
