using System;
using Vfio;
using Xunit;

namespace Vfio.Runtime.Tests
{
    /// <summary>
    /// <c>vfio_external_group_match_file</c>, <c>vfio_external_user_iommu_id</c> and
    /// <c>vfio_external_check_extension</c> on a group held as an external user.
    /// </summary>
    public sealed class ExternalQueryTests
    {
        [Fact]
        public void Match_file_is_true_only_for_an_open_group_file_of_the_same_group()
        {
            VfioCore core = new VfioCore();
            ReadyGroup one = new ReadyGroup(core, groupId: 1);
            ReadyGroup two = new ReadyGroup(core, groupId: 2);
            ReadyGroup foreign = new ReadyGroup(new VfioCore(), groupId: 1);
            VfioGroup group = core.GetExternalUser(one.File);

            Assert.True(core.ExternalGroupMatchFile(group, one.File));
            Assert.False(core.ExternalGroupMatchFile(group, two.File));
            Assert.False(core.ExternalGroupMatchFile(group, foreign.File));

            one.File.Close();
            Assert.False(core.ExternalGroupMatchFile(group, one.File));
            core.PutExternalUser(group);
        }

        [Fact]
        public void Iommu_id_is_the_iommu_group_id()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore(), groupId: 42);
            VfioGroup group = ready.Core.GetExternalUser(ready.File);

            Assert.Equal(42, ready.Core.ExternalUserIommuId(group));
            ready.Core.PutExternalUser(group);
        }

        [Theory]
        [InlineData(VfioIommuType.Type1, 1, 1)]
        [InlineData(VfioIommuType.Type1, 3, 1)]
        [InlineData(VfioIommuType.Type1, 4, 1)]
        [InlineData(VfioIommuType.Type1, 6, 1)]
        [InlineData(VfioIommuType.Type1, 9, 1)]
        [InlineData(VfioIommuType.Type1, 10, 1)]
        [InlineData(VfioIommuType.Type1, 2, 0)]
        [InlineData(VfioIommuType.Type1, 7, 0)]
        [InlineData(VfioIommuType.Type1, 8, 0)]
        [InlineData(VfioIommuType.Type1, 0, 0)]
        [InlineData(VfioIommuType.Type1, -1, 0)]
        [InlineData(VfioIommuType.Type1v2, 1, 1)]
        [InlineData(VfioIommuType.Type1v2, 3, 1)]
        [InlineData(VfioIommuType.Type1v2, 5, 0)]
        public void Check_extension_asks_the_containers_selected_backend(VfioIommuType backend, long extension, long expected)
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore(), type: backend);
            VfioGroup group = ready.Core.GetExternalUser(ready.File);

            Assert.Equal(expected, ready.Core.ExternalCheckExtension(group, extension));
            Assert.Equal(expected, ready.Container.CheckExtension(extension));
            ready.Core.PutExternalUser(group);
        }

        [Fact]
        public void Queries_on_a_group_not_held_are_refused()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            VfioGroup group = ready.Core.GetExternalUser(ready.File);
            ready.Core.PutExternalUser(group);

            Assert.Throws<InvalidOperationException>(() => ready.Core.ExternalUserIommuId(group));
            Assert.Throws<InvalidOperationException>(() => ready.Core.ExternalCheckExtension(group, 1));
        }

        [Fact]
        public void Queries_on_a_group_of_another_core_fail_with_EINVAL()
        {
            ReadyGroup owner = new ReadyGroup(new VfioCore());
            VfioCore other = new VfioCore();
            VfioGroup group = owner.Core.GetExternalUser(owner.File);

            Assert.Equal(Errno.EINVAL, Assert.Throws<VfioException>(() => other.ExternalUserIommuId(group)).Errno);
            Assert.Equal(Errno.EINVAL, Assert.Throws<VfioException>(() => other.ExternalCheckExtension(group, 1)).Errno);
            Assert.False(other.ExternalGroupMatchFile(group, owner.File));
            owner.Core.PutExternalUser(group);
        }
    }
}
