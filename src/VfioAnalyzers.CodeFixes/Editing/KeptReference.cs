using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>
    /// A discarded reference (VFIO005) and the local that keeps it: the call's result (<c>var group = call;</c>), or a
    /// Try method's <c>out _</c> (<c>out var group</c>), whichever the release member takes; how the local is declared,
    /// and released (under a null test when it may be null: a Try method may fail, a nullable result may be null).
    /// </summary>
    internal sealed class KeptReference
    {
        private readonly LocalDeclarationStatementSyntax? _declaration;
        private readonly StatementSyntax _release;

        private KeptReference(SyntaxNode discarded, string name, LocalDeclarationStatementSyntax? declaration, StatementSyntax release)
        {
            Discarded = discarded;
            Name = name;
            _declaration = declaration;
            _release = release;
        }

        /// <summary>The discarded node: the acquiring call, or the <c>_</c> of its out argument.</summary>
        public SyntaxNode Discarded { get; }

        public string Name { get; }

        /// <summary>The call's result is kept (a local declared before), not an out argument (declared in place).</summary>
        public bool IsResult => _declaration != null;

        public static KeptReference? Find(FixInput input, InvocationExpressionSyntax call, int position)
        {
            if (!(input.Model.GetSymbolInfo(call, input.CancellationToken).Symbol is IMethodSymbol method))
            {
                return null;
            }

            // An out argument thrown away, of a type the release takes: exactly one, or the call is ambiguous.
            var outs = call.ArgumentList.Arguments
                .Where(a => a.RefKindKeyword.IsKind(SyntaxKind.OutKeyword) && IsDiscard(a.Expression))
                .Select(a => (Argument: a, Type: ParameterOf(method, call, a)?.Type))
                .Where(o => o.Type != null && o.Type.IsReferenceType)
                .Select(o => (o.Argument, Type: o.Type!, Name: BaseName(o.Type!)))
                .Where(o => ReleaseHints.From(input, call, variableOverride: o.Name) is { } h
                    && SafeRelease.Binds(input, h, position, SyntaxFactory.ParseExpression("default(" + o.Type.ToMinimalDisplayString(input.Model, position) + ")")))
                .ToList();
            if (outs.Count > 1)
            {
                return null;
            }

            if (outs.Count == 1)
            {
                var name = StatementEdits.UniqueName(input, call, outs[0].Name);
                var hints = ReleaseHints.From(input, call, variableOverride: name)!;
                return new KeptReference(outs[0].Argument.Expression, name, null, SafeRelease.NullGuarded(name, hints.ReleaseStatement()));
            }

            var type = input.Model.GetTypeInfo(call, input.CancellationToken);
            var resultHints = type.Type != null ? ReleaseHints.From(input, call, variableOverride: BaseName(type.Type)) : null;
            if (method.ReturnsVoid || type.Type == null || resultHints == null || !SafeRelease.Binds(input, resultHints, position, call))
            {
                return null;
            }

            bool mayBeNull = type.Nullability.FlowState == NullableFlowState.MaybeNull;
            if (mayBeNull && !type.Type.IsReferenceType)
            {
                return null;
            }

            var kept = StatementEdits.UniqueName(input, call, BaseName(type.Type));
            var release = ReleaseHints.From(input, call, variableOverride: kept)!.ReleaseStatement();
            return new KeptReference(call, kept, StatementEdits.Local(input.Document, input.Model, call, kept), mayBeNull ? SafeRelease.NullGuarded(kept, release) : release);
        }

        /// <summary><c>var group = call;</c>, with <paramref name="call"/> as it is now.</summary>
        public LocalDeclarationStatementSyntax Declaration(SyntaxNode call) =>
            _declaration!.ReplaceNode(_declaration!.Declaration.Variables[0].Initializer!.Value, ((ExpressionSyntax)call).WithoutTrivia());

        /// <summary>What takes the discarded node's place: the local's name, or <c>var group</c> in the out argument.</summary>
        public ExpressionSyntax Replacement(SyntaxNode discarded) => (IsResult
                ? (ExpressionSyntax)SyntaxFactory.IdentifierName(Name)
                : SyntaxFactory.DeclarationExpression(SyntaxFactory.IdentifierName("var"), SyntaxFactory.SingleVariableDesignation(SyntaxFactory.Identifier(Name))))
            .WithTriviaFrom(discarded);

        public StatementSyntax Release() => _release;

        private static bool IsDiscard(ExpressionSyntax expression) =>
            (expression is IdentifierNameSyntax name && name.Identifier.ValueText == "_")
            || (expression is DeclarationExpressionSyntax declaration && declaration.Designation is DiscardDesignationSyntax);

        private static IParameterSymbol? ParameterOf(IMethodSymbol method, InvocationExpressionSyntax call, ArgumentSyntax argument)
        {
            if (argument.NameColon != null)
            {
                return method.Parameters.FirstOrDefault(p => p.Name == argument.NameColon.Name.Identifier.ValueText);
            }

            int index = call.ArgumentList.Arguments.IndexOf(argument);
            return index >= 0 && index < method.Parameters.Length ? method.Parameters[index] : null;
        }

        /// <summary>The last word of the type's name, in camel case: <c>VfioGroup</c> gives <c>group</c>.</summary>
        private static string BaseName(ITypeSymbol type)
        {
            var text = type is IArrayTypeSymbol ? "buffer" : type.Name;
            if (string.IsNullOrEmpty(text))
            {
                return "reference";
            }

            int start = 0;
            for (int i = text.Length - 1; i > 0; i--)
            {
                if (char.IsUpper(text[i]) && char.IsLower(text[i - 1]))
                {
                    start = i;
                    break;
                }
            }

            var word = char.ToLowerInvariant(text[start]) + text.Substring(start + 1);
            return SyntaxFacts.IsValidIdentifier(word) && SyntaxFacts.GetKeywordKind(word) == SyntaxKind.None ? word : "reference";
        }
    }
}
