using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Contracts
{
    /// <summary>Reads a member's contract from its <c>[Acquires]</c> and <c>[Releases]</c> attributes.</summary>
    internal static class AttributeContractReader
    {
        public static MemberContract Read(IMethodSymbol method)
        {
            var acquires = ImmutableArray.CreateBuilder<AcquireSpec>();
            var releases = ImmutableArray.CreateBuilder<ReleaseSpec>();
            bool returnsBool = method.ReturnType.SpecialType == SpecialType.System_Boolean;

            if (TryGetKind(method.GetAttributes(), AnnotationNames.Acquires, out var kind) ||
                TryGetKind(method.GetReturnTypeAttributes(), AnnotationNames.Acquires, out kind))
            {
                acquires.Add(new AcquireSpec(kind, AcquireTarget.ReturnValue, AcquireCondition.NonNull));
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
                    if (parameter.RefKind == RefKind.Out || parameter.RefKind == RefKind.Ref)
                    {
                        acquires.Add(new AcquireSpec(kind, AcquireTarget.OutParameter, onResult ?? (returnsBool ? AcquireCondition.ReturnsTrue : AcquireCondition.NonNull), parameter.Ordinal));
                    }
                    else
                    {
                        acquires.Add(new AcquireSpec(kind, AcquireTarget.Argument, onResult ?? (returnsBool ? AcquireCondition.ReturnsTrue : AcquireCondition.Always), parameter.Ordinal));
                    }
                }

                if (TryGetKind(attributes, AnnotationNames.Releases, out kind))
                {
                    releases.Add(new ReleaseSpec(kind, ReleaseTarget.Argument, parameter.Ordinal));
                }
            }

            return acquires.Count == 0 && releases.Count == 0
                ? MemberContract.None
                : new MemberContract(acquires.ToImmutable(), releases.ToImmutable());
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
