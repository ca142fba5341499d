using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// One path's knowledge: what each tracked place holds and what became of each acquired reference.
    /// Immutable; equal states are merged, which keeps the analysis linear on sequential code.
    /// </summary>
    internal sealed class FlowState : IEquatable<FlowState>
    {
        public static readonly FlowState Empty = new FlowState(ImmutableDictionary<ValueKey, AbstractValue>.Empty, ImmutableArray<ResourceStatus>.Empty, null, null);

        private readonly ImmutableDictionary<ValueKey, AbstractValue> _values;
        private readonly ImmutableArray<ResourceStatus> _statuses;
        private readonly ImmutableDictionary<int, IOperation>? _releasedBy;
        private int _hash;

        private FlowState(ImmutableDictionary<ValueKey, AbstractValue> values, ImmutableArray<ResourceStatus> statuses, BranchNote? branch, ImmutableDictionary<int, IOperation>? releasedBy)
        {
            _values = values;
            _statuses = statuses;
            Branch = branch;
            _releasedBy = releasedBy;
        }

        /// <summary>Not part of equality: it only words messages.</summary>
        public BranchNote? Branch { get; }

        public IEnumerable<KeyValuePair<ValueKey, AbstractValue>> Values => _values;

        public int ResourceCount => _statuses.Length;

        public AbstractValue Get(ValueKey key) => _values.TryGetValue(key, out var value) ? value : AbstractValue.Unknown;

        public bool Has(ValueKey key) => _values.ContainsKey(key);

        public FlowState With(ValueKey key, AbstractValue value)
        {
            var values = value.Kind == ValueKind.Unknown && value.OriginField == null ? _values.Remove(key) : _values.SetItem(key, value);
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

            var builder = _statuses.ToBuilder();
            while (builder.Count <= resource)
            {
                builder.Add(ResourceStatus.None);
            }

            builder[resource] = status;
            return new FlowState(_values, builder.ToImmutable(), Branch, _releasedBy);
        }

        // The note is not part of equality, so the hash carries over instead of being computed again.
        public FlowState WithBranch(BranchNote? branch) =>
            ReferenceEquals(branch, Branch) ? this : new FlowState(_values, _statuses, branch, _releasedBy) { _hash = _hash };

        /// <summary>Which release gave a resource back on this path: not part of equality, it only explains a second release.</summary>
        public IOperation? ReleasedBy(int resource) => _releasedBy != null && _releasedBy.TryGetValue(resource, out var release) ? release : null;

        public FlowState WithReleasedBy(int resource, IOperation release) =>
            new FlowState(_values, _statuses, Branch, (_releasedBy ?? ImmutableDictionary<int, IOperation>.Empty).SetItem(resource, release)) { _hash = _hash };

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

        /// <summary>The best name for the resource in a message: a named local or parameter that holds it.</summary>
        public string? NameOf(int resource)
        {
            string? best = null;
            foreach (var pair in _values)
            {
                if (pair.Value.Refers(resource) && pair.Key.IsNamed)
                {
                    var name = pair.Key.Symbol!.Name;
                    if (best == null || string.CompareOrdinal(name, best) < 0)
                    {
                        best = name;
                    }
                }
            }

            return best;
        }

        /// <summary>Replaces, in every place that refers to <paramref name="resource"/>, the whole value by what <paramref name="map"/> makes of it.</summary>
        public FlowState Rebind(int resource, System.Func<AbstractValue, AbstractValue> map)
        {
            var values = _values;
            foreach (var pair in _values)
            {
                if (pair.Value.Refers(resource))
                {
                    var replacement = map(pair.Value);
                    values = replacement.Kind == ValueKind.Unknown && replacement.OriginField == null ? values.Remove(pair.Key) : values.SetItem(pair.Key, replacement);
                }
            }

            return ReferenceEquals(values, _values) ? this : new FlowState(values, _statuses, Branch, _releasedBy);
        }

        /// <summary>Forgets places that pass out of scope.</summary>
        public FlowState WithoutAll(IEnumerable<ValueKey> keys)
        {
            var values = _values.RemoveRange(keys);
            return ReferenceEquals(values, _values) ? this : new FlowState(values, _statuses, Branch, _releasedBy);
        }

        /// <summary>Keeps only what two states agree on, for the rare body whose paths outnumber the budget.</summary>
        public FlowState Generalize(FlowState other)
        {
            var values = ImmutableDictionary.CreateBuilder<ValueKey, AbstractValue>();
            foreach (var pair in _values)
            {
                if (other._values.TryGetValue(pair.Key, out var theirs) && theirs.Equals(pair.Value))
                {
                    values.Add(pair);
                }
            }

            int count = Math.Max(_statuses.Length, other._statuses.Length);
            var statuses = ImmutableArray.CreateBuilder<ResourceStatus>(count);
            for (int i = 0; i < count; i++)
            {
                var mine = Status(i);
                var theirs = other.Status(i);

                // Disagreement is resolved toward silence: a resource on which paths differ is no longer reported.
                statuses.Add(mine == theirs ? mine : ResourceStatus.Lost);
            }

            return new FlowState(values.ToImmutable(), statuses.MoveToImmutable(), Branch ?? other.Branch, _releasedBy ?? other._releasedBy);
        }

        public bool Equals(FlowState? other)
        {
            if (ReferenceEquals(this, other))
            {
                return true;
            }

            if (other is null || other.GetHashCode() != GetHashCode() || other._values.Count != _values.Count)
            {
                return false;
            }

            int count = Math.Max(_statuses.Length, other._statuses.Length);
            for (int i = 0; i < count; i++)
            {
                if (Status(i) != other.Status(i))
                {
                    return false;
                }
            }

            foreach (var pair in _values)
            {
                if (!other._values.TryGetValue(pair.Key, out var theirs) || !theirs.Equals(pair.Value))
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
                    // Order-independent: the dictionary's enumeration order is not part of the state.
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
    }
}
