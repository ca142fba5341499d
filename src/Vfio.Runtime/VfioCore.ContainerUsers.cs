using System.Threading;
using Vfio.Annotations;

namespace Vfio
{
    /// <summary>
    /// The group's container-users counter (<c>container_users</c>) and its primitives, kind
    /// <c>"vfio-container-user"</c>: <see cref="AddContainerUser"/> acquires when it returns <c>true</c>,
    /// <see cref="TryDissolveContainer"/> releases; the last user detaches the group from its container.
    /// </summary>
    public sealed partial class VfioCore
    {
        /// <summary>The reference kind of the container-users counter.</summary>
        internal const string ContainerUserKind = "vfio-container-user";

        /// <summary>
        /// <c>vfio_group_add_container_user</c>: +1 only if already &gt; 0 (else <see cref="Errno.EINVAL"/>); then
        /// <see cref="Errno.EPERM"/> for a noiommu group, <see cref="Errno.EINVAL"/> when the container has no IOMMU
        /// backend or the group is not viable. Every failure undoes its own +1 and returns <c>false</c>.
        /// </summary>
        /// <remarks>
        /// The kernel undoes with a bare <c>atomic_dec</c>; if a concurrent release dropped every other user in
        /// between, that leaves the group attached with no users. The model undoes like a dissolve, so whoever
        /// drops the last user detaches the group.
        /// </remarks>
        internal bool AddContainerUser([Acquires(ContainerUserKind)] VfioGroup group, out Errno error)
        {
            // atomic_inc_not_zero
            int users = Volatile.Read(ref group.ContainerUsersCount);
            while (true)
            {
                if (users <= 0)
                {
                    error = Errno.EINVAL;
                    return false;
                }

                int seen = Interlocked.CompareExchange(ref group.ContainerUsersCount, users + 1, users);
                if (seen == users)
                {
                    break;
                }

                users = seen;
            }

            if (group.NoIommu)
            {
                DropContainerUser(group);
                error = Errno.EPERM;
                return false;
            }

            // The +1 keeps the group attached, so the container is stable here.
            VfioContainer? container = group.Container;
            if (container is null || !container.HasBackend || !group.IsViable)
            {
                DropContainerUser(group);
                error = Errno.EINVAL;
                return false;
            }

            error = Errno.None;
            return true;
        }

        /// <summary>
        /// <c>vfio_group_try_dissolve_container</c>: −1 if &gt; 0; at 0 the group leaves its container (and a
        /// container with no groups left drops its backend). Without container users it does nothing.
        /// </summary>
        internal void TryDissolveContainer([Releases(ContainerUserKind)] VfioGroup group)
        {
            DropContainerUser(group);
        }

        /// <summary>
        /// <c>__vfio_group_unset_container</c>: detaches the group, whose container users just reached 0, and drops
        /// the container reference the group held. The caller holds the group's container lock.
        /// </summary>
        private static void DetachFromContainerLocked(VfioGroup group)
        {
            VfioContainer container = group.Container!;
            container.DetachGroup(group);
        }

        /// <summary><c>atomic_dec_if_positive</c>, and the detach when it reaches 0.</summary>
        private static void DropContainerUser(VfioGroup group)
        {
            int users = Volatile.Read(ref group.ContainerUsersCount);
            while (true)
            {
                if (users <= 0)
                {
                    return;
                }

                int seen = Interlocked.CompareExchange(ref group.ContainerUsersCount, users - 1, users);
                if (seen == users)
                {
                    break;
                }

                users = seen;
            }

            if (users == 1)
            {
                lock (group.ContainerLock)
                {
                    DetachFromContainerLocked(group);
                }
            }
        }
    }
}
