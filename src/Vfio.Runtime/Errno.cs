namespace Vfio
{
    /// <summary>
    /// The Linux error numbers that the VFIO model reports, with their Linux values
    /// (the kernel returns them negated, as <c>ERR_PTR(-EINVAL)</c> and the like).
    /// </summary>
    public enum Errno
    {
        /// <summary>No error: the value of the <c>error</c> result of a <c>Try...</c> member that succeeded.</summary>
        None = 0,

        /// <summary>Operation not permitted: a noiommu group without <c>CAP_SYS_RAWIO</c>, or noiommu and IOMMU groups mixed in one container.</summary>
        EPERM = 1,

        /// <summary>Bad file descriptor: an operation on a group file or container file that has been closed.</summary>
        EBADF = 9,

        /// <summary>Device or resource busy: the group file is already open, its container is still in use, or a driver is already bound.</summary>
        EBUSY = 16,

        /// <summary>No such device: no VFIO group for that IOMMU group or device, or no IOMMU backend for the requested type.</summary>
        ENODEV = 19,

        /// <summary>Invalid argument: not a group file of this core, no container or no IOMMU backend, a non-viable group, and the like.</summary>
        EINVAL = 22,
    }
}
