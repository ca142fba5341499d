using System.Collections.Generic;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// The states reaching one point: a set of paths, merged when equal and generalized past a budget,
    /// so that the work per block stays bounded whatever the shape of the body.
    /// </summary>
    internal sealed class StateSet
    {
        public const int Budget = 12;

        // At most Budget states: a scan (hash first) finds a duplicate as fast as a hash set would, without one.
        private readonly List<FlowState> _states = new List<FlowState>(2);

        // States before this index have been processed already: a block visited again runs only what is new.
        private int _taken;

        // One state of each kind (the fate of every reference) merged past the budget: later paths of a kind join the merge.
        private List<FlowState>? _mergedKinds;

        public int Count => _states.Count;

        /// <summary>Whether the owning run has this block in its worklist.</summary>
        public bool Pending { get; set; }

        /// <summary>How many times the owning run has processed this block.</summary>
        public int Visits { get; set; }

        /// <summary>Adds a state; answers whether the set changed.</summary>
        public bool Add(FlowState state)
        {
            if (_states.Contains(state))
            {
                return false;
            }

            if (IsMergedKind(state))
            {
                // Its kind was merged past the budget already: it joins the merge, which only forgets more, so a
                // loop that keeps bringing paths of that kind settles instead of refilling the set and merging again.
                return MergeAgreeing(state, newcomer: state);
            }

            if (_states.Count >= Budget)
            {
                return Widen(state);
            }

            _states.Add(state);
            return true;
        }

        /// <summary>
        /// Past the budget, paths that agree on the fate of every reference become one, which keeps what they all agree
        /// on: the newcomer joins the states it agrees with, or else the largest such group is merged to make room for
        /// it. A reference held on some paths is thus never merged with the paths that do not hold it (which would
        /// silence it) while room can be made otherwise.
        /// </summary>
        private bool Widen(FlowState state)
        {
            foreach (var existing in _states)
            {
                if (existing.SameStatuses(state))
                {
                    return MergeAgreeing(state, newcomer: state);
                }
            }

            var crowded = MostCrowded();
            if (crowded == null)
            {
                // Every state settles a different fate: the newcomer is folded into the last, disagreements silenced.
                return FoldIntoLast(state);
            }

            // Room is made for the newcomer, which has not run whatever the merge gave.
            MergeAgreeing(crowded, newcomer: null);
            return AddUnlessPresent(state);
        }

        /// <summary>
        /// Replaces the states that agree with <paramref name="like"/> (and the newcomer, if any) by one keeping what
        /// they agree on; answers whether that state still has to run. <paramref name="like"/> is the newcomer or a
        /// state of the set, so the group is never empty.
        /// </summary>
        private bool MergeAgreeing(FlowState like, FlowState? newcomer)
        {
            FlowState? merged = newcomer;
            List<FlowState>? processed = null;
            int kept = 0;
            int keptProcessed = 0;
            for (int i = 0; i < _states.Count; i++)
            {
                var existing = _states[i];
                if (existing.SameStatuses(like))
                {
                    merged = merged == null ? existing : merged.Generalize(existing);
                    if (i < _taken)
                    {
                        (processed ??= new List<FlowState>(1)).Add(existing);
                    }

                    continue;
                }

                // The states already run stay first: they are a prefix of the list, in order.
                _states[kept++] = existing;
                if (i < _taken)
                {
                    keptProcessed++;
                }
            }

            _states.RemoveRange(kept, _states.Count - kept);
            _taken = keptProcessed;
            if (!IsMergedKind(like))
            {
                (_mergedKinds ??= new List<FlowState>(1)).Add(like);
            }

            if (processed != null)
            {
                foreach (var run in processed)
                {
                    if (run.Equals(merged))
                    {
                        // A path already run covers them all: nothing new to run.
                        _states.Insert(_taken++, run);
                        return false;
                    }
                }
            }

            // Silencing a reference can make the merged state equal to one outside the group.
            return AddUnlessPresent(merged!);
        }

        /// <summary>Adds a state not in the set; one already there needs to run only if it has not.</summary>
        private bool AddUnlessPresent(FlowState state)
        {
            int at = _states.IndexOf(state);
            if (at >= 0)
            {
                return at >= _taken;
            }

            _states.Add(state);
            return true;
        }

        /// <summary>Whether paths of the state's kind (the fate of every reference) were merged past the budget before.</summary>
        private bool IsMergedKind(FlowState state)
        {
            if (_mergedKinds == null)
            {
                return false;
            }

            foreach (var kind in _mergedKinds)
            {
                if (kind.SameStatuses(state))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A state of the largest group that agrees on every reference's fate, when some group has two or more.</summary>
        private FlowState? MostCrowded()
        {
            FlowState? crowded = null;
            int most = 1;
            foreach (var candidate in _states)
            {
                int agreeing = 0;
                foreach (var other in _states)
                {
                    if (other.SameStatuses(candidate))
                    {
                        agreeing++;
                    }
                }

                if (agreeing > most)
                {
                    most = agreeing;
                    crowded = candidate;
                }
            }

            return crowded;
        }

        private bool FoldIntoLast(FlowState state)
        {
            var last = _states[_states.Count - 1];
            var folded = last.Generalize(state);
            if (folded.Equals(last))
            {
                return false;
            }

            // The folded state replaces one that may have run: it runs unless a state already run covers it.
            _states.RemoveAt(_states.Count - 1);
            _taken = System.Math.Min(_taken, _states.Count);
            return AddUnlessPresent(folded);
        }

        /// <summary>Copies the states added since the last call into <paramref name="buffer"/>, for the block's next run.</summary>
        public void TakeNew(List<FlowState> buffer)
        {
            _taken = System.Math.Max(_taken, 0);
            for (int i = _taken; i < _states.Count; i++)
            {
                buffer.Add(_states[i]);
            }

            _taken = _states.Count;
        }

        public bool AddRange(IEnumerable<FlowState> states)
        {
            bool changed = false;
            foreach (var state in states)
            {
                changed |= Add(state);
            }

            return changed;
        }
    }
}
