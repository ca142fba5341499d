namespace Vfio
{
    /// <summary>How a <see cref="VfioCore"/> is configured: the host's module parameter and the caller's privilege.</summary>
    public sealed class VfioCoreOptions
    {
        /// <summary>
        /// The <c>enable_unsafe_noiommu_mode</c> module parameter. When set, <see cref="VfioCore.AddNoIommuDevice(string, int)"/>
        /// may create noiommu groups and the noiommu backend answers <see cref="VfioIommuType.NoIommu"/>. Default: <c>false</c>.
        /// </summary>
        public bool EnableUnsafeNoIommuMode { get; init; }

        /// <summary>
        /// Whether the caller has <c>CAP_SYS_RAWIO</c>, which noiommu groups require (open, set container, the noiommu backend).
        /// Default: <c>false</c>.
        /// </summary>
        public bool CallerHasRawIo { get; init; }
    }
}
