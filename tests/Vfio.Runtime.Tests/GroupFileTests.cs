using System;
using Vfio;
using Xunit;

namespace Vfio.Runtime.Tests
{
    /// <summary>The group file: open, <c>SET_CONTAINER</c>, <c>UNSET_CONTAINER</c>, <c>GET_STATUS</c> and close.</summary>
    public sealed class GroupFileTests
    {
        [Fact]
        public void Open_takes_a_group_reference_and_close_gives_it_back()
        {
            VfioCore core = new VfioCore();
            core.AddDevice("0000:01:00.0", 1);
            VfioGroup group = core.FindGroup(1)!;

            VfioGroupFile file = core.OpenGroup(1);
            Assert.Equal(2, group.RefCount);
            Assert.True(group.IsOpened);
            Assert.Equal(1, file.GroupId);

            file.Close();
            Assert.Equal(1, group.RefCount);
            Assert.False(group.IsOpened);
        }

        [Fact]
        public void Open_of_an_unknown_group_fails_with_ENODEV()
        {
            VfioCore core = new VfioCore();
            core.AddDevice("0000:01:00.0", 1);

            Assert.Equal(Errno.ENODEV, Assert.Throws<VfioException>(() => core.OpenGroup(2)).Errno);
        }

        [Fact]
        public void A_second_open_fails_with_EBUSY_and_takes_no_reference()
        {
            VfioCore core = new VfioCore();
            core.AddDevice("0000:01:00.0", 1);
            using VfioGroupFile file = core.OpenGroup(1);
            VfioGroup group = core.FindGroup(1)!;

            Assert.Equal(Errno.EBUSY, Assert.Throws<VfioException>(() => core.OpenGroup(1)).Errno);
            Assert.Equal(2, group.RefCount);
        }

        [Fact]
        public void Set_container_attaches_the_group_with_one_container_user()
        {
            VfioCore core = new VfioCore();
            core.AddDevice("0000:01:00.0", 1);
            using VfioGroupFile file = core.OpenGroup(1);
            using VfioContainer container = core.OpenContainer();

            Assert.Equal(VfioGroupStatus.Viable, file.GetStatus());
            file.SetContainer(container);

            VfioGroup group = core.FindGroup(1)!;
            Assert.Equal(1, group.ContainerUsers);
            Assert.Same(container, group.Container);
            Assert.Equal(2, container.RefCount);
            Assert.Equal(VfioGroupStatus.Viable | VfioGroupStatus.ContainerSet, file.GetStatus());
        }

        [Fact]
        public void Set_container_twice_fails_with_EINVAL()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            using VfioContainer other = ready.Core.OpenContainer();

            Assert.Equal(Errno.EINVAL, Assert.Throws<VfioException>(() => ready.File.SetContainer(other)).Errno);
            Assert.Same(ready.Container, ready.Group.Container);
            Assert.Equal(0, other.GroupCount);
        }

        [Fact]
        public void Set_container_with_a_container_of_another_core_fails_with_EINVAL()
        {
            VfioCore core = new VfioCore();
            core.AddDevice("0000:01:00.0", 1);
            using VfioGroupFile file = core.OpenGroup(1);
            using VfioContainer foreign = new VfioCore().OpenContainer();

            Assert.Equal(Errno.EINVAL, Assert.Throws<VfioException>(() => file.SetContainer(foreign)).Errno);
            Assert.Equal(0, core.FindGroup(1)!.ContainerUsers);
            Assert.Equal(0, foreign.GroupCount);
        }

        [Fact]
        public void Unset_container_without_one_fails_with_EINVAL()
        {
            VfioCore core = new VfioCore();
            core.AddDevice("0000:01:00.0", 1);
            using VfioGroupFile file = core.OpenGroup(1);

            Assert.Equal(Errno.EINVAL, Assert.Throws<VfioException>(() => file.UnsetContainer()).Errno);
        }

        [Fact]
        public void Unset_container_detaches_and_drops_the_containers_reference()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());

            ready.File.UnsetContainer();

            Assert.Equal(0, ready.Group.ContainerUsers);
            Assert.Null(ready.Group.Container);
            Assert.Equal(1, ready.Container.RefCount);
            Assert.Equal(VfioGroupStatus.Viable, ready.File.GetStatus());
        }

        [Fact]
        public void Close_dissolves_the_container_and_a_closed_file_refuses_its_ioctls_with_EBADF()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());

            ready.File.Close();

            Assert.Null(ready.Group.Container);
            Assert.Equal(0, ready.Group.ContainerUsers);
            Assert.Equal(Errno.EBADF, Assert.Throws<VfioException>(() => ready.File.Close()).Errno);
            Assert.Equal(Errno.EBADF, Assert.Throws<VfioException>(() => ready.File.SetContainer(ready.Container)).Errno);
            Assert.Equal(Errno.EBADF, Assert.Throws<VfioException>(() => ready.File.UnsetContainer()).Errno);
            Assert.Equal(Errno.EBADF, Assert.Throws<VfioException>(() => ready.File.GetStatus()).Errno);
            ready.File.Dispose();
            Assert.Equal(1, ready.Group.RefCount);
        }

        [Fact]
        public void A_null_container_is_an_argument_error()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());

            Assert.Throws<ArgumentNullException>(() => ready.File.SetContainer(null!));
        }
    }
}
