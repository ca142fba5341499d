using System;
using System.Collections.Generic;
using System.Linq;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using VfioAnalyzers.Contracts;
using VfioAnalyzers.Flow;
using VfioAnalyzers.Rules;

namespace VfioAnalyzers.Reporting
{
    /// <summary>Turns one body's findings into diagnostics: one per rule, place and reference, in a stable order.</summary>
    internal sealed class DiagnosticSink : IFindingSink
    {
        private readonly ContractCatalog _catalog;
        private readonly FieldLedger _fields;
        private readonly PathsThroughPlace _paths;

        // Built last, as leaks are: what the paths through a place hold is known once the whole body is analysed.
        private readonly Dictionary<(string, Location, int), Func<Diagnostic>> _diagnostics = new Dictionary<(string, Location, int), Func<Diagnostic>>();

        public DiagnosticSink(ContractCatalog catalog, FieldLedger fields, SiteRegistry sites)
        {
            _catalog = catalog;
            _fields = fields;
            _paths = new PathsThroughPlace(sites);
        }

        private readonly Dictionary<(Location Exit, int Site), (ResourceSite Site, string Name, BranchNote? Branch, ThrowCause? Cause)> _leaks =
            new Dictionary<(Location, int), (ResourceSite, string, BranchNote?, ThrowCause?)>();

        private readonly Dictionary<(Location Exit, string Kind, string Name), ResourceSite> _leakPerVariable =
            new Dictionary<(Location, string, string), ResourceSite>();

        private readonly HashSet<int> _handedOn = new HashSet<int>();
        private readonly List<(IFieldSymbol Field, string Kind, Location Location)> _pendingStores = new List<(IFieldSymbol, string, Location)>();

        /// <summary>
        /// Leaks are built last: whether the reference is handed on somewhere, and what the other paths through the
        /// same exit hold, is known only once the whole body is analysed, and the fixes need both.
        /// </summary>
        public IEnumerable<Diagnostic> Diagnostics => _diagnostics.Values.Select(build => build()).Concat(_leaks.Select(leak => BuildLeak(leak.Key.Exit, leak.Value.Site, leak.Value.Name, leak.Value.Branch, leak.Value.Cause)));

        public void Leak(ResourceSite site, Location exit, string name, BranchNote? branch, ThrowCause? cause = null)
        {
            if (_leaks.ContainsKey((exit, site.Id)))
            {
                return;
            }

            // Alternative acquires into one variable (`b ? Get(x) : Get(y)`) are one leak at the exit, not one per
            // call: the first acquire in the source names it, whichever path the analysis reached the exit by first.
            var alternative = (exit, site.Kind, name);
            if (_leakPerVariable.TryGetValue(alternative, out var other))
            {
                if (other.Operation.Syntax.SpanStart <= site.Operation.Syntax.SpanStart)
                {
                    return;
                }

                _leaks.Remove((exit, other.Id));
            }

            _leakPerVariable[alternative] = site;
            _leaks.Add((exit, site.Id), (site, name, branch, cause));
        }

        public void HandedOn(ResourceSite site) => _handedOn.Add(site.Id);

        public void PathAtExit(Func<Location> exit, FlowState state) => _paths.AtExit(exit, state);

        public void PathAt(IOperation place, FlowState state) => _paths.At(place, state);

        public void PathAtJump(Func<Location> jump, FlowState state) => _paths.AtJump(jump, state);

        private Diagnostic BuildLeak(Location exit, ResourceSite site, string name, BranchNote? branch, ThrowCause? cause)
        {
            var properties = ReleaseHint.For(_catalog, site.Operation, site.Kind, name, _paths.Releases(site))
                .Add(ReleaseHint.PathsKey, _paths.AtExit(exit, site.Kind, name))
                .Add(ReleaseHint.ReleasedByKey, _paths.ReleasedBy(site));
            if (_paths.Jumps(site.Kind, name) is { Length: > 0 } jumps)
            {
                properties = properties.Add(ReleaseHint.JumpsKey, jumps);
            }

            if (_handedOn.Contains(site.Id))
            {
                properties = properties.Add(ReleaseHint.HandedOnKey, "true");
            }

            return Diagnostic.Create(
                Descriptors.NotReleasedOnPath,
                exit,
                new[] { site.Operation.Syntax.GetLocation() },
                properties,
                Kind(site.Kind), name, site.MemberName, cause?.Describe(branch) ?? branch?.Describe() ?? string.Empty);
        }

        public void ReleasedTwice(ResourceSite site, IOperation release, string name, IOperation? firstRelease) =>
            Add(Descriptors.ReleasedTwice, release.Syntax.GetLocation(), site.Id, location =>
            {
                // The fix needs the first release (when the second is the finally's, the first is the one to remove),
                // and whether the second is the first on another path (removing it would leak there).
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(ReleaseHint.VariableKey, name)
                    .Add(ReleaseHint.PathsKey, _paths.At(release, site.Kind, name));
                if (firstRelease != null)
                {
                    properties = properties.Add(ReleaseHint.FirstReleaseKey, firstRelease.Syntax.SpanStart.ToString(CultureInfo.InvariantCulture));
                }

                return Diagnostic.Create(Descriptors.ReleasedTwice, location, properties, Kind(site.Kind), name, string.Empty);
            });

        public void UsedAfterRelease(ResourceSite site, IOperation use, string name) =>
            Add(Descriptors.UsedAfterRelease, use.Syntax.GetLocation(), site.Id, location => Diagnostic.Create(Descriptors.UsedAfterRelease, location, Kind(site.Kind), name, string.Empty));

        // Whether the release is the right one on another path decides between removing it and guarding it.
        public void ReleaseNotHeld(string kind, IOperation release, string name, string why) =>
            Add(Descriptors.ReleaseNotHeld, release.Syntax.GetLocation(), -1, location => Diagnostic.Create(
                Descriptors.ReleaseNotHeld,
                location,
                ImmutableDictionary<string, string?>.Empty.Add(ReleaseHint.VariableKey, name).Add(ReleaseHint.PathsKey, _paths.At(release, kind, name)),
                Kind(kind), name, why));

        public void Discarded(ResourceSite site) =>
            Add(Descriptors.Discarded, site.Operation.Syntax.GetLocation(), site.Id, location => Diagnostic.Create(
                Descriptors.Discarded,
                location,
                ReleaseHint.For(_catalog, site.Operation, site.Kind, string.Empty),
                Kind(site.Kind), site.MemberName));

        public void Overwritten(ResourceSite site, IOperation assignment, string name) =>
            Add(Descriptors.OverwrittenWhileHeld, assignment.Syntax.GetLocation(), site.Id, location => Diagnostic.Create(
                Descriptors.OverwrittenWhileHeld,
                location,
                new[] { site.Operation.Syntax.GetLocation() },
                ReleaseHint.For(_catalog, site.Operation, site.Kind, name, _paths.Releases(site)).Add(ReleaseHint.PathsKey, _paths.At(assignment, site.Kind, name)),
                Kind(site.Kind), name, site.MemberName));

        // Kept until the body's analysis completes: a body that gives up reports nothing, stores included.
        public void FieldStored(ResourceSite site, IFieldSymbol field, IOperation assignment) =>
            _pendingStores.Add((field, Kind(site.Kind), assignment.Syntax.GetLocation()));

        /// <summary>Hands the body's field stores to the compilation's ledger, once its analysis completed.</summary>
        public void CommitFieldStores()
        {
            foreach (var (field, kind, location) in _pendingStores)
            {
                _fields.Stored(field, kind, location);
            }

            _pendingStores.Clear();
        }

        public void FieldReleased(IFieldSymbol field) => _fields.Released(field);

        public void FieldGivenTo(IFieldSymbol field, IMethodSymbol helper, int ordinal) => _fields.GivenTo(field, helper, ordinal);

        public void ParameterNotReleased(ResourceSite entry, Location exit, BranchNote? branch)
        {
            var parameter = entry.Parameter!;
            Add(Descriptors.AnnotationBroken, parameter.Locations.Length > 0 ? parameter.Locations[0] : exit, entry.Id, location => Diagnostic.Create(
                Descriptors.AnnotationBroken,
                location,
                new[] { exit },
                parameter.ContainingSymbol.Name,
                $"its [Releases(\"{entry.Kind}\")] parameter '{parameter.Name}' is not released on a path{branch?.Describe() ?? string.Empty}"));
        }

        public void AcquireNotHanded(IMethodSymbol member, ISymbol annotated, string kind, Location exit, string why) =>
            Add(Descriptors.AnnotationBroken, annotated.Locations.Length > 0 ? annotated.Locations[0] : exit, -2, location => Diagnostic.Create(
                Descriptors.AnnotationBroken,
                location,
                new[] { exit },
                MemberName(member),
                $"it is annotated [Acquires(\"{kind}\")] but {why}"));

        private static string Kind(string kind) => "'" + kind + "'";

        /// <summary>A member as messages name it: a getter by its property (<c>First</c>, <c>this[]</c>).</summary>
        private static string MemberName(IMethodSymbol member) =>
            member.AssociatedSymbol is IPropertySymbol property ? (property.IsIndexer ? "this[]" : property.Name) : member.Name;

        /// <summary>The first finding of a rule at a place, per reference, is kept; it is built when the body is done.</summary>
        private void Add(DiagnosticDescriptor rule, Location location, int site, Func<Location, Diagnostic> build)
        {
            var key = (rule.Id, location, site);
            if (!_diagnostics.ContainsKey(key))
            {
                _diagnostics.Add(key, () => build(location));
            }
        }
    }
}
