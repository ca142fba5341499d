using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using VfioAnalyzers.Rules;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// VFIO900 for an <c>[Acquires(..., When = ...)]</c> the analyzer cannot honour: an unknown value, or an
    /// integer condition where no integer result can carry it. Such an attribute declares what it would without
    /// <c>When</c>, so the problem must be said out loud rather than checked silently against other rules.
    /// </summary>
    internal static class AttributeConditionCheck
    {
        private const string Known = "Default, Zero, NonNegative";

        public static IEnumerable<Diagnostic> Check(IMethodSymbol method)
        {
            foreach (var attribute in method.GetAttributes())
            {
                var problem = OnMemberOrReturn(method, attribute);
                if (problem != null)
                {
                    yield return problem;
                }
            }

            foreach (var attribute in method.GetReturnTypeAttributes())
            {
                var problem = OnMemberOrReturn(method, attribute);
                if (problem != null)
                {
                    yield return problem;
                }
            }

            foreach (var parameter in method.Parameters)
            {
                foreach (var attribute in parameter.GetAttributes())
                {
                    if (!IsAcquiresWithWhen(attribute))
                    {
                        continue;
                    }

                    var reading = IntegerConditions.Read(attribute, out string text);
                    if (reading == IntegerConditions.Reading.Unknown)
                    {
                        yield return Create(method, attribute, $"unknown When value '{text}' (known: {Known})");
                    }
                    else if (reading != IntegerConditions.Reading.Default && !IntegerConditions.ReturnsIntegerStatus(method))
                    {
                        yield return Create(method, attribute, $"When = {text} needs '{method.Name}' to return an integer status (int, long, short or sbyte); it returns '{method.ReturnType.ToDisplayString()}'");
                    }
                }
            }
        }

        /// <summary>The problems of the local functions declared in a body that write an attribute list (on themselves or a parameter).</summary>
        public static IEnumerable<Diagnostic> CheckLocalFunctions(SyntaxNode body, SemanticModel model, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var node in body.DescendantNodes())
            {
                if (node is LocalFunctionStatementSyntax local && (local.AttributeLists.Count > 0 || local.ParameterList.Parameters.Any(p => p.AttributeLists.Count > 0)) &&
                    model.GetDeclaredSymbol(local, cancellationToken) is IMethodSymbol method)
                {
                    foreach (var problem in Check(method))
                    {
                        yield return problem;
                    }
                }
            }
        }

        private static Diagnostic? OnMemberOrReturn(IMethodSymbol method, AttributeData attribute)
        {
            if (!IsAcquiresWithWhen(attribute))
            {
                return null;
            }

            var reading = IntegerConditions.Read(attribute, out string text);
            if (reading == IntegerConditions.Reading.Unknown)
            {
                return Create(method, attribute, $"unknown When value '{text}' (known: {Known})");
            }

            // The returned value is the reference itself: its condition is "not null", never an integer's.
            return reading == IntegerConditions.Reading.Default
                ? null
                : Create(method, attribute, $"When = {text} applies to an out or by-value parameter of a member returning an integer status, not to what '{method.Name}' returns");
        }

        private static bool IsAcquiresWithWhen(AttributeData attribute)
        {
            if (!AttributeContractReader.IsAnnotation(attribute.AttributeClass, AnnotationNames.Acquires))
            {
                return false;
            }

            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == IntegerConditions.NamedArgument)
                {
                    return true;
                }
            }

            return false;
        }

        private static Diagnostic Create(IMethodSymbol method, AttributeData attribute, string message)
        {
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax();
            // The named argument itself when it is there to point at; the attribute otherwise.
            Location location = syntax?.GetLocation() ?? method.Locations[0];
            if (syntax is AttributeSyntax { ArgumentList: { } arguments })
            {
                foreach (var argument in arguments.Arguments)
                {
                    if (argument.NameEquals?.Name.Identifier.ValueText == IntegerConditions.NamedArgument)
                    {
                        location = argument.GetLocation();
                    }
                }
            }

            return Diagnostic.Create(Descriptors.BadConfiguration, location, $"[Acquires] on '{method.Name}'", message);
        }
    }
}
