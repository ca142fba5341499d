using System;
using Vfio;
using Xunit;

namespace Vfio.Runtime.Tests
{
    /// <summary><c>vfio_group_get_external_user_from_dev</c>: from a device, for trusted code.</summary>
    public sealed class GetExternalUserFromDevTests
    {
        [Fact]
        public void Success_finds_the_devices_group_and_holds_one_external_user()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            GroupState before = GroupState.Of(ready.Group);

            VfioGroup group = ready.Core.GetExternalUserFromDev(ready.Device);

            Assert.Same(ready.Group, group);
            Assert.Equal(before with { RefCount = before.RefCount + 1, ContainerUsers = before.ContainerUsers + 1, ExternalUsers = 1 }, GroupState.Of(group));

            ready.Core.PutExternalUser(group);
            Assert.Equal(before, GroupState.Of(group));
        }

        [Fact]
        public void A_device_unbound_from_vfio_still_finds_its_group_while_the_group_exists()
        {
            // vfio_group_get_from_dev goes through the IOMMU group, not the device's driver.
            VfioCore core = new VfioCore();
            VfioDevice unbound = core.AddDevice("0000:02:00.1", 2);
            ReadyGroup ready = new ReadyGroup(core, groupId: 2);
            unbound.Unbind();

            Assert.True(core.TryGetExternalUserFromDev(unbound, out VfioGroup? group, out Errno error));

            Assert.Equal(Errno.None, error);
            Assert.Same(ready.Group, group);
            core.PutExternalUser(group);
            core.AssertNoLeaks();
        }

        [Theory]
        [MemberData(nameof(FailureCase.DeviceCases), MemberType = typeof(FailureCase))]
        public void Throwing_variant_fails_with_the_kernels_errno_and_holds_nothing(string name)
        {
            FailureCase failure = FailureCase.Create(name);

            VfioException thrown = Assert.Throws<VfioException>(() => failure.Core.GetExternalUserFromDev(failure.Device));

            Assert.Equal(failure.Expected, thrown.Errno);
            failure.AssertNothingHeldOrChanged();
        }

        [Theory]
        [MemberData(nameof(FailureCase.DeviceCases), MemberType = typeof(FailureCase))]
        public void Try_variant_returns_false_null_and_the_kernels_errno_and_holds_nothing(string name)
        {
            FailureCase failure = FailureCase.Create(name);

            bool acquired = failure.Core.TryGetExternalUserFromDev(failure.Device, out VfioGroup? group, out Errno error);

            Assert.False(acquired);
            Assert.Null(group);
            Assert.Equal(failure.Expected, error);
            failure.AssertNothingHeldOrChanged();
        }

        [Fact]
        public void A_null_device_is_an_argument_error()
        {
            VfioCore core = new VfioCore();

            Assert.Throws<ArgumentNullException>(() => core.GetExternalUserFromDev(null!));
            Assert.Throws<ArgumentNullException>(() => core.TryGetExternalUserFromDev(null!, out _, out _));
        }
    }
}
