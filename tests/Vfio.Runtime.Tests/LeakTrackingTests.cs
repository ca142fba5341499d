using System;
using System.Runtime.CompilerServices;
using Vfio;
using Xunit;

namespace Vfio.Runtime.Tests
{
    /// <summary>Listing the external-user references still held, with where each was taken.</summary>
    public sealed class LeakTrackingTests
    {
        [Fact]
        public void A_held_reference_is_listed_with_the_call_site_that_took_it()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());

            VfioGroup group = ready.Core.GetExternalUser(ready.File);

            VfioHeldReference held = Assert.Single(ready.Core.HeldExternalUsers);
            Assert.Same(group, held.Group);
            Assert.Equal(1, held.GroupId);
            Assert.Equal(Environment.CurrentManagedThreadId, held.ManagedThreadId);
            Assert.StartsWith($"{typeof(LeakTrackingTests).FullName}.{nameof(A_held_reference_is_listed_with_the_call_site_that_took_it)}", held.CallSite);
            Assert.Contains($"{nameof(LeakTrackingTests)}.cs:line ", held.CallSite);
            ready.Core.PutExternalUser(group);
        }

        [Fact]
        public void Assert_no_leaks_names_every_reference_still_held_and_passes_once_they_are_put()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            VfioGroup fromFile = ready.Core.GetExternalUser(ready.File);
            Assert.True(ready.Core.TryGetExternalUserFromDev(ready.Device, out VfioGroup? fromDevice, out _));

            InvalidOperationException leaked = Assert.Throws<InvalidOperationException>(() => ready.Core.AssertNoLeaks());

            Assert.Contains("2 external-user reference(s) still held", leaked.Message);
            foreach (VfioHeldReference held in ready.Core.HeldExternalUsers)
            {
                Assert.Contains(held.CallSite, leaked.Message);
            }

            ready.Core.PutExternalUser(fromFile);
            ready.Core.PutExternalUser(fromDevice);
            Assert.Empty(ready.Core.HeldExternalUsers);
            ready.Core.AssertNoLeaks();
        }

        [Fact]
        public void A_put_retires_the_record_of_the_method_that_puts_so_the_leak_points_at_the_leaker()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            VfioGroup balanced = ready.Core.GetExternalUser(ready.File);
            TakeAndForget(ready);

            ready.Core.PutExternalUser(balanced);

            VfioHeldReference remaining = Assert.Single(ready.Core.HeldExternalUsers);
            Assert.Contains(nameof(TakeAndForget), remaining.CallSite);
            Assert.Equal(1, ready.Group.ExternalUsers);
        }

        [Fact]
        public void The_listing_is_a_snapshot()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            VfioGroup group = ready.Core.GetExternalUser(ready.File);
            var snapshot = ready.Core.HeldExternalUsers;

            ready.Core.PutExternalUser(group);

            Assert.Single(snapshot);
            Assert.Empty(ready.Core.HeldExternalUsers);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void TakeAndForget(ReadyGroup ready) => ready.Core.GetExternalUserFromDev(ready.Device);
    }
}
