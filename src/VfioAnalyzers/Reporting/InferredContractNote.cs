using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using VfioAnalyzers.Contracts;
using VfioAnalyzers.Flow;
using VfioAnalyzers.Rules;

namespace VfioAnalyzers.Reporting
{
    /// <summary>
    /// VFIO009: a member visible outside its assembly whose contract is only inferred (docs/ownership.md) gets a
    /// suggestion to declare it, with an attribute where one can say it and a pairs-file line otherwise.
    /// </summary>
    internal static class InferredContractNote
    {
        /// <summary>The diagnostic property that tells the code fix what to declare: <see cref="OnReturn"/> or <see cref="OnParameter"/>.</summary>
        public const string DeclareKey = "Declare";

        public const string KindKey = "Kind";

        /// <summary>The <c>AcquiredWhen</c> member the declared attribute needs (<c>Zero</c>, <c>NonNegative</c>), if any.</summary>
        public const string WhenKey = "When";

        public const string OnReturn = "return";

        public const string OnParameter = "parameter";

        public static void Report(CodeBlockAnalysisContext context, ContractCatalog catalog, ContractInference inference, ContractNameIndex index)
        {
            if (!(context.OwningSymbol is IMethodSymbol method) || method.MethodKind != MethodKind.Ordinary || !IsVisibleOutsideTheAssembly(method) ||
                !(context.CodeBlock is MethodDeclarationSyntax declaration) || !catalog.GetDeclared(method).IsEmpty ||
                !(WrapperSyntax.MayAcquireForCaller(declaration, index.Roles, index.MemberTypes) || WrapperSyntax.MayReleaseForCaller(declaration, index.Roles, index.MemberTypes)))
            {
                return;
            }

            var contract = inference.Get(method);
            if (contract.IsEmpty)
            {
                return;
            }

            var compilation = context.SemanticModel.Compilation;
            var attribute = compilation.GetTypeByMetadataName(AnnotationNames.AcquiresMetadataName);
            // An attribute declares one kind per target (AllowMultiple is false): two kinds on one target take the pairs file.
            bool attributesAvailable = attribute != null && compilation.IsSymbolAccessibleWithin(attribute, compilation.Assembly) &&
                contract.Acquires.GroupBy(a => (a.Target, a.ParameterOrdinal)).All(g => g.Count() == 1);
            var id = method.GetDocumentationCommentId() ?? method.Name;
            foreach (var acquire in contract.Acquires)
            {
                // The attribute must say what was inferred: a by-value [Acquires] means "when true" exactly for a bool method.
                bool integer = IntegerConditions.IsInteger(acquire.Condition);
                // An integer condition is said with `When = AcquiredWhen.X`, which only an attribute that has it can say.
                bool canAnnotate = attributesAvailable && AttributeSays(method, acquire) && (!integer || HasWhen(attribute!));
                bool onTrue = acquire.Condition == AcquireCondition.ReturnsTrue;
                string when = onTrue ? " when it returns true"
                    : acquire.Condition == AcquireCondition.ReturnsZero ? " when it returns 0"
                    : acquire.Condition == AcquireCondition.ReturnsNonNegative ? " when it returns 0 or more"
                    : string.Empty;
                string pairsWhen = onTrue ? " when true"
                    : integer ? " when " + IntegerConditions.Word(acquire.Condition)
                    : acquire.Target == AcquireTarget.ReturnValue ? string.Empty : " when always";
                string whenMember = acquire.Condition == AcquireCondition.ReturnsZero ? "Zero" : "NonNegative";
                string whenArgument = integer ? $", When = AcquiredWhen.{whenMember}" : string.Empty;
                switch (acquire.Target)
                {
                    case AcquireTarget.ReturnValue:
                        Add(context, method.Locations[0], method.Name, $"returns a '{acquire.Kind}' reference it acquired",
                            canAnnotate ? $"[return: Acquires(\"{acquire.Kind}\")]" : PairsLine("acquire", acquire.Kind, id, "return"),
                            canAnnotate ? OnReturn : null, acquire.Kind);
                        break;
                    case AcquireTarget.Argument when acquire.ParameterOrdinal < method.Parameters.Length:
                        var parameter = method.Parameters[acquire.ParameterOrdinal];
                        Add(context, parameter.Locations[0], method.Name, $"returns holding the '{acquire.Kind}' reference it acquired on '{parameter.Name}'{when}",
                            canAnnotate ? $"[Acquires(\"{acquire.Kind}\"{whenArgument})] on '{parameter.Name}'" : PairsLine("acquire", acquire.Kind, id, "argument " + parameter.Name + pairsWhen),
                            canAnnotate ? OnParameter : null, acquire.Kind, integer ? whenMember : null);
                        break;
                    case AcquireTarget.Receiver:
                        Add(context, method.Locations[0], method.Name, $"returns holding a '{acquire.Kind}' reference acquired on this object{when}",
                            PairsLine("acquire", acquire.Kind, id, "receiver" + pairsWhen), null, acquire.Kind);
                        break;
                }
            }

            foreach (var release in contract.Releases)
            {
                Add(context, method.Locations[0], method.Name, $"gives back the '{release.Kind}' reference this object holds",
                    PairsLine("release", release.Kind, id, "receiver"), null, release.Kind);
            }
        }

        private static bool AttributeSays(IMethodSymbol method, AcquireSpec acquire) => acquire.Target switch
        {
            AcquireTarget.ReturnValue => true,
            AcquireTarget.Argument => (acquire.Condition == AcquireCondition.ReturnsTrue) == (method.ReturnType.SpecialType == SpecialType.System_Boolean),
            _ => false,
        };

        /// <summary>Whether the compilation's <c>[Acquires]</c> has the shipped <c>When</c> property of type <c>AcquiredWhen</c>.</summary>
        private static bool HasWhen(INamedTypeSymbol attribute) =>
            attribute.GetMembers(IntegerConditions.NamedArgument).OfType<IPropertySymbol>().Any(p =>
                p.Type.Name == "AcquiredWhen" && p.Type.ContainingNamespace?.ToDisplayString() == AnnotationNames.Namespace);

        private static string PairsLine(string verb, string kind, string id, string what) => $"'{verb} {kind} {id} {what}' in vfio_analyzers.pairs.txt";

        private static void Add(CodeBlockAnalysisContext context, Location location, string member, string what, string declare, string? declareOn, string kind, string? when = null)
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(KindKey, kind);
            if (when != null)
            {
                properties = properties.Add(WhenKey, when);
            }

            if (declareOn != null)
            {
                properties = properties.Add(DeclareKey, declareOn);
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.InferredContract, location, properties, member, what, declare));
        }

        private static bool IsVisibleOutsideTheAssembly(ISymbol symbol)
        {
            for (var current = symbol; current != null && !(current is INamespaceSymbol); current = current.ContainingSymbol)
            {
                switch (current.DeclaredAccessibility)
                {
                    case Accessibility.Public:
                    case Accessibility.Protected:
                    case Accessibility.ProtectedOrInternal:
                        continue;
                    default:
                        return false;
                }
            }

            return true;
        }
    }
}
