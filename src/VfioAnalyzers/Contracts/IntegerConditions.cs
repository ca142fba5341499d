using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// The integer-result conditions (<c>When = AcquiredWhen.Zero</c>, <c>when zero</c>): their names in the
    /// attribute and in the pairs file, and the members they fit.
    /// </summary>
    internal static class IntegerConditions
    {
        /// <summary>The named argument of <c>[Acquires]</c>.</summary>
        public const string NamedArgument = "When";

        public const string ZeroWord = "zero";
        public const string NonNegativeWord = "non-negative";

        /// <summary>What the attribute's <c>When</c> says; <see cref="Reading.Unknown"/> names a value we cannot read.</summary>
        public enum Reading
        {
            Default,
            Zero,
            NonNegative,
            Unknown,
        }

        /// <summary>
        /// Reads <c>When</c> by the enum member's name (a project's own copy of the enum may number it differently),
        /// or, for a copy that declares a string property, by the pairs file's word.
        /// </summary>
        public static Reading Read(AttributeData attribute, out string text)
        {
            text = string.Empty;
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key != NamedArgument)
                {
                    continue;
                }

                var value = named.Value;
                if (value.Kind == TypedConstantKind.Error)
                {
                    return Reading.Default;
                }

                if (value.Kind == TypedConstantKind.Array)
                {
                    // A copy that declares When as an array: TypedConstant.Value would throw.
                    text = "an array";
                    return Reading.Unknown;
                }

                if (value.Value is string word)
                {
                    text = word;
                    return word switch
                    {
                        ZeroWord => Reading.Zero,
                        NonNegativeWord => Reading.NonNegative,
                        "" => Reading.Default,
                        _ => Reading.Unknown,
                    };
                }

                text = value.Value?.ToString() ?? "null";
                string? name = value.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType ? MemberName(enumType, value.Value) : null;
                if (name != null)
                {
                    text = name;
                }

                return name switch
                {
                    "Default" => Reading.Default,
                    "Zero" => Reading.Zero,
                    "NonNegative" => Reading.NonNegative,
                    _ => Reading.Unknown,
                };
            }

            return Reading.Default;
        }

        public static AcquireCondition? ConditionFor(Reading reading) => reading switch
        {
            Reading.Zero => AcquireCondition.ReturnsZero,
            Reading.NonNegative => AcquireCondition.ReturnsNonNegative,
            _ => null,
        };

        public static bool IsInteger(AcquireCondition condition) =>
            condition == AcquireCondition.ReturnsZero || condition == AcquireCondition.ReturnsNonNegative;

        /// <summary>The pairs file's word for a condition, as the notes and messages say it.</summary>
        public static string Word(AcquireCondition condition) => condition == AcquireCondition.ReturnsZero ? ZeroWord : NonNegativeWord;

        /// <summary>A signed integer result can report an errno or an HRESULT; an unsigned one cannot be negative.</summary>
        public static bool ReturnsIntegerStatus(IMethodSymbol method)
        {
            switch (method.ReturnType.SpecialType)
            {
                case SpecialType.System_SByte:
                case SpecialType.System_Int16:
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                    return true;
                default:
                    return false;
            }
        }

        private static string? MemberName(INamedTypeSymbol enumType, object? value)
        {
            foreach (var member in enumType.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, value))
                {
                    return field.Name;
                }
            }

            return null;
        }
    }
}
