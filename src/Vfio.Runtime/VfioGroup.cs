using System.Threading;

namespace Vfio
{
    /// <summary>
    /// A VFIO group (<c>struct vfio_group</c>): the VFIO side of one IOMMU group. External users hold it through
    /// <see cref="VfioCore.GetExternalUser(VfioGroupFile)"/> and its variants and give it back with
    /// <see cref="VfioCore.PutExternalUser(VfioGroup)"/>.
    /// </summary>
    /// <remarks>
    /// The object stays valid as a value after the group is freed (its last reference put); a group created
    /// later for the same IOMMU group id is a different object, as in the kernel.
    /// </remarks>
    public sealed class VfioGroup
    {
        /// <summary><c>kref</c>: lookups, each bound vfio device, an open group file and each external user hold one.</summary>
        internal int Kref = 1;

        /// <summary><c>container_users</c>: 0 without a container; 1 for the group file once a container is set; +1 per external user.</summary>
        internal int ContainerUsersCount;

        /// <summary><c>opened</c>: 1 while the group file is open.</summary>
        internal int Opened;

        /// <summary>External-user references held now; guarded by the core's leak-record lock.</summary>
        internal int ExternalUserCount;

        /// <summary>Vfio devices of the group (<c>dev_counter</c>); guarded by the core's driver-core lock.</summary>
        internal int DeviceCount;

        /// <summary>
        /// Serialises attaching and detaching the container (set, unset, the last dissolve) for this group,
        /// as later kernels do with <c>group_rwsem</c>; taken before the container's lock.
        /// </summary>
        internal readonly object ContainerLock = new object();

        private VfioContainer? _container;

        internal VfioGroup(VfioCore core, IommuGroup iommuGroup)
        {
            Core = core;
            IommuGroup = iommuGroup;
        }

        /// <summary>The IOMMU group id, which is also the group's number under <c>/dev/vfio/</c>.</summary>
        public int Id => IommuGroup.Id;

        /// <summary>The external-user references held on this group now.</summary>
        public int ExternalUsers => Volatile.Read(ref ExternalUserCount);

        internal VfioCore Core { get; }

        internal IommuGroup IommuGroup { get; }

        internal bool NoIommu => IommuGroup.NoIommu;

        /// <summary>The container the group is attached to; written under <see cref="ContainerLock"/> and the container's lock.</summary>
        internal VfioContainer? Container
        {
            get => Volatile.Read(ref _container);
            set => Volatile.Write(ref _container, value);
        }

        /// <summary>The reference count now (diagnostic).</summary>
        internal int RefCount => Volatile.Read(ref Kref);

        /// <summary>The container-users counter now (diagnostic).</summary>
        internal int ContainerUsers => Volatile.Read(ref ContainerUsersCount);

        /// <summary>Whether the group file is open now (diagnostic).</summary>
        internal bool IsOpened => Volatile.Read(ref Opened) != 0;

        /// <summary>Whether the last reference has been put and the group freed (diagnostic).</summary>
        internal bool IsReleased => Volatile.Read(ref Kref) == 0;

        /// <summary><c>vfio_group_viable</c>.</summary>
        internal bool IsViable => IommuGroup.IsViable;

        /// <inheritdoc/>
        public override string ToString() => $"vfio group {Id}";
    }
}
