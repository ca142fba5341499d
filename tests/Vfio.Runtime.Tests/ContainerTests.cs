using Vfio;
using Xunit;

namespace Vfio.Runtime.Tests
{
    /// <summary>The container: <c>VFIO_SET_IOMMU</c>, <c>VFIO_CHECK_EXTENSION</c> and close.</summary>
    public sealed class ContainerTests
    {
        [Fact]
        public void Set_iommu_without_a_group_fails_with_EINVAL()
        {
            using VfioContainer container = new VfioCore().OpenContainer();

            Assert.Equal(Errno.EINVAL, Assert.Throws<VfioException>(() => container.SetIommu(VfioIommuType.Type1)).Errno);
            Assert.Null(container.Backend);
        }

        [Fact]
        public void Set_iommu_twice_fails_with_EINVAL_and_keeps_the_first_backend()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore(), type: VfioIommuType.Type1v2);

            Assert.Equal(Errno.EINVAL, Assert.Throws<VfioException>(() => ready.Container.SetIommu(VfioIommuType.Type1)).Errno);
            Assert.Equal(VfioIommuType.Type1v2, ready.Container.Backend);
        }

        [Theory]
        [InlineData(2)] // VFIO_SPAPR_TCE_IOMMU: no such backend registered
        [InlineData(7)] // VFIO_SPAPR_TCE_v2_IOMMU
        [InlineData((int)VfioIommuType.NoIommu)] // the noiommu backend serves only noiommu containers
        public void Set_iommu_with_no_backend_for_the_type_fails_with_ENODEV(int typeId)
        {
            VfioIommuType type = (VfioIommuType)typeId;
            VfioCore core = new VfioCore(new VfioCoreOptions { EnableUnsafeNoIommuMode = true });
            core.AddDevice("0000:01:00.0", 1);
            using VfioGroupFile file = core.OpenGroup(1);
            using VfioContainer container = core.OpenContainer();
            file.SetContainer(container);

            Assert.Equal(Errno.ENODEV, Assert.Throws<VfioException>(() => container.SetIommu(type)).Errno);
            Assert.Null(container.Backend);
        }

        [Fact]
        public void Set_iommu_with_an_extension_the_backend_answers_but_does_not_open_fails_with_EINVAL()
        {
            // Type1 answers VFIO_UNMAP_ALL (9) but its open accepts only the type1 flavours.
            VfioCore core = new VfioCore();
            core.AddDevice("0000:01:00.0", 1);
            using VfioGroupFile file = core.OpenGroup(1);
            using VfioContainer container = core.OpenContainer();
            file.SetContainer(container);

            Assert.Equal(Errno.EINVAL, Assert.Throws<VfioException>(() => container.SetIommu((VfioIommuType)9)).Errno);
            Assert.Null(container.Backend);
        }

        [Fact]
        public void The_backend_stays_while_any_group_is_attached_and_goes_with_the_last()
        {
            VfioCore core = new VfioCore();
            ReadyGroup first = new ReadyGroup(core, groupId: 1);
            core.AddDevice("0000:02:00.0", 2);
            VfioGroupFile second = core.OpenGroup(2);
            second.SetContainer(first.Container);

            first.File.UnsetContainer();
            Assert.Equal(VfioIommuType.Type1, first.Container.Backend);
            Assert.Equal(1, first.Container.GroupCount);

            second.Close();
            Assert.Null(first.Container.Backend);
            Assert.Equal(0, first.Container.GroupCount);

            // A deprivileged container can be set up again.
            first.File.SetContainer(first.Container);
            first.Container.SetIommu(VfioIommuType.Type1v2);
            Assert.Equal(VfioIommuType.Type1v2, first.Container.Backend);
        }

        [Theory]
        [InlineData(1, 1)]
        [InlineData(3, 1)]
        [InlineData(4, 0)] // VFIO_DMA_CC_IOMMU: polled without an open backend
        [InlineData(8, 0)] // VFIO_NOIOMMU_IOMMU: noiommu mode is off
        [InlineData(2, 0)]
        public void Check_extension_without_a_backend_polls_the_registered_backends(long extension, long expected)
        {
            using VfioContainer container = new VfioCore().OpenContainer();

            Assert.Equal(expected, container.CheckExtension(extension));
        }

        [Fact]
        public void A_closed_container_refuses_its_ioctls_with_EBADF()
        {
            VfioCore core = new VfioCore();
            core.AddDevice("0000:01:00.0", 1);
            using VfioGroupFile file = core.OpenGroup(1);
            VfioContainer container = core.OpenContainer();
            container.Close();

            Assert.True(container.IsClosed);
            Assert.Equal(Errno.EBADF, Assert.Throws<VfioException>(() => container.SetIommu(VfioIommuType.Type1)).Errno);
            Assert.Equal(Errno.EBADF, Assert.Throws<VfioException>(() => container.CheckExtension(1)).Errno);
            Assert.Equal(Errno.EBADF, Assert.Throws<VfioException>(() => container.Close()).Errno);
            Assert.Equal(Errno.EBADF, Assert.Throws<VfioException>(() => file.SetContainer(container)).Errno);
            Assert.Equal(0, container.RefCount);
            container.Dispose();
        }
    }
}
