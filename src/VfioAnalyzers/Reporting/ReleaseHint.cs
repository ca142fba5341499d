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

        /// <summary>
        /// What the paths through the reported place (the exit, the assignment, the release) hold in the variable: some
        /// of <see cref="PathHeld"/>, <see cref="PathNull"/>, <see cref="PathFailed"/>, <see cref="PathReleased"/> and
        /// <see cref="PathOther"/>, comma-separated in that order. A fix that releases there is right only when every
        /// path holds the reference, or under a null test when the others hold null.
        /// </summary>
        public const string PathsKey = "Paths";

        /// <summary>The variable holds an unreleased reference of the kind.</summary>
        public const string PathHeld = "held";

        /// <summary>The variable is null.</summary>
        public const string PathNull = "null";

        /// <summary>The acquire that set the variable failed (a Try method returned false, a nullable acquire gave null).</summary>
        public const string PathFailed = "failed";

        /// <summary>The variable's reference was released already.</summary>
        public const string PathReleased = "released";

        /// <summary>Anything else: handed on, not acquired yet, another value, a value derived from the reference.</summary>
        public const string PathOther = "other";

        /// <summary>The start positions of the calls that released the reference on some path, comma-separated.</summary>
        public const string ReleasedByKey = "ReleasedBy";
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
