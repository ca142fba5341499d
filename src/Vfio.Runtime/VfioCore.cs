using System;
using System.Collections.Generic;

namespace Vfio
{
    /// <summary>
    /// One VFIO subsystem instance: its groups, containers, registered IOMMU backends and the host devices it
    /// knows, modelled on <c>drivers/vfio/vfio.c</c> of Linux 5.7 to 5.15. There is no global state: objects of
    /// another core are refused (<see cref="Errno.EINVAL"/>, or <see cref="Errno.ENODEV"/> for devices).
    /// </summary>
    /// <remarks>
    /// Every member is thread-safe. Locks, from outermost to innermost: a group file's lock; the driver-core lock
    /// (device binding); a group's container lock; a container file's lock; the container's group lock
    /// (reader/writer); the group-list lock (<c>vfio.group_lock</c>) and the leak-record lock. Reference counts
    /// and counters are atomics (<see cref="System.Threading.Interlocked"/>), as in the kernel.
    /// </remarks>
    public sealed partial class VfioCore
    {
        /// <summary><c>vfio.group_lock</c>: guards <see cref="_groups"/>; a group's last put happens under it.</summary>
        private readonly object _groupLock = new object();

        /// <summary><c>vfio.group_list</c>, by IOMMU group id.</summary>
        private readonly Dictionary<int, VfioGroup> _groups = new Dictionary<int, VfioGroup>();

        /// <summary>Serialises device creation and driver binding, as the host's driver core does.</summary>
        private readonly object _driverCoreLock = new object();

        /// <summary>The host's IOMMU groups, by id; guarded by <see cref="_driverCoreLock"/>.</summary>
        private readonly Dictionary<int, IommuGroup> _iommuGroups = new Dictionary<int, IommuGroup>();

        /// <summary>Device names in use; guarded by <see cref="_driverCoreLock"/>.</summary>
        private readonly HashSet<string> _deviceNames = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Creates a core with default options: no noiommu mode, an unprivileged caller.</summary>
        public VfioCore()
            : this(new VfioCoreOptions())
        {
        }

        /// <summary>Creates a core with <paramref name="options"/>.</summary>
        public VfioCore(VfioCoreOptions options)
        {
            Guard.NotNull(options, nameof(options));
            Options = options;

            // vfio.iommu_drivers_list in the order the kernel walks it: vfio_iommu_type1 registers after the
            // core's noiommu driver and list_add puts it first. The noiommu driver is registered whenever the
            // kernel is built with it and answers only in unsafe noiommu mode.
            IommuDrivers = new IommuDriver[]
            {
                new Type1IommuDriver(),
                new NoIommuDriver(options.EnableUnsafeNoIommuMode, options.CallerHasRawIo),
            };
        }

        /// <summary>The options the core was created with.</summary>
        public VfioCoreOptions Options { get; }

        /// <summary>The registered IOMMU backends, in the order the core polls them.</summary>
        internal IReadOnlyList<IommuDriver> IommuDrivers { get; }

        /// <summary>Opens a new container (<c>/dev/vfio/vfio</c>): no groups, no IOMMU backend.</summary>
        public VfioContainer OpenContainer() => new VfioContainer(this);

        /// <summary>
        /// Adds a host device in IOMMU group <paramref name="iommuGroupId"/> and binds it to vfio; the VFIO group is
        /// created on first use and the device holds a reference on it while bound.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="name"/> is already used by a device of this core.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="iommuGroupId"/> is negative.</exception>
        /// <exception cref="VfioException"><see cref="Errno.EINVAL"/> when the IOMMU group is a noiommu group.</exception>
        public VfioDevice AddDevice(string name, int iommuGroupId) => AddDeviceCore(name, iommuGroupId, noIommu: false);

        /// <summary>
        /// Adds a host device without an IOMMU and binds it to vfio in a fake noiommu group numbered
        /// <paramref name="iommuGroupId"/> (<c>vfio_iommu_group_get</c> in unsafe noiommu mode). Only callers with
        /// <see cref="VfioCoreOptions.CallerHasRawIo"/> can open such a group, and it never gets an external user
        /// (<see cref="Errno.EPERM"/>).
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="name"/> is already used by a device of this core.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="iommuGroupId"/> is negative.</exception>
        /// <exception cref="VfioException"><see cref="Errno.EINVAL"/> when <see cref="VfioCoreOptions.EnableUnsafeNoIommuMode"/>
        /// is off, or the IOMMU group is a real one.</exception>
        public VfioDevice AddNoIommuDevice(string name, int iommuGroupId) => AddDeviceCore(name, iommuGroupId, noIommu: true);

        /// <summary>The VFIO group of an IOMMU group id now, without a reference (diagnostic).</summary>
        internal VfioGroup? FindGroup(int iommuGroupId)
        {
            lock (_groupLock)
            {
                return _groups.TryGetValue(iommuGroupId, out VfioGroup? group) ? group : null;
            }
        }
    }
}
