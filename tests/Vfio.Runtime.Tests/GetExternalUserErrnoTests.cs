using System;
using System.Reflection;
using Vfio;
using Vfio.Annotations;
using Xunit;

namespace Vfio.Runtime.Tests
{
    /// <summary>The errno-style members: <c>0</c> and a held reference, or a negative errno and nothing held, as the kernel returns.</summary>
    public sealed class GetExternalUserErrnoTests
    {
        [Fact]
        public void Success_returns_zero_and_holds_one_external_user()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            GroupState before = GroupState.Of(ready.Group);

            int rc = ready.Core.GetExternalUserErrno(ready.File, out VfioGroup? group);

            Assert.Equal(0, rc);
            Assert.Same(ready.Group, group);
            Assert.Equal(before with { RefCount = before.RefCount + 1, ContainerUsers = before.ContainerUsers + 1, ExternalUsers = 1 }, GroupState.Of(group!));

            ready.Core.PutExternalUser(group!);
            Assert.Equal(before, GroupState.Of(ready.Group));
        }

        [Fact]
        public void From_a_device_success_returns_zero_and_holds_one_external_user()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            GroupState before = GroupState.Of(ready.Group);

            int rc = ready.Core.GetExternalUserFromDevErrno(ready.Device, out VfioGroup? group);

            Assert.Equal(0, rc);
            Assert.Same(ready.Group, group);
            Assert.Equal(1, group!.ExternalUsers);

            ready.Core.PutExternalUser(group);
            Assert.Equal(before, GroupState.Of(ready.Group));
        }

        [Theory]
        [MemberData(nameof(FailureCase.FileCases), MemberType = typeof(FailureCase))]
        public void Failure_returns_the_negated_errno_null_and_holds_nothing(string name)
        {
            FailureCase failure = FailureCase.Create(name);

            int rc = failure.Core.GetExternalUserErrno(failure.File!, out VfioGroup? group);

            Assert.Equal(-(int)failure.Expected, rc);
            Assert.True(rc < 0);
            Assert.Null(group);
            failure.AssertNothingHeldOrChanged();
        }

        [Theory]
        [MemberData(nameof(FailureCase.DeviceCases), MemberType = typeof(FailureCase))]
        public void From_a_device_failure_returns_the_negated_errno_null_and_holds_nothing(string name)
        {
            FailureCase failure = FailureCase.Create(name);

            int rc = failure.Core.GetExternalUserFromDevErrno(failure.Device, out VfioGroup? group);

            Assert.Equal(-(int)failure.Expected, rc);
            Assert.True(rc < 0);
            Assert.Null(group);
            failure.AssertNothingHeldOrChanged();
        }

        [Fact]
        public void A_null_argument_is_an_argument_error()
        {
            VfioCore core = new VfioCore();

            Assert.Throws<ArgumentNullException>(() => core.GetExternalUserErrno(null!, out _));
            Assert.Throws<ArgumentNullException>(() => core.GetExternalUserFromDevErrno(null!, out _));
        }

        [Theory]
        [InlineData(nameof(VfioCore.GetExternalUserErrno))]
        [InlineData(nameof(VfioCore.GetExternalUserFromDevErrno))]
        public void The_out_group_is_acquired_when_the_result_is_zero(string name)
        {
            ParameterInfo group = typeof(VfioCore).GetMethod(name)!.GetParameters()[1];

            AcquiresAttribute? acquires = group.GetCustomAttribute<AcquiresAttribute>();

            Assert.Equal("vfio-group", acquires?.Kind);
            Assert.Equal(AcquiredWhen.Zero, acquires?.When);
        }
    }
}
