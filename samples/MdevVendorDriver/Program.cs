using System;
using Vfio;

namespace Contoso.Mdev
{
    /// <summary>Runs the driver against a VFIO core and checks that nothing leaked.</summary>
    public static class Program
    {
        public static int Main()
        {
            VfioCore core = new VfioCore();
            VfioDevice gpu = core.AddDevice("0000:01:00.0", iommuGroupId: 7);
            VfioDevice nic = core.AddDevice("0000:02:00.0", iommuGroupId: 8);
            PagePinner pinner = new PagePinner(core);

            using VfioContainer container = core.OpenContainer();
            using VfioGroupFile gpuGroup = core.OpenGroup(7);
            gpuGroup.SetContainer(container);
            container.SetIommu(VfioIommuType.Type1v2);

            // The happy path: open, borrow the group for DMA, release.
            MdevDevice vgpu = new MdevDevice(core, gpu, pinner);
            Check(MdevDevice.CanServe(core, gpu), "the GPU's container serves Type1v2");
            Check(MdevDevice.ProbeIommuGroup(core, gpu) == 7 && core.HeldExternalUsers.Count == 0, "the errno-style probe finds group 7 and puts it");
            Check(vgpu.Open() == Errno.None, "open takes the GPU's group");
            Check(vgpu.Open() == Errno.EBUSY, "a second open is refused");
            Check(vgpu.IommuGroupId() == 7, "the held group is the GPU's");
            byte[] guest = new byte[64 * 1024];
            Check(vgpu.WriteGuest(0x2000, new byte[] { 1, 2, 3 }, guest), "DMA write pins, copies and unpins");
            Check(guest[0x2001] == 2, "the bytes reached guest memory");
            Check(!vgpu.WriteGuest(RingPage(), new byte[] { 9 }, guest), "the pinned ring cannot be pinned twice");
            Check(gpu.IommuGroupId == 7 && core.HeldExternalUsers.Count == 1, "open holds exactly one reference");
            vgpu.Release();
            Check(!vgpu.IsOpen && pinner.PinnedCount == 0, "release unpins and puts");

            // The error paths unwind: a device whose group has no container cannot be opened, and holds nothing.
            MdevDevice vnic = new MdevDevice(core, nic, pinner);
            Check(!MdevDevice.CanServe(core, nic), "no container behind the NIC");
            Check(MdevDevice.ProbeIommuGroup(core, nic) == -(int)Errno.EINVAL, "the errno-style probe returns -EINVAL");
            Check(vnic.Open() == Errno.EINVAL, "open without a container fails with EINVAL");
            Check(core.HeldExternalUsers.Count == 0, "the failed open holds nothing");

            // A ring already pinned by someone else makes open fail after the group was taken: it must be put.
            Check(vgpu.Open() == Errno.None, "reopen");
            MdevDevice twin = new MdevDevice(core, gpu, pinner);
            Check(twin.Open() == Errno.EBUSY, "the twin cannot pin the ring");
            Check(core.HeldExternalUsers.Count == 1, "the twin's failed open put its group");
            vgpu.Release();

            core.AssertNoLeaks();
            Console.WriteLine("MdevVendorDriver: all checks passed, no external-user reference leaked.");
            return 0;
        }

        private static long RingPage() => MdevDevice.RingIova;

        private static void Check(bool condition, string what)
        {
            if (!condition)
            {
                throw new InvalidOperationException("check failed: " + what);
            }

            Console.WriteLine("ok   " + what);
        }
    }
}
