using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using VfioAnalyzers.Flow;

namespace VfioAnalyzers.Reporting
{
    /// <summary>
    /// The states in which paths reach the places of one body (exits, scope ends, assignments, releases), kept until
    /// the body is analysed, and what they say about one variable at one place (<see cref="ReleaseHint.PathsKey"/>).
    /// Exit locations are found only when a diagnostic asks: finding an exit's syntax is not free.
    /// </summary>
    internal sealed class PathsThroughPlace
    {
        private static readonly string[] Order = { ReleaseHint.PathHeld, ReleaseHint.PathNull, ReleaseHint.PathFailed, ReleaseHint.PathReleased, ReleaseHint.PathOther };

        private readonly SiteRegistry _sites;
        private readonly List<(System.Func<Location> Exit, FlowState State)> _exits = new List<(System.Func<Location>, FlowState)>();
        private readonly Dictionary<IOperation, List<FlowState>> _operations = new Dictionary<IOperation, List<FlowState>>();
        private readonly List<(System.Func<Location> Jump, FlowState State)> _jumps = new List<(System.Func<Location>, FlowState)>();
        private Dictionary<Location, List<FlowState>>? _byExit;

        public PathsThroughPlace(SiteRegistry sites) => _sites = sites;

        public void AtExit(System.Func<Location> exit, FlowState state) => _exits.Add((exit, state));

        public void AtJump(System.Func<Location> jump, FlowState state) => _jumps.Add((jump, state));

        /// <summary>What the paths through each goto hold in <paramref name="variable"/>, as <see cref="ReleaseHint.JumpsKey"/>.</summary>
        public string Jumps(string kind, string variable) =>
            string.Join(";", _jumps.GroupBy(jump => jump.Jump().SourceSpan.Start)
                .OrderBy(jump => jump.Key)
                .Select(jump => jump.Key.ToString(CultureInfo.InvariantCulture) + ":" + Describe(jump.Select(j => j.State).ToList(), kind, variable)));

        public void At(IOperation place, FlowState state)
        {
            if (!_operations.TryGetValue(place, out var states))
            {
                states = new List<FlowState>();
                _operations.Add(place, states);
            }

            states.Add(state);
        }

        /// <summary>What the paths through the exit hold in <paramref name="variable"/> (a reference of <paramref name="kind"/>).</summary>
        public string AtExit(Location exit, string kind, string variable) =>
            Describe(ExitStates().TryGetValue(exit, out var states) ? states : new List<FlowState>(), kind, variable);

        /// <summary>What the paths through the operation hold in <paramref name="variable"/>.</summary>
        public string At(IOperation place, string kind, string variable) =>
            Describe(_operations.TryGetValue(place, out var states) ? states : new List<FlowState>(), kind, variable);

        /// <summary>Where the reference of <paramref name="site"/> was released, on the paths that reach an exit released.</summary>
        public string ReleasedBy(ResourceSite site) =>
            string.Join(",", Releases(site).Select(r => r.Syntax.SpanStart).Distinct().OrderBy(p => p).Select(p => p.ToString(CultureInfo.InvariantCulture)));

        /// <summary>The operations that released the reference of <paramref name="site"/>, in source order.</summary>
        public IReadOnlyList<IOperation> Releases(ResourceSite site) =>
            _exits.Where(exit => exit.State.Status(site.Id) == ResourceStatus.Released)
                .Select(exit => exit.State.ReleasedBy(site.Id))
                .OfType<IOperation>()
                .Distinct()
                .OrderBy(r => r.Syntax.SpanStart)
                .ToList();

        private Dictionary<Location, List<FlowState>> ExitStates()
        {
            if (_byExit == null)
            {
                _byExit = new Dictionary<Location, List<FlowState>>();
                foreach (var (exit, state) in _exits)
                {
                    var location = exit();
                    if (!_byExit.TryGetValue(location, out var states))
                    {
                        states = new List<FlowState>();
                        _byExit.Add(location, states);
                    }

                    states.Add(state);
                }
            }

            return _byExit;
        }

        private string Describe(List<FlowState> states, string kind, string variable)
        {
            var found = new HashSet<string>();
            foreach (var state in states)
            {
                found.Add(Classify(state, kind, variable));
            }

            return string.Join(",", Order.Where(found.Contains));
        }

        private string Classify(FlowState state, string kind, string variable)
        {
            var value = AbstractValue.Unknown;
            foreach (var pair in state.Values)
            {
                if (pair.Key.IsNamed && pair.Key.Symbol!.Name == variable && (pair.Key.Symbol is ILocalSymbol || pair.Key.Symbol is IParameterSymbol))
                {
                    value = pair.Value;
                    break;
                }
            }

            if (value.Kind == ValueKind.Null)
            {
                return ReleaseHint.PathNull;
            }

            if (!value.IsReference || value.IsCarrier)
            {
                return ReleaseHint.PathOther;
            }

            foreach (int resource in value.Resources)
            {
                var site = _sites[resource];
                if (!site.Matches(kind))
                {
                    continue;
                }

                switch (state.Status(resource))
                {
                    case ResourceStatus.Held:
                        return ReleaseHint.PathHeld;
                    case ResourceStatus.Released:
                        return ReleaseHint.PathReleased;
                    case ResourceStatus.NotHeld when !site.InPlace:
                        return ReleaseHint.PathFailed;
                }
            }

            return ReleaseHint.PathOther;
        }
    }
}
