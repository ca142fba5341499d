using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Vfio;
using Vfio.Annotations;

namespace Contoso.Mdev
{
    /// <summary>Guest pages pinned for DMA (what <c>vfio_pin_pages</c> hands back): released with <see cref="PagePinner.Unpin"/>.</summary>
    public sealed record PinnedRange(int GroupId, long Iova, int PageCount);

    /// <summary>
    /// The vendor's pin table: pins guest pages through a group the caller holds as an external user. Its pin/unpin
    /// pair is a reference kind of its own (<c>"dma-pin"</c>), so the analyzer checks every caller of it too.
    /// </summary>
    public sealed class PagePinner
    {
        /// <summary>Largest number of pages one call may pin (the kernel's VFIO_PIN_PAGES_MAX_ENTRIES).</summary>
        public const int MaxPagesPerCall = 512;

        private readonly VfioCore _core;
        private readonly object _lock = new object();
        private readonly HashSet<PinnedRange> _pinned = new HashSet<PinnedRange>();

        public PagePinner(VfioCore core) => _core = core;

        /// <summary>Ranges pinned now.</summary>
        public int PinnedCount
        {
            get
            {
                lock (_lock)
                {
                    return _pinned.Count;
                }
            }
        }

        /// <summary>Pins <paramref name="pageCount"/> pages at <paramref name="iova"/>; <c>false</c> when the range is invalid or already pinned.</summary>
        public bool TryPin(VfioGroup group, long iova, int pageCount, [Acquires("dma-pin")][NotNullWhen(true)] out PinnedRange? range)
        {
            range = null;
            if (pageCount <= 0 || pageCount > MaxPagesPerCall || iova < 0 || (iova & 0xFFF) != 0)
            {
                return false;
            }

            // Borrowing the caller's external user: the group's IOMMU id tags the pinned range.
            PinnedRange candidate = new PinnedRange(_core.ExternalUserIommuId(group), iova, pageCount);
            lock (_lock)
            {
                if (!_pinned.Add(candidate))
                {
                    return false;
                }
            }

            range = candidate;
            return true;
        }

        /// <summary>Unpins a range pinned by <see cref="TryPin"/>.</summary>
        public void Unpin([Releases("dma-pin")] PinnedRange range)
        {
            lock (_lock)
            {
                if (!_pinned.Remove(range))
                {
                    throw new InvalidOperationException($"{range} is not pinned");
                }
            }
        }
    }
}
