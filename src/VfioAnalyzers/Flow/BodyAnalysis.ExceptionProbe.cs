using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// Whether a call's exception path can matter before the call is judged: judging a call in the compilation reads
    /// its body and its callees' bodies, while most calls that run holding a reference sit in a try whose finally
    /// gives it back. The finally regions on the way out are run silently on the state first; only when a reference
    /// is still held after them, or they found anything, is the call judged (and the path then run for real).
    /// </summary>
    internal sealed partial class BodyAnalysis
    {
        // Per innermost region and state: the answer, the states the finally regions leave, and the branch note of the
        // state that first ran them (notes are not part of state equality, as in ApplyFinally).
        private Dictionary<(ControlFlowRegion, FlowState), (bool Needed, List<FlowState> After, BranchNote? InputBranch)>? _probes;

        /// <summary>
        /// False when no enclosing catch exists (the caller checked) and the finally regions on the way out leave no
        /// reference whose exception paths count, finding nothing: the path would report nothing whatever the verdict.
        /// </summary>
        private bool NeedsVerdict(FlowState state, SyntaxNode raising)
        {
            var region = _block?.EnclosingRegion;
            if (region == null || !IsInTryOf(region, ControlFlowRegionKind.TryAndFinally))
            {
                return true;
            }

            _probes ??= new Dictionary<(ControlFlowRegion, FlowState), (bool, List<FlowState>, BranchNote?)>();
            if (!_probes.TryGetValue((region, state), out var probe))
            {
                probe = Probe(region, state);
                _probes.Add((region, state), probe);
            }

            if (!probe.Needed)
            {
                // What a judged path would note at its exit, so that a fix sees every path through this call the same.
                foreach (var after in probe.After)
                {
                    _sink.PathAtExit(raising.GetLocation, ReferenceEquals(after.Branch, probe.InputBranch) ? after.WithBranch(state.Branch) : after);
                }
            }

            return probe.Needed;
        }

        private (bool Needed, List<FlowState> After, BranchNote? InputBranch) Probe(ControlFlowRegion innermost, FlowState state)
        {
            var found = new FindingProbe(_sink);
            var silent = new BodyAnalysis(_context, _graph, _owner, _promise, found, _collectExits, _depth)
            {
                // A handler outside the finally regions receives into this run, which is never drained.
                _run = new RegionRun(_graph.Root, parent: null),
            };

            var states = new List<FlowState>(1) { state };
            try
            {
                for (var region = innermost; region != null; region = Outer(region))
                {
                    if (region.Kind == ControlFlowRegionKind.Try && region.EnclosingRegion!.Kind == ControlFlowRegionKind.TryAndFinally)
                    {
                        states = silent.ApplyFinally(region.EnclosingRegion.NestedRegions[1], states);
                    }
                }
            }
            catch (GiveUpException)
            {
                return (true, new List<FlowState>(), state.Branch);
            }

            return (found.Found || states.Any(HoldsCountedKind), states, state.Branch);
        }
    }
}
