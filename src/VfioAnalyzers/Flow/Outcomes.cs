using System.Collections.Generic;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// The ways an operation can come out. Almost every operation has exactly one, held inline: a list is only
    /// allocated when paths split, which keeps the transfer of ordinary code free of allocations of its own.
    /// </summary>
    /// <remarks>A mutable struct: keep it in a local, and pass it by <c>ref</c> to anything that adds to it.</remarks>
    internal struct Outcomes
    {
        private Outcome _first;
        private List<Outcome>? _more;

        public int Count { get; private set; }

        public Outcome this[int index]
        {
            get => index == 0 ? _first : _more![index - 1];
            set
            {
                if (index == 0)
                {
                    _first = value;
                }
                else
                {
                    _more![index - 1] = value;
                }
            }
        }

        public static Outcomes One(FlowState state, AbstractValue value)
        {
            var outcomes = default(Outcomes);
            outcomes.Add(new Outcome(state, value));
            return outcomes;
        }

        public void Add(Outcome outcome)
        {
            if (Count == 0)
            {
                _first = outcome;
            }
            else
            {
                (_more ??= new List<Outcome>(2)).Add(outcome);
            }

            Count++;
        }

        public void AddRange(Outcomes outcomes)
        {
            for (int i = 0; i < outcomes.Count; i++)
            {
                Add(outcomes[i]);
            }
        }

        /// <summary>Each outcome replaced by what <paramref name="map"/> makes of it.</summary>
        public Outcomes Map(System.Func<Outcome, Outcome> map)
        {
            var mapped = default(Outcomes);
            for (int i = 0; i < Count; i++)
            {
                mapped.Add(map(this[i]));
            }

            return mapped;
        }

        public Enumerator GetEnumerator() => new Enumerator(this);

        public struct Enumerator
        {
            private readonly Outcomes _outcomes;
            private int _index;

            public Enumerator(Outcomes outcomes)
            {
                _outcomes = outcomes;
                _index = -1;
            }

            public Outcome Current => _outcomes[_index];

            public bool MoveNext() => ++_index < _outcomes.Count;
        }
    }
}
