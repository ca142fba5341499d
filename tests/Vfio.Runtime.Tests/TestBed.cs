using Vfio;

namespace Vfio.Runtime.Tests
{
    /// <summary>A group ready for external users: one vfio device, its group file open and attached to a container with a backend.</summary>
    internal sealed class ReadyGroup
    {
        public ReadyGroup(VfioCore core, int groupId = 1, VfioIommuType type = VfioIommuType.Type1)
        {
            Core = core;
            Device = core.AddDevice($"0000:{groupId:x2}:00.0", groupId);
            File = core.OpenGroup(groupId);
            Container = core.OpenContainer();
            File.SetContainer(Container);
            Container.SetIommu(type);
        }

        public VfioCore Core { get; }

        public VfioDevice Device { get; }

        public VfioGroupFile File { get; }

        public VfioContainer Container { get; }

        /// <summary>The group now (internal view).</summary>
        public VfioGroup Group => Core.FindGroup(Device.IommuGroupId)!;
    }

    /// <summary>The counts of a group that an acquire or put may change.</summary>
    internal readonly record struct GroupState(int RefCount, int ContainerUsers, int ExternalUsers, bool Opened, VfioContainer? Container)
    {
        public static GroupState Of(VfioGroup group) =>
            new GroupState(group.RefCount, group.ContainerUsers, group.ExternalUsers, group.IsOpened, group.Container);
    }

    /// <summary>The state of a container that a put may change.</summary>
    internal readonly record struct ContainerState(int RefCount, int GroupCount, VfioIommuType? Backend)
    {
        public static ContainerState Of(VfioContainer container) =>
            new ContainerState(container.RefCount, container.GroupCount, container.Backend);
    }
}
