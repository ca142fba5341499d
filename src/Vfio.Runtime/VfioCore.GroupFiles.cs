using System.Threading;

namespace Vfio
{
    /// <summary>The group file: open, and the set/unset container ioctls (close is <see cref="VfioGroupFile.Close"/>).</summary>
    public sealed partial class VfioCore
    {
        /// <summary>
        /// Opens the group file <c>/dev/vfio/<paramref name="iommuGroupId"/></c> (<c>vfio_group_fops_open</c>): takes a
        /// group reference that the file holds until it is closed.
        /// </summary>
        /// <exception cref="VfioException"><see cref="Errno.ENODEV"/> when there is no such VFIO group;
        /// <see cref="Errno.EPERM"/> for a noiommu group without <c>CAP_SYS_RAWIO</c>; <see cref="Errno.EBUSY"/> when the
        /// file is already open, or a container is still attached from a previous open (held by external users).</exception>
        public VfioGroupFile OpenGroup(int iommuGroupId)
        {
            VfioGroup? group = GroupFromId(iommuGroupId);
            if (group is null)
            {
                throw new VfioException(Errno.ENODEV, $"no VFIO group {iommuGroupId}");
            }

            if (group.NoIommu && !Options.CallerHasRawIo)
            {
                GroupPut(group);
                throw new VfioException(Errno.EPERM, $"vfio group {iommuGroupId} is a noiommu group and the caller lacks CAP_SYS_RAWIO");
            }

            // Do we need multiple instances of the group open? Seems not.
            if (Interlocked.CompareExchange(ref group.Opened, 1, 0) != 0)
            {
                GroupPut(group);
                throw new VfioException(Errno.EBUSY, $"vfio group {iommuGroupId} is already open");
            }

            // Is something still in use from a previous open?
            if (group.Container is not null)
            {
                Interlocked.Decrement(ref group.Opened);
                GroupPut(group);
                throw new VfioException(Errno.EBUSY, $"vfio group {iommuGroupId} is still attached to a container from a previous open");
            }

            return new VfioGroupFile(this, group);
        }

        /// <summary><c>vfio_group_set_container</c>; the caller holds the file's lock and checked it is open.</summary>
        internal void SetContainer(VfioGroup group, VfioContainer container)
        {
            lock (group.ContainerLock)
            {
                // A detach still pending from the last dissolve counts as a container in use.
                if (Volatile.Read(ref group.ContainerUsersCount) != 0 || group.Container is not null)
                {
                    throw new VfioException(Errno.EINVAL, $"{group} already has a container");
                }

                if (group.NoIommu && !Options.CallerHasRawIo)
                {
                    throw new VfioException(Errno.EPERM, $"{group} is a noiommu group and the caller lacks CAP_SYS_RAWIO");
                }

                if (container.Core != this)
                {
                    // The file is not this core's /dev/vfio/vfio (f_op != &vfio_fops).
                    throw new VfioException(Errno.EINVAL, "the container belongs to another VFIO core");
                }

                Errno error = container.AttachGroupThroughFile(group);
                if (error != Errno.None)
                {
                    throw new VfioException(
                        error,
                        error == Errno.EBADF ? "the container file is closed" : "noiommu and IOMMU groups cannot share a container");
                }

                // The group file's own container user.
                Interlocked.Increment(ref group.ContainerUsersCount);
            }
        }

        /// <summary>
        /// <c>vfio_group_unset_container</c>: only the 1 → 0 transition is valid (the file is the only user).
        /// The caller holds the file's lock and checked it is open.
        /// </summary>
        internal static void UnsetContainer(VfioGroup group)
        {
            lock (group.ContainerLock)
            {
                int users = Interlocked.CompareExchange(ref group.ContainerUsersCount, 0, 1);
                if (users == 0)
                {
                    throw new VfioException(Errno.EINVAL, $"{group} has no container");
                }

                if (users != 1)
                {
                    throw new VfioException(Errno.EBUSY, $"{group}'s container has {users - 1} other user(s)");
                }

                DetachFromContainerLocked(group);
            }
        }
    }
}
