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

            if (_states.Count >= Budget)
            {
                // Over budget: fold the newcomer into the last state instead of growing.
                var last = _states[_states.Count - 1];
                var folded = last.Generalize(state);
                if (folded.Equals(last))
                {
                    return false;
                }

                _states.RemoveAt(_states.Count - 1);
                if (!_states.Contains(folded))
                {
                    _states.Add(folded);
                }

                // The folded state replaces one that may have run: it runs again.
                _taken = System.Math.Min(_taken, _states.Count - 1);
                return true;
            }

            _states.Add(state);
            return true;
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
