using System;
using Vfio;
using Xunit;

namespace Vfio.Runtime.Tests
{
    /// <summary><c>vfio_group_put_external_user</c>, and puts that must be refused.</summary>
    public sealed class PutExternalUserTests
    {
        [Fact]
        public void Put_gives_back_the_container_user_then_the_group_reference()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            GroupState before = GroupState.Of(ready.Group);
            VfioGroup group = ready.Core.GetExternalUser(ready.File);

            ready.Core.PutExternalUser(group);

            Assert.Equal(before, GroupState.Of(group));
            Assert.Empty(ready.Core.HeldExternalUsers);
        }

        [Fact]
        public void A_put_with_no_reference_held_throws_and_changes_nothing()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            VfioGroup group = ready.Group;
            GroupState before = GroupState.Of(group);
            ContainerState container = ContainerState.Of(ready.Container);

            Assert.Throws<InvalidOperationException>(() => ready.Core.PutExternalUser(group));

            Assert.Equal(before, GroupState.Of(group));
            Assert.Equal(container, ContainerState.Of(ready.Container));
            Assert.Equal(VfioGroupStatus.Viable | VfioGroupStatus.ContainerSet, ready.File.GetStatus());
        }

        [Fact]
        public void A_second_put_of_the_same_reference_throws_and_changes_nothing()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            VfioGroup group = ready.Core.GetExternalUser(ready.File);
            ready.Core.PutExternalUser(group);
            GroupState before = GroupState.Of(group);

            Assert.Throws<InvalidOperationException>(() => ready.Core.PutExternalUser(group));

            Assert.Equal(before, GroupState.Of(group));
        }

        [Fact]
        public void A_put_after_the_file_closed_and_the_last_put_refuses_without_underflow()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            VfioGroup group = ready.Core.GetExternalUser(ready.File);
            ready.File.Close();
            ready.Core.PutExternalUser(group);
            GroupState before = GroupState.Of(group);

            Assert.Throws<InvalidOperationException>(() => ready.Core.PutExternalUser(group));

            Assert.Equal(before, GroupState.Of(group));
            Assert.Equal(0, group.ContainerUsers);
            Assert.Equal(1, group.RefCount);
        }

        [Fact]
        public void A_group_of_another_core_is_refused_with_EINVAL_and_changes_nothing()
        {
            ReadyGroup owner = new ReadyGroup(new VfioCore());
            ReadyGroup other = new ReadyGroup(new VfioCore());
            VfioGroup group = owner.Core.GetExternalUser(owner.File);
            GroupState before = GroupState.Of(group);

            VfioException thrown = Assert.Throws<VfioException>(() => other.Core.PutExternalUser(group));

            Assert.Equal(Errno.EINVAL, thrown.Errno);
            Assert.Equal(before, GroupState.Of(group));
            Assert.Single(owner.Core.HeldExternalUsers);
            owner.Core.PutExternalUser(group);
        }

        [Fact]
        public void A_null_group_is_an_argument_error()
        {
            Assert.Throws<ArgumentNullException>(() => new VfioCore().PutExternalUser(null!));
        }
    }
}
