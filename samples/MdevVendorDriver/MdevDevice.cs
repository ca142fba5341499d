using System;
using Vfio;

namespace Contoso.Mdev
{
    /// <summary>
    /// One mediated device of a vendor GPU. Its parent is a physical device bound to vfio; <see cref="Open"/> takes the
    /// parent's group as an external user (<c>vfio_group_get_external_user_from_dev</c>: the vendor driver is trusted
    /// code) and keeps it until <see cref="Release"/> puts it. Pinning and DMA borrow it in between.
    /// </summary>
    public sealed class MdevDevice
    {
        /// <summary>Guest address of the command ring the device pins while open.</summary>
        public const long RingIova = 0x10_0000;

        private const int PageSize = 4096;

        private readonly VfioCore _core;
        private readonly VfioDevice _parent;
        private readonly PagePinner _pinner;
        private readonly object _lock = new object();

        // Both held from a successful Open to Release.
        private VfioGroup? _group;
        private PinnedRange? _ring;

        public MdevDevice(VfioCore core, VfioDevice parent, PagePinner pinner)
        {
            _core = core;
            _parent = parent;
            _pinner = pinner;
        }

        public bool IsOpen
        {
            get
            {
                lock (_lock)
                {
                    return _group is not null;
                }
            }
        }

        /// <summary>
        /// Opens the device: takes the parent's group, checks that its container has the Type1v2 backend the device
        /// needs, and pins the command ring. Returns <see cref="Errno.None"/>, or the error with nothing held.
        /// </summary>
        public Errno Open()
        {
            lock (_lock)
            {
                if (_group is not null)
                {
                    return Errno.EBUSY;
                }

                if (!_core.TryGetExternalUserFromDev(_parent, out VfioGroup? group, out Errno error))
                {
                    return error;
                }

                if (_core.ExternalCheckExtension(group, (long)VfioIommuType.Type1v2) <= 0)
                {
                    _core.PutExternalUser(group);
                    return Errno.EINVAL;
                }

                if (!_pinner.TryPin(group, RingIova, 1, out PinnedRange? ring))
                {
                    _core.PutExternalUser(group);
                    return Errno.EBUSY;
                }

                _group = group;
                _ring = ring;
                return Errno.None;
            }
        }

        /// <summary>Releases the device: unpins the ring, then puts the group taken by <see cref="Open"/>.</summary>
        public void Release()
        {
            lock (_lock)
            {
                if (_ring is not null)
                {
                    _pinner.Unpin(_ring);
                    _ring = null;
                }

                if (_group is not null)
                {
                    _core.PutExternalUser(_group);
                    _group = null;
                }
            }
        }

        /// <summary>The IOMMU group id of the open device (borrows the held group).</summary>
        public int IommuGroupId()
        {
            lock (_lock)
            {
                VfioGroup group = _group ?? throw new InvalidOperationException("the device is not open");
                return _core.ExternalUserIommuId(group);
            }
        }

        /// <summary>
        /// Copies <paramref name="data"/> into guest memory at <paramref name="iova"/>: pins the pages it spans for the
        /// copy and unpins them whatever happens. Returns <c>false</c> when the pages cannot be pinned.
        /// </summary>
        public bool WriteGuest(long iova, ReadOnlySpan<byte> data, Span<byte> guestMemory)
        {
            lock (_lock)
            {
                VfioGroup group = _group ?? throw new InvalidOperationException("the device is not open");
                int pages = (data.Length + PageSize - 1) / PageSize;
                if (!_pinner.TryPin(group, iova, pages, out PinnedRange? range))
                {
                    return false;
                }

                try
                {
                    data.CopyTo(guestMemory.Slice((int)iova, data.Length));
                    return true;
                }
                finally
                {
                    _pinner.Unpin(range);
                }
            }
        }

        /// <summary>
        /// The parent's IOMMU group id, kernel style: the id, or a negative errno when no external user can be taken.
        /// Holds nothing afterwards.
        /// </summary>
        public static int ProbeIommuGroup(VfioCore core, VfioDevice parent)
        {
            int ret = core.GetExternalUserFromDevErrno(parent, out VfioGroup? group);
            if (ret < 0)
            {
                return ret;
            }

            int id = core.ExternalUserIommuId(group!);
            core.PutExternalUser(group!);
            return id;
        }

        /// <summary>
        /// Probes the parent's group without keeping it (what a vendor driver does at create time): whether the
        /// container can serve this device. Puts the group on every path.
        /// </summary>
        public static bool CanServe(VfioCore core, VfioDevice parent)
        {
            VfioGroup group;
            try
            {
                group = core.GetExternalUserFromDev(parent);
            }
            catch (VfioException)
            {
                return false;
            }

            try
            {
                return core.ExternalCheckExtension(group, (long)VfioIommuType.Type1v2) > 0;
            }
            finally
            {
                core.PutExternalUser(group);
            }
        }
    }
}
