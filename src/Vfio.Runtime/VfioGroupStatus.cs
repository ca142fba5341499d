using System;

namespace Vfio
{
    /// <summary>The flags of <c>VFIO_GROUP_GET_STATUS</c>, answered by <see cref="VfioGroupFile.GetStatus"/>.</summary>
    [Flags]
    public enum VfioGroupStatus
    {
        /// <summary>Neither flag.</summary>
        None = 0,

        /// <summary><c>VFIO_GROUP_FLAGS_VIABLE</c>: every device of the IOMMU group is bound to vfio, driverless, or bound to an allowed stub driver.</summary>
        Viable = 1,

        /// <summary><c>VFIO_GROUP_FLAGS_CONTAINER_SET</c>: the group is attached to a container.</summary>
        ContainerSet = 2,
    }
}
