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

        private readonly List<FlowState> _states = new List<FlowState>();
        private readonly HashSet<FlowState> _index = new HashSet<FlowState>();

        public IReadOnlyList<FlowState> States => _states;

        public int Count => _states.Count;

        /// <summary>Adds a state; answers whether the set changed.</summary>
        public bool Add(FlowState state)
        {
            if (_index.Contains(state))
            {
                return false;
            }

            if (_states.Count >= Budget)
            {
                // Over budget: fold the newcomer into the last state instead of growing.
                var last = _states[_states.Count - 1];
                var folded = last.Generalize(state);
                if (folded.Equals(last))
                {
                    return false;
                }

                _index.Remove(last);
                _states[_states.Count - 1] = folded;
                if (!_index.Add(folded))
                {
                    _states.RemoveAt(_states.Count - 1);
                }

                return true;
            }

            _states.Add(state);
            _index.Add(state);
            return true;
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
