namespace Vfio
{
    /// <summary>
    /// IOMMU backend types for <see cref="VfioContainer.SetIommu(VfioIommuType)"/>. Each value is also the
    /// extension id that <see cref="VfioContainer.CheckExtension(long)"/> and
    /// <see cref="VfioCore.ExternalCheckExtension(VfioGroup, long)"/> answer for it, as in <c>linux/vfio.h</c>.
    /// </summary>
    public enum VfioIommuType
    {
        /// <summary><c>VFIO_TYPE1_IOMMU</c> (1): the type1 backend.</summary>
        Type1 = 1,

        /// <summary><c>VFIO_TYPE1v2_IOMMU</c> (3): the type1 backend, version 2 semantics.</summary>
        Type1v2 = 3,

        /// <summary><c>VFIO_NOIOMMU_IOMMU</c> (8): the unsafe no-IOMMU backend, for noiommu containers only.</summary>
        NoIommu = 8,
    }
}
