using System;
using System.Threading;

namespace Vfio
{
    /// <summary>
    /// The host's IOMMU group (<c>struct iommu_group</c>): every device in it, whatever driver it is bound to.
    /// Devices are only ever added, under the core's driver-core lock; readers take a snapshot without a lock,
    /// as the kernel walks the group with <c>READ_ONCE(dev-&gt;driver)</c>.
    /// </summary>
    internal sealed class IommuGroup
    {
        private VfioDevice[] _devices = Array.Empty<VfioDevice>();

        public IommuGroup(int id, bool noIommu)
        {
            Id = id;
            NoIommu = noIommu;
        }

        /// <summary>The IOMMU group id (<c>iommu_group_id</c>), also the VFIO group's number.</summary>
        public int Id { get; }

        /// <summary>A fake group that vfio created for a device without an IOMMU (unsafe noiommu mode).</summary>
        public bool NoIommu { get; }

        /// <summary>
        /// <c>vfio_group_viable</c>: every device is driverless, bound to vfio, or bound to an allowed driver.
        /// </summary>
        public bool IsViable
        {
            get
            {
                foreach (VfioDevice device in Volatile.Read(ref _devices))
                {
                    if (!device.IsViableMember)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>Adds a device; the caller holds the core's driver-core lock.</summary>
        public void Add(VfioDevice device)
        {
            VfioDevice[] current = _devices;
            VfioDevice[] next = new VfioDevice[current.Length + 1];
            Array.Copy(current, next, current.Length);
            next[current.Length] = device;
            Volatile.Write(ref _devices, next);
        }
    }
}
