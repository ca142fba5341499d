using System;

namespace Vfio
{
    /// <summary>The host side: devices, their IOMMU groups, and binding them to vfio or to other drivers.</summary>
    public sealed partial class VfioCore
    {
        private VfioDevice AddDeviceCore(string name, int iommuGroupId, bool noIommu)
        {
            Guard.NotNull(name, nameof(name));
            Guard.NotNegative(iommuGroupId, nameof(iommuGroupId));

            // Without noiommu mode a device with no IOMMU group cannot be registered (vfio_register_group_dev: -EINVAL).
            if (noIommu && !Options.EnableUnsafeNoIommuMode)
            {
                throw new VfioException(Errno.EINVAL, "unsafe noiommu mode is not enabled");
            }

            lock (_driverCoreLock)
            {
                if (_deviceNames.Contains(name))
                {
                    throw new ArgumentException($"A device named '{name}' already exists in this core.", nameof(name));
                }

                if (!_iommuGroups.TryGetValue(iommuGroupId, out IommuGroup? iommuGroup))
                {
                    iommuGroup = new IommuGroup(iommuGroupId, noIommu);
                    _iommuGroups.Add(iommuGroupId, iommuGroup);
                }
                else if (iommuGroup.NoIommu != noIommu)
                {
                    throw new VfioException(
                        Errno.EINVAL,
                        $"IOMMU group {iommuGroupId} is {(iommuGroup.NoIommu ? "a noiommu" : "an IOMMU")} group");
                }

                _deviceNames.Add(name);
                VfioDevice device = new VfioDevice(this, name, iommuGroup);
                iommuGroup.Add(device);
                RegisterGroupDevice(device);
                return device;
            }
        }

        internal void BindDeviceToVfio(VfioDevice device)
        {
            lock (_driverCoreLock)
            {
                if (device.Driver is not null)
                {
                    throw new VfioException(Errno.EBUSY, $"{device.Name} is already bound to {device.Driver}");
                }

                RegisterGroupDevice(device);
            }
        }

        internal void BindDeviceToHostDriver(VfioDevice device, string driverName)
        {
            Guard.NotNullOrEmpty(driverName, nameof(driverName));
            if (driverName == VfioDevice.VfioDriverName)
            {
                throw new ArgumentException($"Use {nameof(VfioDevice.BindToVfio)} to bind a device to vfio.", nameof(driverName));
            }

            lock (_driverCoreLock)
            {
                if (device.Driver is not null)
                {
                    throw new VfioException(Errno.EBUSY, $"{device.Name} is already bound to {device.Driver}");
                }

                // IOMMU_GROUP_NOTIFY_BOUND_DRIVER: BUG_ON(vfio_group_nb_verify(group, dev)) for a live group.
                VfioGroup? group = FindGroup(device.IommuGroupId);
                if (driverName != VfioDevice.StubDriverName && group is not null && group.ContainerUsers > 0)
                {
                    throw new InvalidOperationException(
                        $"Binding {device.Name} to {driverName} while {group} is in use breaks DMA isolation; " +
                        "the kernel stops the machine here (BUG_ON in vfio_iommu_group_notifier).");
                }

                device.SetDriver(driverName);
            }
        }

        internal void UnbindDevice(VfioDevice device)
        {
            lock (_driverCoreLock)
            {
                string? driver = device.Driver;
                if (driver is null)
                {
                    throw new VfioException(Errno.ENODEV, $"{device.Name} is not bound to a driver");
                }

                if (driver != VfioDevice.VfioDriverName)
                {
                    device.SetDriver(null);
                    return;
                }

                VfioGroup group = device.Group!;
                lock (group.ContainerLock)
                {
                    // vfio_unregister_group_dev waits for the last device's group to leave its container.
                    if (group.DeviceCount == 1 && group.Container is not null)
                    {
                        throw new VfioException(
                            Errno.EBUSY,
                            $"{device.Name} is the last device of {group}, which is still attached to a container " +
                            "(the kernel would sleep until it is released)");
                    }

                    group.DeviceCount--;
                }

                device.Group = null;
                device.SetDriver(null);

                // Matches the reference taken in RegisterGroupDevice.
                GroupPut(group);
            }
        }

        /// <summary>
        /// <c>vfio_register_group_dev</c>: finds or creates the VFIO group and moves that reference to the device.
        /// The caller holds the driver-core lock and has checked the device is driverless.
        /// </summary>
        private void RegisterGroupDevice(VfioDevice device)
        {
            VfioGroup group = GroupFindOrCreate(device.IommuGroup);
            group.DeviceCount++;
            device.Group = group;
            device.SetDriver(VfioDevice.VfioDriverName);
        }
    }
}
