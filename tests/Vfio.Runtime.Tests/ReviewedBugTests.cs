using Vfio;
using Xunit;

namespace Vfio.Runtime.Tests
{
    /// <summary>
    /// The bug the review found in <c>vfio_group_get_external_user_from_dev</c>: the group reference is taken
    /// first, so a failure of the container-user step must put it.
    /// </summary>
    public sealed class ReviewedBugTests
    {
        public static TheoryData<string> ContainerUserFailures => new TheoryData<string>
        {
            "no container set",
            "container without IOMMU backend",
            "group not viable",
            "noiommu group",
            "group file closed",
        };

        [Theory]
        [MemberData(nameof(ContainerUserFailures))]
        public void When_the_container_user_step_fails_no_group_reference_remains(string name)
        {
            FailureCase failure = FailureCase.Create(name);
            VfioGroup group = failure.Core.FindGroup(failure.Device.IommuGroupId)!;
            int references = group.RefCount;
            int containerUsers = group.ContainerUsers;

            VfioException thrown = Assert.Throws<VfioException>(() => failure.Core.GetExternalUserFromDev(failure.Device));
            Assert.False(failure.Core.TryGetExternalUserFromDev(failure.Device, out _, out Errno error));

            Assert.Equal(failure.Expected, thrown.Errno);
            Assert.Equal(failure.Expected, error);
            Assert.Equal(references, group.RefCount);
            Assert.Equal(containerUsers, group.ContainerUsers);
            failure.AssertNothingHeldOrChanged();
        }

        [Fact]
        public void After_the_failure_the_group_is_freed_once_its_last_device_leaves()
        {
            // Had the failure leaked its reference, the group would outlive every holder.
            VfioCore core = new VfioCore();
            VfioDevice device = core.AddDevice("0000:0a:00.0", 10);
            VfioGroup group = core.FindGroup(10)!;

            Assert.False(core.TryGetExternalUserFromDev(device, out _, out Errno error));
            device.Unbind();

            Assert.Equal(Errno.EINVAL, error);
            Assert.True(group.IsReleased);
            Assert.Null(core.FindGroup(10));
            Assert.Equal(Errno.ENODEV, Assert.Throws<VfioException>(() => core.OpenGroup(10)).Errno);
        }

        [Fact]
        public void The_unfixed_sequence_leaks_exactly_one_group_reference()
        {
            // The pre-review code, written with the runtime's own primitives: group from device, then the
            // container user, and return the error without putting the group.
            VfioCore core = new VfioCore();
            VfioDevice device = core.AddDevice("0000:0b:00.0", 11);
            VfioGroup group = core.FindGroup(11)!;
            int references = group.RefCount;

            VfioGroup? found = core.GroupFromDevice(device);
            Assert.NotNull(found);
            Assert.False(core.AddContainerUser(found, out Errno error));

            Assert.Equal(Errno.EINVAL, error);
            Assert.Equal(references + 1, group.RefCount);

            device.Unbind();
            Assert.False(group.IsReleased);
            Assert.Same(group, core.FindGroup(11));

            core.GroupPut(found);
            Assert.True(group.IsReleased);
        }
    }
}
