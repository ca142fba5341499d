using System;
using System.Threading;

namespace Vfio
{
    /// <summary>
    /// An open group file (<c>/dev/vfio/N</c>), from <see cref="VfioCore.OpenGroup(int)"/>. It holds one reference on
    /// its group while open and, once a container is set, the container user that stands for the file.
    /// </summary>
    /// <remarks>
    /// Operations on one file are serialised with each other and with <see cref="Close"/>, so a close never runs
    /// in the middle of an ioctl or of <see cref="VfioCore.GetExternalUser(VfioGroupFile)"/> on the same file,
    /// as the kernel's file reference (<c>fdget</c>/<c>fput</c>) guarantees.
    /// </remarks>
    public sealed class VfioGroupFile : IDisposable
    {
        private readonly object _lock = new object();
        private VfioGroup? _group;

        /// <summary>Takes over the group reference and the <c>opened</c> mark that <see cref="VfioCore.OpenGroup(int)"/> acquired.</summary>
        internal VfioGroupFile(VfioCore core, VfioGroup group)
        {
            Core = core;
            GroupId = group.Id;
            _group = group;
        }

        /// <summary>The number of the group this file opened.</summary>
        public int GroupId { get; }

        /// <summary>Whether <see cref="Close"/> has been called.</summary>
        public bool IsClosed
        {
            get
            {
                lock (_lock)
                {
                    return _group is null;
                }
            }
        }

        internal VfioCore Core { get; }

        /// <summary>Serialises operations on the file; held while an operation reads <see cref="GroupOrNull"/>.</summary>
        internal object SyncRoot => _lock;

        /// <summary>The file's group (<c>private_data</c>), <c>null</c> once closed; read under <see cref="SyncRoot"/>.</summary>
        internal VfioGroup? GroupOrNull => _group;

        /// <summary><c>VFIO_GROUP_GET_STATUS</c>: whether the group is viable and whether a container is set.</summary>
        /// <exception cref="VfioException"><see cref="Errno.EBADF"/> when the file is closed.</exception>
        public VfioGroupStatus GetStatus()
        {
            lock (_lock)
            {
                VfioGroup group = _group ?? throw Closed();
                VfioGroupStatus status = VfioGroupStatus.None;
                if (group.IsViable)
                {
                    status |= VfioGroupStatus.Viable;
                }

                if (group.Container is not null)
                {
                    status |= VfioGroupStatus.ContainerSet;
                }

                return status;
            }
        }

        /// <summary>
        /// <c>VFIO_GROUP_SET_CONTAINER</c>: attaches the group to <paramref name="container"/> and sets its container
        /// users to 1 (the file's own).
        /// </summary>
        /// <exception cref="VfioException"><see cref="Errno.EBADF"/> when this file or the container is closed;
        /// <see cref="Errno.EINVAL"/> when the group already has a container (or container users), or the container
        /// belongs to another core; <see cref="Errno.EPERM"/> for a noiommu group without <c>CAP_SYS_RAWIO</c>, or when
        /// mixing noiommu and IOMMU groups in one container.</exception>
        public void SetContainer(VfioContainer container)
        {
            Guard.NotNull(container, nameof(container));
            lock (_lock)
            {
                VfioGroup group = _group ?? throw Closed();
                Core.SetContainer(group, container);
            }
        }

        /// <summary>
        /// <c>VFIO_GROUP_UNSET_CONTAINER</c>: detaches the group when the file is its container's only user.
        /// </summary>
        /// <exception cref="VfioException"><see cref="Errno.EBADF"/> when the file is closed; <see cref="Errno.EINVAL"/>
        /// when no container is set; <see cref="Errno.EBUSY"/> when other users (external users) hold the container.</exception>
        public void UnsetContainer()
        {
            lock (_lock)
            {
                VfioGroup group = _group ?? throw Closed();
                VfioCore.UnsetContainer(group);
            }
        }

        /// <summary>
        /// Closes the file (<c>vfio_group_fops_release</c>): clears <c>opened</c>, tries to dissolve the container (the
        /// file's container user), and puts the file's group reference. External users keep the group and its
        /// container.
        /// </summary>
        /// <exception cref="VfioException"><see cref="Errno.EBADF"/> when already closed.</exception>
        public void Close()
        {
            lock (_lock)
            {
                VfioGroup group = _group ?? throw Closed();
                _group = null;

                // The kernel clears opened between the dissolve and the put; clearing it first is not observable
                // (an open racing the close fails with EBUSY either way) and leaves the two releases last.
                Interlocked.Decrement(ref group.Opened);
                Core.TryDissolveContainer(group);
                Core.GroupPut(group);
            }
        }

        /// <summary>Closes the file if it is still open.</summary>
        public void Dispose()
        {
            lock (_lock)
            {
                if (_group is not null)
                {
                    Close();
                }
            }
        }

        /// <inheritdoc/>
        public override string ToString() => $"/dev/vfio/{GroupId}{(IsClosed ? " (closed)" : string.Empty)}";

        private static VfioException Closed() => new VfioException(Errno.EBADF, "the group file is closed");
    }
}
