using System;
using Vfio;
using Xunit;

namespace Vfio.Runtime.Tests
{
    /// <summary>Devices, their driver binding, and the viability and lifetime of their group.</summary>
    public sealed class DeviceBindingTests
    {
        [Fact]
        public void The_first_vfio_device_creates_the_group_and_each_device_holds_a_reference()
        {
            VfioCore core = new VfioCore();
            VfioDevice first = core.AddDevice("0000:01:00.0", 1);
            VfioDevice second = core.AddDevice("0000:01:00.1", 1);

            VfioGroup group = core.FindGroup(1)!;
            Assert.Equal(2, group.RefCount);
            Assert.Equal(VfioDevice.VfioDriverName, first.Driver);
            Assert.True(second.IsBoundToVfio);
            Assert.Equal(1, second.IommuGroupId);

            first.Unbind();
            second.Unbind();
            Assert.True(group.IsReleased);
            Assert.Null(core.FindGroup(1));
        }

        [Fact]
        public void A_host_driver_makes_the_group_non_viable_until_it_is_unbound()
        {
            VfioCore core = new VfioCore();
            core.AddDevice("0000:01:00.0", 1);
            VfioDevice sibling = core.AddDevice("0000:01:00.1", 1);
            using VfioGroupFile file = core.OpenGroup(1);

            sibling.Unbind();
            Assert.Null(sibling.Driver);
            Assert.Equal(VfioGroupStatus.Viable, file.GetStatus());

            sibling.BindToHostDriver("snd_hda_intel");
            Assert.Equal(VfioGroupStatus.None, file.GetStatus());

            sibling.Unbind();
            Assert.Equal(VfioGroupStatus.Viable, file.GetStatus());
        }

        [Fact]
        public void The_stub_driver_keeps_the_group_viable_and_may_bind_to_a_live_group()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            VfioDevice sibling = ready.Core.AddDevice("0000:01:00.1", 1);
            sibling.Unbind();

            sibling.BindToHostDriver(VfioDevice.StubDriverName);

            Assert.Equal(VfioGroupStatus.Viable | VfioGroupStatus.ContainerSet, ready.File.GetStatus());
            VfioGroup group = ready.Core.GetExternalUser(ready.File);
            ready.Core.PutExternalUser(group);
        }

        [Fact]
        public void Binding_a_host_driver_into_a_live_group_is_refused_and_changes_nothing()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            VfioDevice sibling = ready.Core.AddDevice("0000:01:00.1", 1);
            sibling.Unbind();

            Assert.Throws<InvalidOperationException>(() => sibling.BindToHostDriver("e1000e"));

            Assert.Null(sibling.Driver);
            Assert.Equal(VfioGroupStatus.Viable | VfioGroupStatus.ContainerSet, ready.File.GetStatus());
        }

        [Fact]
        public void Binding_a_bound_device_fails_with_EBUSY_and_unbinding_a_driverless_one_with_ENODEV()
        {
            VfioCore core = new VfioCore();
            VfioDevice device = core.AddDevice("0000:01:00.0", 1);

            Assert.Equal(Errno.EBUSY, Assert.Throws<VfioException>(() => device.BindToVfio()).Errno);
            Assert.Equal(Errno.EBUSY, Assert.Throws<VfioException>(() => device.BindToHostDriver("e1000e")).Errno);
            device.Unbind();
            Assert.Equal(Errno.ENODEV, Assert.Throws<VfioException>(() => device.Unbind()).Errno);
        }

        [Fact]
        public void Unbinding_the_last_device_of_an_attached_group_fails_with_EBUSY()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            VfioDevice sibling = ready.Core.AddDevice("0000:01:00.1", 1);
            int references = ready.Group.RefCount;

            sibling.Unbind(); // not the last: allowed while attached
            Assert.Equal(references - 1, ready.Group.RefCount);

            Assert.Equal(Errno.EBUSY, Assert.Throws<VfioException>(() => ready.Device.Unbind()).Errno);
            Assert.True(ready.Device.IsBoundToVfio);
            Assert.Equal(references - 1, ready.Group.RefCount);

            ready.File.UnsetContainer();
            ready.Device.Unbind();
            Assert.False(ready.Device.IsBoundToVfio);
        }

        [Fact]
        public void Device_names_are_unique_within_a_core_and_arguments_are_checked()
        {
            VfioCore core = new VfioCore();
            VfioDevice device = core.AddDevice("0000:01:00.0", 1);

            Assert.Throws<ArgumentException>(() => core.AddDevice("0000:01:00.0", 2));
            Assert.Throws<ArgumentNullException>(() => core.AddDevice(null!, 2));
            Assert.Throws<ArgumentOutOfRangeException>(() => core.AddDevice("0000:02:00.0", -1));
            Assert.Throws<ArgumentException>(() => device.BindToHostDriver(VfioDevice.VfioDriverName));
            Assert.Null(core.FindGroup(2));

            // The same name is free in another core.
            new VfioCore().AddDevice("0000:01:00.0", 1);
        }
    }
}
