namespace Vfio
{
    /// <summary>
    /// A registered IOMMU backend (<c>struct vfio_iommu_driver_ops</c>): how it answers
    /// <c>VFIO_CHECK_EXTENSION</c> and whether it opens for a requested type. The container keeps the selected
    /// driver; a driver itself holds no per-container state here.
    /// </summary>
    internal abstract class IommuDriver
    {
        /// <summary>Extension ids of <c>linux/vfio.h</c> that the backends answer.</summary>
        internal const long Type1Iommu = 1;
        internal const long DmaCcIommu = 4;
        internal const long Type1NestingIommu = 6;
        internal const long Type1v2Iommu = 3;
        internal const long NoIommuIommu = 8;
        internal const long UnmapAll = 9;
        internal const long UpdateVaddr = 10;

        /// <summary>Whether this is the noiommu backend (only noiommu containers use it, and it only them).</summary>
        public abstract bool IsNoIommu { get; }

        /// <summary>
        /// The driver's <c>ioctl(VFIO_CHECK_EXTENSION)</c>: &gt; 0 supported, 0 not.
        /// <paramref name="opened"/> is false when the core polls the driver with no container data (<c>iommu_data == NULL</c>).
        /// </summary>
        public abstract long CheckExtension(bool opened, long extension);

        /// <summary>The driver's <c>open(arg)</c>: <see cref="Errno.None"/> when it accepts the type.</summary>
        public abstract Errno Open(long type);
    }

    /// <summary>
    /// <c>vfio_iommu_type1</c> as of Linux 5.15. The modelled hardware has cache-coherent IOMMU domains, so
    /// <c>VFIO_DMA_CC_IOMMU</c> answers 1 once the backend is open for a container.
    /// </summary>
    internal sealed class Type1IommuDriver : IommuDriver
    {
        public override bool IsNoIommu => false;

        public override long CheckExtension(bool opened, long extension)
        {
            switch (extension)
            {
                case Type1Iommu:
                case Type1v2Iommu:
                case Type1NestingIommu:
                case UnmapAll:
                case UpdateVaddr:
                    return 1;
                case DmaCcIommu:
                    return opened ? 1 : 0;
                default:
                    return 0;
            }
        }

        public override Errno Open(long type)
        {
            switch (type)
            {
                case Type1Iommu:
                case Type1v2Iommu:
                case Type1NestingIommu:
                    return Errno.None;
                default:
                    return Errno.EINVAL;
            }
        }
    }

    /// <summary><c>vfio_noiommu_ops</c>: answers only <c>VFIO_NOIOMMU_IOMMU</c>, and only in unsafe noiommu mode.</summary>
    internal sealed class NoIommuDriver : IommuDriver
    {
        private readonly bool _enabled;
        private readonly bool _callerHasRawIo;

        public NoIommuDriver(bool enabled, bool callerHasRawIo)
        {
            _enabled = enabled;
            _callerHasRawIo = callerHasRawIo;
        }

        public override bool IsNoIommu => true;

        public override long CheckExtension(bool opened, long extension) =>
            _enabled && extension == NoIommuIommu ? 1 : 0;

        public override Errno Open(long type)
        {
            if (type != NoIommuIommu)
            {
                return Errno.EINVAL;
            }

            return _callerHasRawIo ? Errno.None : Errno.EPERM;
        }
    }
}
