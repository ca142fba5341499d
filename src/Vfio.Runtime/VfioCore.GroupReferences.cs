using System;
using System.Threading;
using Vfio.Annotations;

namespace Vfio
{
    /// <summary>
    /// The group's reference count (<c>kref</c>) and its primitives, kind <c>"vfio-group-ref"</c>:
    /// <see cref="GroupGet"/>, <see cref="GroupFromId"/>, <see cref="GroupFromDevice"/> and
    /// <see cref="GroupFindOrCreate"/> acquire, <see cref="GroupPut"/> releases.
    /// </summary>
    public sealed partial class VfioCore
    {
        /// <summary>The reference kind of the group's reference count.</summary>
        internal const string GroupRefKind = "vfio-group-ref";

        /// <summary><c>vfio_group_get</c>: the caller already holds a reference (or the group-list lock).</summary>
        internal void GroupGet([Acquires(GroupRefKind)] VfioGroup group)
        {
            if (Interlocked.Increment(ref group.Kref) <= 1)
            {
                Interlocked.Decrement(ref group.Kref);
                throw new InvalidOperationException($"{group}: reference taken on a group that was already freed.");
            }
        }

        /// <summary>
        /// <c>vfio_group_put</c> (<c>kref_put_mutex</c> on <c>vfio.group_lock</c>): drops one reference; the last one
        /// frees the group and removes it from the core under the group-list lock.
        /// </summary>
        internal void GroupPut([Releases(GroupRefKind)] VfioGroup group)
        {
            // Fast path: drop a reference that is not the last without the lock.
            int count = Volatile.Read(ref group.Kref);
            while (count > 1)
            {
                int seen = Interlocked.CompareExchange(ref group.Kref, count - 1, count);
                if (seen == count)
                {
                    return;
                }

                count = seen;
            }

            lock (_groupLock)
            {
                int left = Interlocked.Decrement(ref group.Kref);
                if (left < 0)
                {
                    Interlocked.Increment(ref group.Kref);
                    throw new InvalidOperationException($"{group}: reference count underflow.");
                }

                if (left == 0 && _groups.TryGetValue(group.Id, out VfioGroup? listed) && ReferenceEquals(listed, group))
                {
                    // vfio_group_release
                    _groups.Remove(group.Id);
                }
            }
        }

        /// <summary><c>vfio_group_get_from_minor</c>: the group numbered <paramref name="iommuGroupId"/> with a reference, or <c>null</c>.</summary>
        [Acquires(GroupRefKind)]
        internal VfioGroup? GroupFromId(int iommuGroupId)
        {
            lock (_groupLock)
            {
                if (!_groups.TryGetValue(iommuGroupId, out VfioGroup? group))
                {
                    return null;
                }

                Interlocked.Increment(ref group.Kref);
                return group;
            }
        }

        /// <summary>
        /// <c>vfio_group_get_from_dev</c>: the VFIO group of the device's IOMMU group with a reference, or <c>null</c>
        /// when there is none (no vfio device registered it, or the device belongs to another core).
        /// </summary>
        [Acquires(GroupRefKind)]
        internal VfioGroup? GroupFromDevice(VfioDevice device)
        {
            if (device.Core != this)
            {
                return null;
            }

            lock (_groupLock)
            {
                if (!_groups.TryGetValue(device.IommuGroupId, out VfioGroup? group) || group.IommuGroup != device.IommuGroup)
                {
                    return null;
                }

                Interlocked.Increment(ref group.Kref);
                return group;
            }
        }

        /// <summary>
        /// <c>vfio_group_get_from_iommu</c>, else <c>vfio_create_group</c>: the VFIO group of an IOMMU group with a
        /// reference, created (with its first reference) when there is none.
        /// </summary>
        [Acquires(GroupRefKind)]
        private VfioGroup GroupFindOrCreate(IommuGroup iommuGroup)
        {
            lock (_groupLock)
            {
                if (_groups.TryGetValue(iommuGroup.Id, out VfioGroup? group))
                {
                    Interlocked.Increment(ref group.Kref);
                    return group;
                }

                group = new VfioGroup(this, iommuGroup);
                _groups.Add(iommuGroup.Id, group);
                return group;
            }
        }
    }
}
