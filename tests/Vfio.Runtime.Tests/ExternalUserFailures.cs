using System;
using System.Collections.Generic;
using Vfio;
using Xunit;

namespace Vfio.Runtime.Tests
{
    /// <summary>
    /// States in which acquiring an external user must fail, with the errno the kernel returns; shared by the
    /// file and device variants. Each case snapshots everything an acquire could change.
    /// </summary>
    internal sealed class FailureCase
    {
        private readonly List<(VfioGroup Group, GroupState State)> _groups = new List<(VfioGroup, GroupState)>();
        private readonly List<(VfioContainer Container, ContainerState State)> _containers = new List<(VfioContainer, ContainerState)>();

        private FailureCase(VfioCore core, Errno expected, VfioGroupFile? file, VfioDevice device, params VfioCore[] otherCores)
        {
            Core = core;
            Expected = expected;
            File = file;
            Device = device;
            Cores = new List<VfioCore>(otherCores) { core };
        }

        /// <summary>Failures of <c>GetExternalUser(file)</c>.</summary>
        public static TheoryData<string> FileCases => new TheoryData<string>
        {
            "file closed",
            "file of another core",
            "no container set",
            "container without IOMMU backend",
            "group not viable",
            "noiommu group",
        };

        /// <summary>Failures of <c>GetExternalUserFromDev(device)</c>.</summary>
        public static TheoryData<string> DeviceCases => new TheoryData<string>
        {
            "device of another core",
            "device whose group was freed",
            "no container set",
            "container without IOMMU backend",
            "group not viable",
            "noiommu group",
            "group file closed",
        };

        /// <summary>The core the acquire is called on.</summary>
        public VfioCore Core { get; }

        public Errno Expected { get; }

        /// <summary>The file to acquire from; <c>null</c> in cases that exist only for the device variant.</summary>
        public VfioGroupFile? File { get; }

        public VfioDevice Device { get; }

        private List<VfioCore> Cores { get; }

        public static FailureCase Create(string name)
        {
            FailureCase failure = name switch
            {
                "file closed" => FileClosed(),
                "file of another core" => OfAnotherCore(Errno.EINVAL),
                "device of another core" => OfAnotherCore(Errno.ENODEV),
                "device whose group was freed" => GroupFreed(),
                "no container set" => NoContainer(),
                "container without IOMMU backend" => NoBackend(),
                "group not viable" => NotViable(),
                "noiommu group" => NoIommu(),
                "group file closed" => FileClosed(),
                _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown case"),
            };
            failure.Snapshot();
            return failure;
        }

        /// <summary>Asserts that nothing an acquire could change has changed, and that no reference is held.</summary>
        public void AssertNothingHeldOrChanged()
        {
            foreach ((VfioGroup group, GroupState state) in _groups)
            {
                Assert.Equal(state, GroupState.Of(group));
                Assert.Equal(0, group.ExternalUsers);
            }

            foreach ((VfioContainer container, ContainerState state) in _containers)
            {
                Assert.Equal(state, ContainerState.Of(container));
            }

            foreach (VfioCore core in Cores)
            {
                Assert.Empty(core.HeldExternalUsers);
                core.AssertNoLeaks();
            }
        }

        private static FailureCase FileClosed()
        {
            ReadyGroup ready = new ReadyGroup(new VfioCore());
            ready.File.Close();
            return new FailureCase(ready.Core, Errno.EINVAL, ready.File, ready.Device)
                .Observe(ready.Group, ready.Container);
        }

        private static FailureCase OfAnotherCore(Errno expected)
        {
            // The other core has a ready group with the same number: only object identity tells them apart.
            ReadyGroup owner = new ReadyGroup(new VfioCore(), groupId: 7);
            ReadyGroup caller = new ReadyGroup(new VfioCore(), groupId: 7);
            return new FailureCase(caller.Core, expected, owner.File, owner.Device, owner.Core)
                .Observe(owner.Group, owner.Container)
                .Observe(caller.Group, caller.Container);
        }

        private static FailureCase GroupFreed()
        {
            VfioCore core = new VfioCore();
            VfioDevice device = core.AddDevice("0000:03:00.0", 3);
            device.Unbind();
            Assert.Null(core.FindGroup(3));
            return new FailureCase(core, Errno.ENODEV, null, device);
        }

        private static FailureCase NoContainer()
        {
            VfioCore core = new VfioCore();
            VfioDevice device = core.AddDevice("0000:04:00.0", 4);
            VfioGroupFile file = core.OpenGroup(4);
            return new FailureCase(core, Errno.EINVAL, file, device).Observe(core.FindGroup(4)!);
        }

        private static FailureCase NoBackend()
        {
            VfioCore core = new VfioCore();
            VfioDevice device = core.AddDevice("0000:05:00.0", 5);
            VfioGroupFile file = core.OpenGroup(5);
            VfioContainer container = core.OpenContainer();
            file.SetContainer(container);
            return new FailureCase(core, Errno.EINVAL, file, device).Observe(core.FindGroup(5)!, container);
        }

        private static FailureCase NotViable()
        {
            VfioCore core = new VfioCore();
            VfioDevice device = core.AddDevice("0000:06:00.0", 6);
            VfioDevice sibling = core.AddDevice("0000:06:00.1", 6);
            sibling.Unbind();
            sibling.BindToHostDriver("snd_hda_intel");
            VfioGroupFile file = core.OpenGroup(6);
            VfioContainer container = core.OpenContainer();
            file.SetContainer(container);
            container.SetIommu(VfioIommuType.Type1);
            Assert.Equal(VfioGroupStatus.ContainerSet, file.GetStatus());
            return new FailureCase(core, Errno.EINVAL, file, device).Observe(core.FindGroup(6)!, container);
        }

        private static FailureCase NoIommu()
        {
            VfioCore core = new VfioCore(new VfioCoreOptions { EnableUnsafeNoIommuMode = true, CallerHasRawIo = true });
            VfioDevice device = core.AddNoIommuDevice("platform-uart", 8);
            VfioGroupFile file = core.OpenGroup(8);
            VfioContainer container = core.OpenContainer();
            file.SetContainer(container);
            container.SetIommu(VfioIommuType.NoIommu);
            return new FailureCase(core, Errno.EPERM, file, device).Observe(core.FindGroup(8)!, container);
        }

        private FailureCase Observe(VfioGroup group, VfioContainer? container = null)
        {
            _groups.Add((group, default));
            if (container is not null)
            {
                _containers.Add((container, default));
            }

            return this;
        }

        private void Snapshot()
        {
            for (int i = 0; i < _groups.Count; i++)
            {
                _groups[i] = (_groups[i].Group, GroupState.Of(_groups[i].Group));
            }

            for (int i = 0; i < _containers.Count; i++)
            {
                _containers[i] = (_containers[i].Container, ContainerState.Of(_containers[i].Container));
            }
        }
    }
}
