using Vfio;
using Xunit;

namespace Vfio.Runtime.Tests
{
    /// <summary>Two cores share nothing: objects of one are refused by the other, whose state stays untouched.</summary>
    public sealed class CoreIsolationTests
    {
        [Fact]
        public void Cores_with_the_same_group_numbers_never_see_each_others_objects()
        {
            ReadyGroup a = new ReadyGroup(new VfioCore(), groupId: 3);
            ReadyGroup b = new ReadyGroup(new VfioCore(), groupId: 3);
            GroupState aBefore = GroupState.Of(a.Group);
            GroupState bBefore = GroupState.Of(b.Group);

            Assert.Equal(Errno.EINVAL, Assert.Throws<VfioException>(() => b.Core.GetExternalUser(a.File)).Errno);
            Assert.Equal(Errno.ENODEV, Assert.Throws<VfioException>(() => b.Core.GetExternalUserFromDev(a.Device)).Errno);
            Assert.NotSame(a.Group, b.Group);

            VfioGroup held = a.Core.GetExternalUser(a.File);
            Assert.Equal(Errno.EINVAL, Assert.Throws<VfioException>(() => b.Core.PutExternalUser(held)).Errno);
            Assert.Single(a.Core.HeldExternalUsers);
            Assert.Empty(b.Core.HeldExternalUsers);
            Assert.Equal(bBefore, GroupState.Of(b.Group));

            a.Core.PutExternalUser(held);
            Assert.Equal(aBefore, GroupState.Of(a.Group));
        }

        [Fact]
        public void A_container_of_another_core_cannot_be_set_and_stays_untouched()
        {
            ReadyGroup a = new ReadyGroup(new VfioCore(), groupId: 3);
            VfioCore other = new VfioCore();
            other.AddDevice("0000:03:00.0", 3);
            using VfioGroupFile file = other.OpenGroup(3);

            Assert.Equal(Errno.EINVAL, Assert.Throws<VfioException>(() => file.SetContainer(a.Container)).Errno);
            Assert.Equal(1, a.Container.GroupCount);
            Assert.Equal(0, other.FindGroup(3)!.ContainerUsers);
        }

        [Fact]
        public void Opening_a_group_in_one_core_does_not_make_it_busy_in_the_other()
        {
            VfioCore a = new VfioCore();
            VfioCore b = new VfioCore();
            a.AddDevice("0000:03:00.0", 3);
            b.AddDevice("0000:03:00.0", 3);

            using VfioGroupFile fileA = a.OpenGroup(3);
            using VfioGroupFile fileB = b.OpenGroup(3);

            Assert.False(fileA.IsClosed);
            Assert.False(fileB.IsClosed);
        }
    }
}
