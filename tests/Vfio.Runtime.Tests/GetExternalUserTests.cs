using System;
using Vfio;
using Xunit;

namespace Vfio.Runtime.Tests
{
    /// <summary><c>vfio_group_get_external_user</c>: from a group file.</summary>
    public sealed class GetExternalUserTests
    {
        [Fact]
        public void Success_takes_a_container_user_and_a_group_reference_on_the_files_group()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            GroupState before = GroupState.Of(ready.Group);

            VfioGroup group = ready.Core.GetExternalUser(ready.File);

            Assert.Same(ready.Group, group);
            Assert.Equal(1, group.Id);
            Assert.Equal(before with { RefCount = before.RefCount + 1, ContainerUsers = before.ContainerUsers + 1, ExternalUsers = 1 }, GroupState.Of(group));
            Assert.True(ready.Core.ExternalGroupMatchFile(group, ready.File));

            ready.Core.PutExternalUser(group);
            Assert.Equal(before, GroupState.Of(group));
        }

        [Fact]
        public void Each_acquire_holds_its_own_reference()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            GroupState before = GroupState.Of(ready.Group);

            VfioGroup first = ready.Core.GetExternalUser(ready.File);
            Assert.True(ready.Core.TryGetExternalUser(ready.File, out VfioGroup? second, out Errno error));

            Assert.Equal(Errno.None, error);
            Assert.Same(first, second);
            Assert.Equal(2, first.ExternalUsers);
            Assert.Equal(before.ContainerUsers + 2, first.ContainerUsers);
            Assert.Equal(before.RefCount + 2, first.RefCount);

            ready.Core.PutExternalUser(first);
            ready.Core.PutExternalUser(second);
            Assert.Equal(before, GroupState.Of(first));
        }

        [Theory]
        [MemberData(nameof(FailureCase.FileCases), MemberType = typeof(FailureCase))]
        public void Throwing_variant_fails_with_the_kernels_errno_and_holds_nothing(string name)
        {
            FailureCase failure = FailureCase.Create(name);

            VfioException thrown = Assert.Throws<VfioException>(() => failure.Core.GetExternalUser(failure.File!));

            Assert.Equal(failure.Expected, thrown.Errno);
            failure.AssertNothingHeldOrChanged();
        }

        [Theory]
        [MemberData(nameof(FailureCase.FileCases), MemberType = typeof(FailureCase))]
        public void Try_variant_returns_false_null_and_the_kernels_errno_and_holds_nothing(string name)
        {
            FailureCase failure = FailureCase.Create(name);

            bool acquired = failure.Core.TryGetExternalUser(failure.File!, out VfioGroup? group, out Errno error);

            Assert.False(acquired);
            Assert.Null(group);
            Assert.Equal(failure.Expected, error);
            failure.AssertNothingHeldOrChanged();
        }

        [Fact]
        public void A_null_file_is_an_argument_error()
        {
            VfioCore core = new VfioCore();

            Assert.Throws<ArgumentNullException>(() => core.GetExternalUser(null!));
            Assert.Throws<ArgumentNullException>(() => core.TryGetExternalUser(null!, out _, out _));
        }
    }
}
