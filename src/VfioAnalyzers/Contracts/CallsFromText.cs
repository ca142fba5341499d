using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Where the calls of a body may be read off text (<see cref="ReceiverCallText"/>): the member whose text and
    /// declarations the filter reads, and the type declaration around it, as the call's syntax would give them. Only a
    /// method's or an accessor's body is read so: nothing between a call there and that member is a member declaration.
    /// </summary>
    internal readonly struct CallsFromText
    {
        private CallsFromText(MemberDeclarationSyntax member, TypeDeclarationSyntax scope)
        {
            Member = member;
            Scope = scope;
            MemberStart = member.SpanStart;
        }

        /// <summary>The member, or null where the body's calls are not read off text.</summary>
        public MemberDeclarationSyntax? Member { get; }

        public TypeDeclarationSyntax? Scope { get; }

        /// <summary>Where the member's text starts: index 0 of its <see cref="MemberText"/>.</summary>
        public int MemberStart { get; }

        /// <summary>
        /// The calls of the method whose declaration holds <paramref name="position"/>, trivia around it included, as
        /// <see cref="For"/> gives them for that method, found without reading its body: only namespaces, types and
        /// their members are passed through (nodes the tree keeps), so no statement's syntax is made. Default where the
        /// position is in no method's declaration. A position in the trivia around the method is outside its text,
        /// which the text reader then leaves to the syntax.
        /// </summary>
        public static CallsFromText At(SyntaxNode root, int position)
        {
            var node = root;
            while (true)
            {
                var child = node.ChildThatContainsPosition(position).AsNode();
                switch (child)
                {
                    case BaseNamespaceDeclarationSyntax _:
                    case TypeDeclarationSyntax _:
                        node = child;
                        break;
                    case BaseMethodDeclarationSyntax method:
                        return For(method);
                    default:
                        return default;
                }
            }
        }

        public static CallsFromText For(SyntaxNode body) =>
            (body is BaseMethodDeclarationSyntax || body is AccessorDeclarationSyntax) &&
            body.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } member &&
            member.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } scope
                ? new CallsFromText(member, scope)
                : default;
    }
}
