using System;
using System.Collections.Generic;
using System.Threading;

namespace Vfio
{
    /// <summary>
    /// A VFIO container (<c>/dev/vfio/vfio</c>, <c>struct vfio_container</c>): an IOMMU context that groups are
    /// attached to, with an IOMMU backend once one is selected.
    /// </summary>
    /// <remarks>
    /// The container object lives while its file is open or any group is attached (a <c>kref</c>); after
    /// <see cref="Close"/> the attached groups keep using it. Detaching its last group drops the backend.
    /// File operations on one container are serialised; the group list is guarded by a reader/writer lock
    /// (the kernel's <c>group_lock</c> rw_semaphore).
    /// </remarks>
    public sealed class VfioContainer : IDisposable
    {
        private readonly object _fileLock = new object();
        private readonly ReaderWriterLockSlim _groupLock = new ReaderWriterLockSlim(LockRecursionPolicy.NoRecursion);
        private readonly List<VfioGroup> _groups = new List<VfioGroup>();
        private bool _closed;
        private IommuDriver? _driver;
        private long _iommuType;
        private bool _noIommu;
        private int _kref = 1;

        internal VfioContainer(VfioCore core)
        {
            Core = core;
        }

        /// <summary>Whether <see cref="Close"/> has been called.</summary>
        public bool IsClosed
        {
            get
            {
                lock (_fileLock)
                {
                    return _closed;
                }
            }
        }

        internal VfioCore Core { get; }

        /// <summary>Whether an IOMMU backend is selected; read without the lock, as the kernel reads <c>iommu_driver</c>.</summary>
        internal bool HasBackend => Volatile.Read(ref _driver) is not null;

        /// <summary>The selected backend type, or <c>null</c> (diagnostic).</summary>
        internal VfioIommuType? Backend
        {
            get
            {
                _groupLock.EnterReadLock();
                try
                {
                    return _driver is null ? null : (VfioIommuType)_iommuType;
                }
                finally
                {
                    _groupLock.ExitReadLock();
                }
            }
        }

        /// <summary>The number of attached groups (diagnostic).</summary>
        internal int GroupCount
        {
            get
            {
                _groupLock.EnterReadLock();
                try
                {
                    return _groups.Count;
                }
                finally
                {
                    _groupLock.ExitReadLock();
                }
            }
        }

        /// <summary>The container's reference count: the open file plus each attached group (diagnostic).</summary>
        internal int RefCount => Volatile.Read(ref _kref);

        /// <summary>
        /// <c>VFIO_SET_IOMMU</c>: selects the backend for the attached groups. The first registered backend of
        /// the container's kind (noiommu or not) that answers the type as an extension and opens for it wins.
        /// </summary>
        /// <exception cref="VfioException"><see cref="Errno.EBADF"/> when the container is closed;
        /// <see cref="Errno.EINVAL"/> when no group is attached, a backend is already selected, or the backend
        /// refuses the type; <see cref="Errno.ENODEV"/> when no backend answers the type;
        /// <see cref="Errno.EPERM"/> for the noiommu backend without <c>CAP_SYS_RAWIO</c>.</exception>
        public void SetIommu(VfioIommuType type)
        {
            lock (_fileLock)
            {
                if (_closed)
                {
                    throw new VfioException(Errno.EBADF, "the container file is closed");
                }

                Errno error = SetIommuCore((long)type);
                if (error != Errno.None)
                {
                    throw new VfioException(error, $"cannot select IOMMU backend {type}");
                }
            }
        }

        /// <summary>
        /// <c>VFIO_CHECK_EXTENSION</c> on the container: asks the selected backend, or with none selected the
        /// registered backends (of the container's kind once a group is attached), whether an extension is
        /// supported. &gt; 0 yes, 0 no.
        /// </summary>
        /// <exception cref="VfioException"><see cref="Errno.EBADF"/> when the container is closed.</exception>
        public long CheckExtension(long extension)
        {
            lock (_fileLock)
            {
                if (_closed)
                {
                    throw new VfioException(Errno.EBADF, "the container file is closed");
                }

                return CheckExtensionCore(extension);
            }
        }

        /// <summary>
        /// Closes the container file (<c>vfio_fops_release</c>): drops the file's reference. Attached groups keep
        /// the container and its backend.
        /// </summary>
        /// <exception cref="VfioException"><see cref="Errno.EBADF"/> when already closed.</exception>
        public void Close()
        {
            lock (_fileLock)
            {
                if (_closed)
                {
                    throw new VfioException(Errno.EBADF, "the container file is already closed");
                }

                _closed = true;
                Put();
            }
        }

        /// <summary>Closes the container file if it is still open.</summary>
        public void Dispose()
        {
            lock (_fileLock)
            {
                if (!_closed)
                {
                    Close();
                }
            }
        }

        /// <summary>
        /// The container side of <c>vfio_group_set_container</c> after the file was found: refuses to mix noiommu
        /// and IOMMU groups, attaches the group and takes a container reference for it.
        /// The caller holds the group's <see cref="VfioGroup.ContainerLock"/>.
        /// </summary>
        internal Errno AttachGroupThroughFile(VfioGroup group)
        {
            lock (_fileLock)
            {
                if (_closed)
                {
                    return Errno.EBADF;
                }

                _groupLock.EnterWriteLock();
                try
                {
                    if (_groups.Count > 0 && _noIommu != group.NoIommu)
                    {
                        return Errno.EPERM;
                    }

                    // A selected backend attaches the group; both modelled backends accept a group of their kind.
                    group.Container = this;
                    _noIommu = group.NoIommu;
                    _groups.Add(group);
                    Interlocked.Increment(ref _kref);
                    return Errno.None;
                }
                finally
                {
                    _groupLock.ExitWriteLock();
                }
            }
        }

        /// <summary>
        /// <c>__vfio_group_unset_container</c>, container side: detaches the group, drops the backend when no group
        /// is left, and puts the group's container reference. The caller holds the group's <see cref="VfioGroup.ContainerLock"/>.
        /// </summary>
        internal void DetachGroup(VfioGroup group)
        {
            _groupLock.EnterWriteLock();
            try
            {
                group.Container = null;
                _groups.Remove(group);

                // Detaching the last group deprivileges a container: remove the backend.
                if (_driver is not null && _groups.Count == 0)
                {
                    Volatile.Write(ref _driver, null);
                    _iommuType = 0;
                }
            }
            finally
            {
                _groupLock.ExitWriteLock();
            }

            Put();
        }

        /// <summary><c>vfio_ioctl_check_extension</c>.</summary>
        internal long CheckExtensionCore(long extension)
        {
            _groupLock.EnterReadLock();
            try
            {
                IommuDriver? selected = _driver;
                if (selected is not null)
                {
                    return selected.CheckExtension(opened: true, extension);
                }

                long answer = 0;
                foreach (IommuDriver driver in Core.IommuDrivers)
                {
                    if (_groups.Count > 0 && _noIommu != driver.IsNoIommu)
                    {
                        continue;
                    }

                    answer = driver.CheckExtension(opened: false, extension);
                    if (answer > 0)
                    {
                        break;
                    }
                }

                return answer;
            }
            finally
            {
                _groupLock.ExitReadLock();
            }
        }

        private Errno SetIommuCore(long type)
        {
            _groupLock.EnterWriteLock();
            try
            {
                if (_groups.Count == 0 || _driver is not null)
                {
                    return Errno.EINVAL;
                }

                Errno result = Errno.ENODEV;
                foreach (IommuDriver driver in Core.IommuDrivers)
                {
                    // Only noiommu containers use the noiommu backend, and it only them.
                    if (_noIommu != driver.IsNoIommu)
                    {
                        continue;
                    }

                    if (driver.CheckExtension(opened: false, type) <= 0)
                    {
                        continue;
                    }

                    result = driver.Open(type);
                    if (result != Errno.None)
                    {
                        continue;
                    }

                    // Attaching the groups to the backend always succeeds in the model.
                    _iommuType = type;
                    Volatile.Write(ref _driver, driver);
                    break;
                }

                return result;
            }
            finally
            {
                _groupLock.ExitWriteLock();
            }
        }

        /// <summary><c>vfio_container_put</c>: the file and each attached group hold one reference.</summary>
        private void Put()
        {
            if (Interlocked.Decrement(ref _kref) < 0)
            {
                throw new InvalidOperationException("VFIO container reference count underflow.");
            }
        }
    }
}
