using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// One path's knowledge: what each tracked place holds and what became of each acquired reference.
    /// Immutable; equal states are merged, which keeps the analysis linear on sequential code.
    /// </summary>
    internal sealed class FlowState : IEquatable<FlowState>
    {
        public static readonly FlowState Empty = new FlowState(new KeyValuePair<ValueKey, AbstractValue>[0], new ResourceStatus[0], null, null);

        // Both arrays are never written after construction: every change copies. A state holds a handful of places,
        // so a flat array is smaller and faster to search and copy than a hashed immutable map.
        private readonly KeyValuePair<ValueKey, AbstractValue>[] _values;
        private readonly ResourceStatus[] _statuses;
        private readonly IOperation?[]? _releasedBy;
        private int _hash;

        private FlowState(KeyValuePair<ValueKey, AbstractValue>[] values, ResourceStatus[] statuses, BranchNote? branch, IOperation?[]? releasedBy)
        {
            _values = values;
            _statuses = statuses;
            Branch = branch;
            _releasedBy = releasedBy;
        }

        /// <summary>Not part of equality: it only words messages.</summary>
        public BranchNote? Branch { get; }

        public Entries Values => new Entries(_values);

        public int ResourceCount => _statuses.Length;

        public AbstractValue Get(ValueKey key)
        {
            int index = IndexOf(_values, key);
            return index >= 0 ? _values[index].Value : AbstractValue.Unknown;
        }

        public bool Has(ValueKey key) => IndexOf(_values, key) >= 0;

        public FlowState With(ValueKey key, AbstractValue value)
        {
            var values = Set(_values, key, value);
            return ReferenceEquals(values, _values) ? this : new FlowState(values, _statuses, Branch, _releasedBy);
        }

        public FlowState Without(ValueKey key) => With(key, AbstractValue.Unknown);

        public ResourceStatus Status(int resource) => resource >= 0 && resource < _statuses.Length ? _statuses[resource] : ResourceStatus.None;

        public FlowState WithStatus(int resource, ResourceStatus status)
        {
            if (Status(resource) == status)
            {
                return this;
            }

            var statuses = new ResourceStatus[Math.Max(_statuses.Length, resource + 1)];
            Array.Copy(_statuses, statuses, _statuses.Length);
            statuses[resource] = status;
            return new FlowState(_values, statuses, Branch, _releasedBy);
        }

        // The note is not part of equality, so the hash carries over instead of being computed again.
        public FlowState WithBranch(BranchNote? branch) =>
            ReferenceEquals(branch, Branch) ? this : new FlowState(_values, _statuses, branch, _releasedBy) { _hash = _hash };

        /// <summary>Which release gave a resource back on this path: not part of equality, it only explains a second release.</summary>
        public IOperation? ReleasedBy(int resource) => _releasedBy != null && resource >= 0 && resource < _releasedBy.Length ? _releasedBy[resource] : null;

        public FlowState WithReleasedBy(int resource, IOperation release)
        {
            var releasedBy = new IOperation?[Math.Max(_releasedBy?.Length ?? 0, resource + 1)];
            _releasedBy?.CopyTo(releasedBy, 0);
            releasedBy[resource] = release;
            return new FlowState(_values, _statuses, Branch, releasedBy) { _hash = _hash };
        }

        /// <summary>Whether some place other than <paramref name="except"/> still refers to the resource.</summary>
        public bool IsReferencedElsewhere(int resource, ValueKey except)
        {
            foreach (var pair in _values)
            {
                if (pair.Value.Refers(resource) && !pair.Key.Equals(except))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The best name for the resource in a message: a named local or parameter that holds it, one that holds the
        /// reference itself before one that only carries it (a wrapper, a struct around it).
        /// </summary>
        public string? NameOf(int resource)
        {
            string? best = null;
            bool bestCarries = true;
            foreach (var pair in _values)
            {
                if (pair.Value.Refers(resource) && pair.Key.IsNamed)
                {
                    var name = pair.Key.Symbol!.Name;
                    bool carries = pair.Value.IsCarrier;
                    if (best == null || (bestCarries && !carries) || (bestCarries == carries && string.CompareOrdinal(name, best) < 0))
                    {
                        best = name;
                        bestCarries = carries;
                    }
                }
            }

            return best;
        }

        /// <summary>Replaces, in every place that refers to <paramref name="resource"/>, the whole value by what <paramref name="map"/> makes of it.</summary>
        public FlowState Rebind(int resource, Func<AbstractValue, AbstractValue> map)
        {
            var values = _values;
            foreach (var pair in _values)
            {
                if (pair.Value.Refers(resource))
                {
                    values = Set(values, pair.Key, map(pair.Value));
                }
            }

            return ReferenceEquals(values, _values) ? this : new FlowState(values, _statuses, Branch, _releasedBy);
        }

        /// <summary>Forgets places that pass out of scope.</summary>
        public FlowState WithoutAll(IEnumerable<ValueKey> keys)
        {
            var values = _values;
            foreach (var key in keys)
            {
                values = Set(values, key, AbstractValue.Unknown);
            }

            return ReferenceEquals(values, _values) ? this : new FlowState(values, _statuses, Branch, _releasedBy);
        }

        /// <summary>Forgets the places <paramref name="forget"/> picks; the same state when it picks none.</summary>
        public FlowState Forget(Func<ValueKey, AbstractValue, bool> forget) => Forget(forget, (pick, key, value) => pick(key, value));

        /// <summary>Forgets the places <paramref name="forget"/> picks with <paramref name="argument"/>, without a closure per call.</summary>
        private FlowState Forget<TArgument>(TArgument argument, Func<TArgument, ValueKey, AbstractValue, bool> forget)
        {
            // Counted first, then copied once into an array of the exact size: the picks are asked twice, which costs
            // less than a list and its copy (a state holds a handful of places).
            int dropped = 0;
            foreach (var pair in _values)
            {
                if (forget(argument, pair.Key, pair.Value))
                {
                    dropped++;
                }
            }

            if (dropped == 0)
            {
                return this;
            }

            var kept = new KeyValuePair<ValueKey, AbstractValue>[_values.Length - dropped];
            int k = 0;
            foreach (var pair in _values)
            {
                if (!forget(argument, pair.Key, pair.Value))
                {
                    kept[k++] = pair;
                }
            }

            return new FlowState(kept, _statuses, Branch, _releasedBy);
        }

        /// <summary>What is known of the members of <paramref name="from"/> now holds for <paramref name="to"/> (a struct copied, an initialised object stored).</summary>
        public FlowState CopyPaths(ValueKey from, ValueKey to)
        {
            var state = this;
            foreach (var pair in _values)
            {
                if (pair.Key.IsPath && pair.Key.Root.Equals(from))
                {
                    state = state.With(pair.Key.WithRoot(to), pair.Value);
                }
            }

            return state;
        }

        /// <summary>Forgets what is known of the members of <paramref name="root"/>: it leaves scope, or now refers to another object.</summary>
        public FlowState WithoutPathsOf(ValueKey root) => Forget(root, (of, key, _) => key.IsPath && key.Root.Equals(of));

        /// <summary>Whether every reference has the same fate in both states (what they know of places aside).</summary>
        public bool SameStatuses(FlowState other)
        {
            int count = Math.Max(_statuses.Length, other._statuses.Length);
            for (int i = 0; i < count; i++)
            {
                if (Status(i) != other.Status(i))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Keeps only what two states agree on, for the rare body whose paths outnumber the budget.</summary>
        public FlowState Generalize(FlowState other)
        {
            var values = new KeyValuePair<ValueKey, AbstractValue>[_values.Length];
            int count = 0;
            foreach (var pair in _values)
            {
                int theirs = IndexOf(other._values, pair.Key);
                if (theirs >= 0 && other._values[theirs].Value.Equals(pair.Value))
                {
                    values[count++] = pair;
                }
                else if (theirs >= 0 && pair.Value.TryJoinReference(other._values[theirs].Value, out var joined))
                {
                    // The same reference in the same place, null-tested on one path only: the place still holds it.
                    values[count++] = new KeyValuePair<ValueKey, AbstractValue>(pair.Key, joined);
                }
            }

            if (count < values.Length)
            {
                Array.Resize(ref values, count);
            }

            var statuses = new ResourceStatus[Math.Max(_statuses.Length, other._statuses.Length)];
            for (int i = 0; i < statuses.Length; i++)
            {
                var mine = Status(i);
                var theirs = other.Status(i);

                // Disagreement is resolved toward silence: a resource on which paths differ is no longer reported, nor
                // one held in both whose places disagree (no place would be left to release it through).
                statuses[i] = mine == theirs && !(mine == ResourceStatus.Held && LosesEveryPlace(i, values, other)) ? mine : ResourceStatus.Lost;
            }

            return new FlowState(values, statuses, Branch ?? other.Branch, _releasedBy ?? other._releasedBy);
        }

        /// <summary>Whether some place of either state referred to the resource and none of the kept places does.</summary>
        private bool LosesEveryPlace(int resource, KeyValuePair<ValueKey, AbstractValue>[] kept, FlowState other)
        {
            foreach (var pair in kept)
            {
                if (pair.Value.Refers(resource))
                {
                    return false;
                }
            }

            return IsReferencedElsewhere(resource, default) || other.IsReferencedElsewhere(resource, default);
        }

        public bool Equals(FlowState? other)
        {
            if (ReferenceEquals(this, other))
            {
                return true;
            }

            if (other is null || other.GetHashCode() != GetHashCode() || other._values.Length != _values.Length || !SameStatuses(other))
            {
                return false;
            }

            foreach (var pair in _values)
            {
                int theirs = IndexOf(other._values, pair.Key);
                if (theirs < 0 || !other._values[theirs].Value.Equals(pair.Value))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as FlowState);

        public override int GetHashCode()
        {
            if (_hash == 0)
            {
                int hash = 17;
                foreach (var pair in _values)
                {
                    // Order-independent: the order in which places were first written is not part of the state.
                    hash ^= (pair.Key.GetHashCode() * 31) + pair.Value.GetHashCode();
                }

                for (int i = 0; i < _statuses.Length; i++)
                {
                    if (_statuses[i] != ResourceStatus.None)
                    {
                        hash ^= (i + 1) * 7919 * ((int)_statuses[i] + 1);
                    }
                }

                _hash = hash == 0 ? 1 : hash;
            }

            return _hash;
        }

        private static int IndexOf(KeyValuePair<ValueKey, AbstractValue>[] values, ValueKey key)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i].Key.Equals(key))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>A copy with the place set (or removed, when nothing is known of it); the same array when nothing changes.</summary>
        private static KeyValuePair<ValueKey, AbstractValue>[] Set(KeyValuePair<ValueKey, AbstractValue>[] values, ValueKey key, AbstractValue value)
        {
            bool remove = value.Kind == ValueKind.Unknown && value.OriginField == null;
            int index = IndexOf(values, key);
            if (index < 0)
            {
                if (remove)
                {
                    return values;
                }

                var added = new KeyValuePair<ValueKey, AbstractValue>[values.Length + 1];
                Array.Copy(values, added, values.Length);
                added[values.Length] = new KeyValuePair<ValueKey, AbstractValue>(key, value);
                return added;
            }

            if (remove)
            {
                var removed = new KeyValuePair<ValueKey, AbstractValue>[values.Length - 1];
                Array.Copy(values, removed, index);
                Array.Copy(values, index + 1, removed, index, values.Length - index - 1);
                return removed;
            }

            if (values[index].Value.Equals(value))
            {
                return values;
            }

            var replaced = (KeyValuePair<ValueKey, AbstractValue>[])values.Clone();
            replaced[index] = new KeyValuePair<ValueKey, AbstractValue>(key, value);
            return replaced;
        }

        /// <summary>The places a state knows, enumerable without allocating.</summary>
        public readonly struct Entries : IEnumerable<KeyValuePair<ValueKey, AbstractValue>>
        {
            private readonly KeyValuePair<ValueKey, AbstractValue>[] _values;

            public Entries(KeyValuePair<ValueKey, AbstractValue>[] values) => _values = values;

            public int Count => _values.Length;

            public KeyValuePair<ValueKey, AbstractValue> this[int index] => _values[index];

            public Enumerator GetEnumerator() => new Enumerator(_values);

            IEnumerator<KeyValuePair<ValueKey, AbstractValue>> IEnumerable<KeyValuePair<ValueKey, AbstractValue>>.GetEnumerator() => ((IEnumerable<KeyValuePair<ValueKey, AbstractValue>>)_values).GetEnumerator();

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _values.GetEnumerator();

            public struct Enumerator
            {
                private readonly KeyValuePair<ValueKey, AbstractValue>[] _values;
                private int _index;

                public Enumerator(KeyValuePair<ValueKey, AbstractValue>[] values)
                {
                    _values = values;
                    _index = -1;
                }

                public KeyValuePair<ValueKey, AbstractValue> Current => _values[_index];

                public bool MoveNext() => ++_index < _values.Length;
            }
        }
    }
}
