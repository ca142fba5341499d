using Vfio;
using Xunit;

namespace Vfio.Runtime.Tests
{
    /// <summary>An external user keeps the group and its container usable after the group file closes; the last put lets them go.</summary>
    public sealed class ExternalUserLifetimeTests
    {
        [Fact]
        public void The_group_and_its_container_stay_usable_after_the_file_closes()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            VfioGroup group = ready.Core.GetExternalUser(ready.File);

            ready.File.Close();

            Assert.True(ready.File.IsClosed);
            Assert.Same(ready.Container, group.Container);
            Assert.Equal(1, group.ContainerUsers);
            Assert.Equal(2, group.RefCount); // the device's and the external user's
            Assert.False(group.IsOpened);
            Assert.Equal(VfioIommuType.Type1, ready.Container.Backend);
            Assert.Equal(1, ready.Core.ExternalCheckExtension(group, 1));
            Assert.Equal(1, ready.Core.ExternalUserIommuId(group));
            Assert.False(ready.Core.ExternalGroupMatchFile(group, ready.File));
            ready.Core.PutExternalUser(group);
        }

        [Fact]
        public void The_last_put_detaches_the_group_and_the_container_drops_its_backend()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            VfioGroup first = ready.Core.GetExternalUser(ready.File);
            VfioGroup second = ready.Core.GetExternalUserFromDev(ready.Device);
            ready.File.Close();

            ready.Core.PutExternalUser(first);
            Assert.Same(ready.Container, second.Container);
            Assert.Equal(VfioIommuType.Type1, ready.Container.Backend);

            ready.Core.PutExternalUser(second);
            Assert.Null(second.Container);
            Assert.Equal(0, second.ContainerUsers);
            Assert.Equal(1, second.RefCount);
            Assert.Equal(0, ready.Container.GroupCount);
            Assert.Null(ready.Container.Backend);
            Assert.Equal(0, ready.Container.CheckExtension(4)); // VFIO_DMA_CC_IOMMU needs an open backend
            ready.Core.AssertNoLeaks();
        }

        [Fact]
        public void The_group_cannot_be_reopened_until_the_last_put()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            VfioGroup group = ready.Core.GetExternalUser(ready.File);
            ready.File.Close();

            VfioException busy = Assert.Throws<VfioException>(() => ready.Core.OpenGroup(1));
            Assert.Equal(Errno.EBUSY, busy.Errno);
            Assert.False(group.IsOpened);

            ready.Core.PutExternalUser(group);
            using VfioGroupFile reopened = ready.Core.OpenGroup(1);
            Assert.Equal(VfioGroupStatus.Viable, reopened.GetStatus());
        }

        [Fact]
        public void Unsetting_the_container_while_an_external_user_holds_it_fails_with_EBUSY()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            VfioGroup group = ready.Core.GetExternalUser(ready.File);
            GroupState before = GroupState.Of(group);

            VfioException thrown = Assert.Throws<VfioException>(() => ready.File.UnsetContainer());

            Assert.Equal(Errno.EBUSY, thrown.Errno);
            Assert.Equal(before, GroupState.Of(group));

            ready.Core.PutExternalUser(group);
            ready.File.UnsetContainer();
            Assert.Null(group.Container);
            Assert.Null(ready.Container.Backend);
        }

        [Fact]
        public void A_closed_container_file_lives_on_while_an_external_user_holds_its_group()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            VfioGroup group = ready.Core.GetExternalUser(ready.File);
            ready.File.Close();
            ready.Container.Close();

            Assert.Equal(1, ready.Container.RefCount); // the group's
            Assert.Equal(1, ready.Core.ExternalCheckExtension(group, 3));

            ready.Core.PutExternalUser(group);
            Assert.Equal(0, ready.Container.RefCount);
        }

        [Fact]
        public void The_group_is_freed_when_the_last_holder_lets_go_and_a_new_group_replaces_it()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            VfioGroup group = ready.Core.GetExternalUser(ready.File);
            ready.File.Close();

            // The kernel's unregister would sleep until the group leaves its container.
            Assert.Equal(Errno.EBUSY, Assert.Throws<VfioException>(() => ready.Device.Unbind()).Errno);
            Assert.True(ready.Device.IsBoundToVfio);

            ready.Core.PutExternalUser(group);
            ready.Device.Unbind();

            Assert.True(group.IsReleased);
            Assert.Equal(Errno.ENODEV, Assert.Throws<VfioException>(() => ready.Core.OpenGroup(1)).Errno);
            Assert.Equal(Errno.ENODEV, Assert.Throws<VfioException>(() => ready.Core.GetExternalUserFromDev(ready.Device)).Errno);

            ready.Device.BindToVfio();
            VfioGroup recreated = ready.Group;
            Assert.NotSame(group, recreated);
            Assert.Equal(1, recreated.RefCount);
        }
    }
}
