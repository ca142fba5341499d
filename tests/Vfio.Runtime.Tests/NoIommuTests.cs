using Vfio;
using Xunit;

namespace Vfio.Runtime.Tests
{
    /// <summary>Noiommu groups: unsafe mode only, privileged callers only, never an external user.</summary>
    public sealed class NoIommuTests
    {
        private static readonly VfioCoreOptions Privileged = new VfioCoreOptions { EnableUnsafeNoIommuMode = true, CallerHasRawIo = true };

        [Fact]
        public void Without_unsafe_mode_a_noiommu_device_cannot_be_added()
        {
            VfioCore core = new VfioCore();

            Assert.Equal(Errno.EINVAL, Assert.Throws<VfioException>(() => core.AddNoIommuDevice("platform-uart", 8)).Errno);
            Assert.Null(core.FindGroup(8));
        }

        [Fact]
        public void Noiommu_and_iommu_devices_cannot_share_a_group_number()
        {
            VfioCore core = new VfioCore(Privileged);
            core.AddNoIommuDevice("platform-uart", 8);
            core.AddDevice("0000:01:00.0", 1);

            Assert.Equal(Errno.EINVAL, Assert.Throws<VfioException>(() => core.AddDevice("0000:08:00.0", 8)).Errno);
            Assert.Equal(Errno.EINVAL, Assert.Throws<VfioException>(() => core.AddNoIommuDevice("platform-spi", 1)).Errno);
        }

        [Fact]
        public void An_unprivileged_caller_cannot_open_a_noiommu_group()
        {
            VfioCore core = new VfioCore(new VfioCoreOptions { EnableUnsafeNoIommuMode = true });
            VfioDevice device = core.AddNoIommuDevice("platform-uart", 8);
            VfioGroup group = core.FindGroup(8)!;

            Assert.True(device.IsNoIommu);
            Assert.Equal(Errno.EPERM, Assert.Throws<VfioException>(() => core.OpenGroup(8)).Errno);
            Assert.Equal(1, group.RefCount);
            Assert.False(group.IsOpened);
        }

        [Fact]
        public void A_privileged_caller_sets_up_the_noiommu_backend_but_gets_no_external_user()
        {
            VfioCore core = new VfioCore(Privileged);
            VfioDevice device = core.AddNoIommuDevice("platform-uart", 8);
            using VfioGroupFile file = core.OpenGroup(8);
            using VfioContainer container = core.OpenContainer();
            file.SetContainer(container);

            // A noiommu container polls only the noiommu backend.
            Assert.Equal(1, container.CheckExtension(8));
            Assert.Equal(0, container.CheckExtension(1));
            Assert.Equal(Errno.ENODEV, Assert.Throws<VfioException>(() => container.SetIommu(VfioIommuType.Type1)).Errno);
            container.SetIommu(VfioIommuType.NoIommu);

            Assert.Equal(Errno.EPERM, Assert.Throws<VfioException>(() => core.GetExternalUser(file)).Errno);
            Assert.Equal(Errno.EPERM, Assert.Throws<VfioException>(() => core.GetExternalUserFromDev(device)).Errno);
            Assert.Equal(1, core.FindGroup(8)!.ContainerUsers);
            core.AssertNoLeaks();
        }

        [Fact]
        public void Noiommu_and_iommu_groups_cannot_share_a_container()
        {
            VfioCore core = new VfioCore(Privileged);
            core.AddNoIommuDevice("platform-uart", 8);
            ReadyGroup real = new ReadyGroup(core, groupId: 1);
            using VfioGroupFile noiommu = core.OpenGroup(8);

            Assert.Equal(Errno.EPERM, Assert.Throws<VfioException>(() => noiommu.SetContainer(real.Container)).Errno);
            Assert.Equal(0, core.FindGroup(8)!.ContainerUsers);
            Assert.Equal(1, real.Container.GroupCount);
        }

        [Theory]
        [InlineData(true, 1)]
        [InlineData(false, 0)]
        public void The_noiommu_backend_answers_its_extension_only_in_unsafe_mode(bool unsafeMode, long expected)
        {
            using VfioContainer container = new VfioCore(new VfioCoreOptions { EnableUnsafeNoIommuMode = unsafeMode }).OpenContainer();

            Assert.Equal(expected, container.CheckExtension(8));
        }
    }
}
