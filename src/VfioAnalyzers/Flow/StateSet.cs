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

        // States before this index have been processed already: a block visited again runs only what is new.
        private int _taken;

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

                // The folded state replaces one that may have run: it runs again.
                _taken = System.Math.Min(_taken, _states.Count - 1);
                return true;
            }

            _states.Add(state);
            _index.Add(state);
            return true;
        }

        /// <summary>The states added since the last call, for the block's next run.</summary>
        public List<FlowState> TakeNew()
        {
            _taken = System.Math.Max(_taken, 0);
            var fresh = _states.GetRange(_taken, _states.Count - _taken);
            _taken = _states.Count;
            return fresh;
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
