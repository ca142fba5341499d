using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using VfioAnalyzers.Contracts;

namespace VfioAnalyzers.Reporting
{
    /// <summary>
    /// How to release what an acquiring call took, handed to code fixes in diagnostic properties: the releasing
    /// member of the same kind on the acquiring member's type, called on the same receiver.
    /// </summary>
    public static class ReleaseHint
    {
        public const string MemberKey = "ReleaseMember";
        public const string ReceiverKey = "ReleaseReceiver";
        public const string ShapeKey = "ReleaseShape";
        public const string VariableKey = "Variable";
        public const string FirstReleaseKey = "FirstRelease";

        /// <summary>Set when some path hands the reference on: releasing it in a finally would release what was handed on.</summary>
        public const string HandedOnKey = "HandedOn";

        /// <summary>Set when another path reaches the same exit with the reference already released.</summary>
        public const string SharedExitKey = "SharedExit";
        public const string ShapeArgument = "Argument";
        public const string ShapeReceiver = "Receiver";

        internal static ImmutableDictionary<string, string?> For(ContractCatalog catalog, IOperation acquire, string kind, string variable)
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(VariableKey, variable);
            if (!(acquire is IInvocationOperation invocation))
            {
                return properties;
            }

            var type = invocation.TargetMethod.ContainingType;
            foreach (var candidate in type.GetMembers().OfType<IMethodSymbol>())
            {
                var release = catalog.Get(candidate).Releases.FirstOrDefault(r => r.Kind == kind);
                if (release == null)
                {
                    continue;
                }

                properties = properties.Add(MemberKey, candidate.Name);
                if (release.Target == ReleaseTarget.Receiver)
                {
                    return properties.Add(ShapeKey, ShapeReceiver);
                }

                string? receiver = candidate.IsStatic
                    ? type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)
                    : invocation.Instance != null && !invocation.Instance.IsImplicit ? invocation.Instance.Syntax.ToString() : null;
                return receiver != null
                    ? properties.Add(ShapeKey, ShapeArgument).Add(ReceiverKey, receiver)
                    : properties.Add(ShapeKey, ShapeArgument);
            }

            return properties;
        }
    }
}
