using System;
using System.Collections.Generic;
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

        /// <summary>
        /// What the paths that take each <c>goto</c> of the body, or fall out of each try or catch block, hold in the
        /// variable: <c>start:paths</c> entries (the goto's start, or the block's closing brace, then as
        /// <see cref="PathsKey"/>) separated by <c>;</c>.
        /// </summary>
        public const string JumpsKey = "Jumps";

        /// <summary>The start positions of the calls that released the reference on some path, comma-separated.</summary>
        public const string ReleasedByKey = "ReleasedBy";
        public const string ShapeArgument = "Argument";
        public const string ShapeReceiver = "Receiver";

        /// <summary>
        /// The hint for the reference <paramref name="acquire"/> took: the release member of the kind on the acquiring
        /// member's type (a method, a getter or indexer, a constructor), called on the acquire's receiver; when that
        /// type has none (a factory), the member and receiver of a release the body itself makes of the reference;
        /// failing both, a release on the acquired value's own type.
        /// </summary>
        internal static ImmutableDictionary<string, string?> For(ContractCatalog catalog, IOperation acquire, string kind, string variable, IReadOnlyList<IOperation>? releases = null)
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(VariableKey, variable);
            var (type, instance) = acquire switch
            {
                IInvocationOperation call => (call.TargetMethod.ContainingType, call.Instance),
                IPropertyReferenceOperation property => (property.Property.ContainingType, property.Instance),
                IObjectCreationOperation creation when creation.Constructor != null => (creation.Constructor.ContainingType, (IOperation?)null),
                _ => ((INamedTypeSymbol?)null, (IOperation?)null),
            };
            if (type == null)
            {
                return properties;
            }

            var hint = OnType(catalog, type, kind, instance);
            foreach (var release in releases ?? Array.Empty<IOperation>())
            {
                if (hint != null)
                {
                    break;
                }

                if (release is IInvocationOperation call && call.TargetMethod.ContainingType is { } releaseType)
                {
                    hint = OnType(catalog, releaseType, kind, call.Instance, call.TargetMethod);
                }
            }

            // On the value's own type only a release that needs no receiver of another object: on the value, or static.
            hint ??= acquire.Type is INamedTypeSymbol held && !SymbolEqualityComparer.Default.Equals(held, type)
                && OnType(catalog, held, kind, instance: null) is { } own && (own.ContainsKey(ReceiverKey) || own[ShapeKey] == ShapeReceiver)
                ? own
                : null;
            return hint == null ? properties : properties.AddRange(hint);
        }

        /// <summary>
        /// The release member of <paramref name="kind"/> on <paramref name="type"/> (<paramref name="member"/> when
        /// given), called on <paramref name="instance"/> or the type when static; null when the type has none.
        /// </summary>
        private static Dictionary<string, string?>? OnType(ContractCatalog catalog, INamedTypeSymbol type, string kind, IOperation? instance, IMethodSymbol? member = null)
        {
            var candidates = member != null ? new[] { member } : type.GetMembers().OfType<IMethodSymbol>();
            foreach (var candidate in candidates)
            {
                var release = catalog.Get(candidate).Releases.FirstOrDefault(r => r.Kind == kind);
                if (release == null)
                {
                    continue;
                }

                var hint = new Dictionary<string, string?> { [MemberKey] = candidate.Name };
                if (release.Target == ReleaseTarget.Receiver)
                {
                    hint[ShapeKey] = ShapeReceiver;
                    return hint;
                }

                hint[ShapeKey] = ShapeArgument;
                string? receiver = candidate.IsStatic
                    ? type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)
                    : instance != null && !instance.IsImplicit ? instance.Syntax.ToString() : null;
                if (receiver != null)
                {
                    hint[ReceiverKey] = receiver;
                }

                return hint;
            }

            return null;
        }
    }
}
