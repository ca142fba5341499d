using System;
using System.Linq;
using System.Reflection;
using Vfio;
using Vfio.Annotations;
using Xunit;

namespace Vfio.Runtime.Tests
{
    /// <summary>
    /// The acquire/release annotations the analyzer reads from the runtime: every public member that hands out a
    /// group is an acquire of "vfio-group", and the internal pairs carry their own kinds.
    /// </summary>
    public sealed class AnnotationContractTests
    {
        private const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic;

        [Fact]
        public void Every_public_member_that_hands_out_a_group_acquires_a_vfio_group()
        {
            MethodInfo[] handOuts = typeof(VfioCore).GetMethods(BindingFlags.Instance | BindingFlags.Public)
                .Where(m => m.ReturnType == typeof(VfioGroup) || m.GetParameters().Any(p => p.IsOut && p.ParameterType.GetElementType() == typeof(VfioGroup)))
                .ToArray();

            Assert.Equal(
                new[] { "GetExternalUser", "GetExternalUserErrno", "GetExternalUserFromDev", "GetExternalUserFromDevErrno", "TryGetExternalUser", "TryGetExternalUserFromDev" },
                handOuts.Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal));
            foreach (MethodInfo method in handOuts)
            {
                AcquiresAttribute? acquires = method.ReturnType == typeof(VfioGroup)
                    ? method.GetCustomAttribute<AcquiresAttribute>()
                    : method.GetParameters().Single(p => p.IsOut && p.ParameterType.GetElementType() == typeof(VfioGroup)).GetCustomAttribute<AcquiresAttribute>();
                Assert.True(acquires is not null, $"{method.Name} is not annotated");
                Assert.Equal("vfio-group", acquires.Kind);
            }

            ParameterInfo put = typeof(VfioCore).GetMethod(nameof(VfioCore.PutExternalUser))!.GetParameters().Single();
            Assert.Equal("vfio-group", put.GetCustomAttribute<ReleasesAttribute>()?.Kind);
        }

        [Theory]
        [InlineData(nameof(VfioCore.GroupFromId), "vfio-group-ref")]
        [InlineData(nameof(VfioCore.GroupFromDevice), "vfio-group-ref")]
        [InlineData("GroupFindOrCreate", "vfio-group-ref")]
        public void Internal_lookups_acquire_a_group_reference(string name, string kind)
        {
            MethodInfo method = typeof(VfioCore).GetMethod(name, Internal)!;

            Assert.Equal(kind, method.GetCustomAttribute<AcquiresAttribute>()?.Kind);
        }

        [Theory]
        [InlineData(nameof(VfioCore.GroupGet), "vfio-group-ref", true)]
        [InlineData(nameof(VfioCore.GroupPut), "vfio-group-ref", false)]
        [InlineData(nameof(VfioCore.AddContainerUser), "vfio-container-user", true)]
        [InlineData(nameof(VfioCore.TryDissolveContainer), "vfio-container-user", false)]
        public void Internal_pairs_acquire_or_release_their_group_argument(string name, string kind, bool acquires)
        {
            MethodInfo method = typeof(VfioCore).GetMethod(name, Internal)!;
            ParameterInfo group = method.GetParameters().Single(p => p.ParameterType == typeof(VfioGroup));

            string? annotated = acquires
                ? group.GetCustomAttribute<AcquiresAttribute>()?.Kind
                : group.GetCustomAttribute<ReleasesAttribute>()?.Kind;
            Assert.Equal(kind, annotated);
            if (name == nameof(VfioCore.AddContainerUser))
            {
                // A by-value [Acquires] on a bool member acquires only when it returns true.
                Assert.Equal(typeof(bool), method.ReturnType);
            }
        }
    }
}
