using System.Threading;

namespace Vfio
{
    /// <summary>
    /// A host device in an IOMMU group, as the driver core sees it: bound to vfio (a <c>struct vfio_device</c> of
    /// its group), bound to another driver, or driverless. Created bound to vfio by
    /// <see cref="VfioCore.AddDevice(string, int)"/>; rebinding it changes the viability of its group.
    /// </summary>
    /// <remarks>
    /// While bound to vfio the device holds one reference on its VFIO group (the group is created by the first
    /// vfio device of the IOMMU group and freed when its last reference is put). Unbinding never blocks: where the
    /// kernel's <c>vfio_unregister_group_dev</c> would sleep until the group leaves its container, the model
    /// refuses with <see cref="Errno.EBUSY"/> and changes nothing.
    /// </remarks>
    public sealed class VfioDevice
    {
        /// <summary>The driver name a vfio-bound device reports.</summary>
        public const string VfioDriverName = "vfio-pci";

        /// <summary>A stub driver that keeps its group viable (<c>vfio_driver_allowed</c>).</summary>
        public const string StubDriverName = "pci-stub";

        private string? _driver;

        internal VfioDevice(VfioCore core, string name, IommuGroup iommuGroup)
        {
            Core = core;
            Name = name;
            IommuGroup = iommuGroup;
        }

        /// <summary>The device's name (unique within its core).</summary>
        public string Name { get; }

        /// <summary>The IOMMU group the device belongs to; this never changes.</summary>
        public int IommuGroupId => IommuGroup.Id;

        /// <summary>Whether the device sits in a fake noiommu group (<see cref="VfioCore.AddNoIommuDevice(string, int)"/>).</summary>
        public bool IsNoIommu => IommuGroup.NoIommu;

        /// <summary>The bound driver: <see cref="VfioDriverName"/>, a host driver's name, or <c>null</c> when driverless.</summary>
        public string? Driver => Volatile.Read(ref _driver);

        /// <summary>Whether the device is bound to vfio (a member of its VFIO group's device list).</summary>
        public bool IsBoundToVfio => Driver == VfioDriverName;

        internal VfioCore Core { get; }

        internal IommuGroup IommuGroup { get; }

        /// <summary>The group reference the device holds while bound to vfio; guarded by the core's driver-core lock.</summary>
        internal VfioGroup? Group { get; set; }

        /// <summary><c>vfio_dev_viable</c>: driverless, bound to vfio, or bound to an allowed driver.</summary>
        internal bool IsViableMember
        {
            get
            {
                string? driver = Driver;
                return driver is null || driver == VfioDriverName || driver == StubDriverName;
            }
        }

        /// <summary>
        /// Unbinds the device from its driver. From vfio, the device leaves its VFIO group and puts the group
        /// reference it held (the group is freed if that was the last one).
        /// </summary>
        /// <exception cref="VfioException"><see cref="Errno.ENODEV"/> when no driver is bound; <see cref="Errno.EBUSY"/>
        /// when this is the group's last vfio device and the group is still attached to a container.</exception>
        public void Unbind() => Core.UnbindDevice(this);

        /// <summary>Binds the driverless device to vfio (<c>vfio_register_group_dev</c>), creating its VFIO group if there is none.</summary>
        /// <exception cref="VfioException"><see cref="Errno.EBUSY"/> when a driver is already bound.</exception>
        public void BindToVfio() => Core.BindDeviceToVfio(this);

        /// <summary>
        /// Binds the driverless device to a host driver. Any driver but <see cref="StubDriverName"/> makes the group
        /// non-viable, so that adding a container user (and with it every external-user acquire) fails with
        /// <see cref="Errno.EINVAL"/>.
        /// </summary>
        /// <exception cref="VfioException"><see cref="Errno.EBUSY"/> when a driver is already bound.</exception>
        /// <exception cref="System.InvalidOperationException">The group is in use (container users &gt; 0) and the driver is
        /// not allowed: the kernel stops the machine here (<c>BUG_ON</c>); the model refuses and changes nothing.</exception>
        public void BindToHostDriver(string driverName) => Core.BindDeviceToHostDriver(this, driverName);

        /// <summary>Sets the driver; the caller holds the core's driver-core lock.</summary>
        internal void SetDriver(string? driver) => Volatile.Write(ref _driver, driver);

        /// <inheritdoc/>
        public override string ToString() => $"{Name} (iommu group {IommuGroupId}, driver {Driver ?? "none"})";
    }
}
