using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Contracts
{
    /// <summary>Reads a member's contract from its <c>[Acquires]</c> and <c>[Releases]</c> attributes.</summary>
    internal static class AttributeContractReader
    {
        public static MemberContract Read(IMethodSymbol method)
        {
            // Made only for a member that has an annotation: most members read here have none, and neither their
            // builders nor their return type (which the compiler binds on first asking) are needed then.
            ImmutableArray<AcquireSpec>.Builder? acquires = null;
            ImmutableArray<ReleaseSpec>.Builder? releases = null;
            if (TryGetKind(method.GetAttributes(), AnnotationNames.Acquires, out var kind) ||
                TryGetKind(method.GetReturnTypeAttributes(), AnnotationNames.Acquires, out kind))
            {
                (acquires ??= ImmutableArray.CreateBuilder<AcquireSpec>()).Add(new AcquireSpec(kind, AcquireTarget.ReturnValue, AcquireCondition.NonNull));
            }

            foreach (var parameter in method.Parameters)
            {
                var attributes = parameter.GetAttributes();
                if (attributes.IsEmpty)
                {
                    continue;
                }

                if (TryGetKind(attributes, AnnotationNames.Acquires, out kind, out var acquiresAttribute))
                {
                    // `When` that does not fit (an unknown value, a member without an integer result) is a VFIO900
                    // (AttributeConditionCheck); the rules without it apply meanwhile.
                    var onResult = IntegerConditions.ReturnsIntegerStatus(method) ? IntegerConditions.ConditionFor(IntegerConditions.Read(acquiresAttribute!, out _)) : null;
                    bool throughOut = parameter.RefKind == RefKind.Out || parameter.RefKind == RefKind.Ref;
                    var otherwise = method.ReturnType.SpecialType == SpecialType.System_Boolean ? AcquireCondition.ReturnsTrue
                        : throughOut ? AcquireCondition.NonNull : AcquireCondition.Always;
                    (acquires ??= ImmutableArray.CreateBuilder<AcquireSpec>()).Add(
                        new AcquireSpec(kind, throughOut ? AcquireTarget.OutParameter : AcquireTarget.Argument, onResult ?? otherwise, parameter.Ordinal));
                }

                if (TryGetKind(attributes, AnnotationNames.Releases, out kind))
                {
                    (releases ??= ImmutableArray.CreateBuilder<ReleaseSpec>()).Add(new ReleaseSpec(kind, ReleaseTarget.Argument, parameter.Ordinal));
                }
            }

            return acquires == null && releases == null
                ? MemberContract.None
                : new MemberContract(acquires?.ToImmutable() ?? ImmutableArray<AcquireSpec>.Empty, releases?.ToImmutable() ?? ImmutableArray<ReleaseSpec>.Empty);
        }

        public static bool IsAnnotation(INamedTypeSymbol? type, string name) =>
            type != null &&
            type.Name == name &&
            type.ContainingNamespace?.ToDisplayString() == AnnotationNames.Namespace;

        private static bool TryGetKind(ImmutableArray<AttributeData> attributes, string name, out string kind) =>
            TryGetKind(attributes, name, out kind, out _);

        private static bool TryGetKind(ImmutableArray<AttributeData> attributes, string name, out string kind, out AttributeData? found)
        {
            foreach (var attribute in attributes)
            {
                if (IsAnnotation(attribute.AttributeClass, name))
                {
                    // A missing or empty kind still pairs with other unnamed uses; the compiler reports a missing argument.
                    kind = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string text ? text : string.Empty;
                    found = attribute;
                    return true;
                }
            }

            kind = string.Empty;
            found = null;
            return false;
        }
    }
}
