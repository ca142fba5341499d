using System;
using Vfio;

namespace Contoso.Leaky
{
    /// <summary>The reviewed leak's cousins, written against the public external-user API of Vfio.Runtime.</summary>
    public sealed class Cousins
    {
        private readonly VfioCore _core;

        public Cousins(VfioCore core) => _core = core;

        /// <summary>Leak on a throw path: the group is put only when the check passes.</summary>
        public int IommuIdOf(VfioDevice device, int expectedGroupId)
        {
            VfioGroup group = _core.GetExternalUserFromDev(device);
            int iommuId = _core.ExternalUserIommuId(group);
            if (iommuId != expectedGroupId)
            {
                throw new InvalidOperationException($"{device} is in group {iommuId}, not {expectedGroupId}");    // VFIO001
            }

            _core.PutExternalUser(group);
            return iommuId;
        }

        /// <summary>Double put: an early put for the error case, and the finally puts again.</summary>
        public bool SupportsType1v2(VfioGroupFile file)
        {
            VfioGroup group = _core.GetExternalUser(file);
            try
            {
                if (_core.ExternalCheckExtension(group, (long)VfioIommuType.Type1v2) <= 0)
                {
                    _core.PutExternalUser(group);
                    return false;
                }

                return true;
            }
            finally
            {
                _core.PutExternalUser(group);    // VFIO002 on the path through the early put
            }
        }

        /// <summary>Put after a failed Try: nothing was acquired, so there is nothing to put.</summary>
        public Errno Probe(VfioGroupFile file)
        {
            if (!_core.TryGetExternalUser(file, out VfioGroup? group, out Errno error))
            {
                _core.PutExternalUser(group!);    // VFIO004
                return error;
            }

            _core.PutExternalUser(group);
            return Errno.None;
        }

        /// <summary>Discarded reference: called only to check that the device can be used, and never put.</summary>
        public bool IsUsable(VfioDevice device)
        {
            try
            {
                _core.GetExternalUserFromDev(device);    // VFIO005
                return true;
            }
            catch (VfioException)
            {
                return false;
            }
        }

        /// <summary>Use after put: the id is read from a group no longer held.</summary>
        public int PutThenAsk(VfioGroupFile file)
        {
            VfioGroup group = _core.GetExternalUser(file);
            _core.PutExternalUser(group);
            return _core.ExternalUserIommuId(group);    // VFIO003
        }

        /// <summary>Overwrite: the first group is still held when the variable takes the second.</summary>
        public bool SameGroup(VfioDevice first, VfioDevice second)
        {
            VfioGroup group = _core.GetExternalUserFromDev(first);
            int firstId = group.Id;
            group = _core.GetExternalUserFromDev(second);    // VFIO006
            bool same = group.Id == firstId;
            _core.PutExternalUser(group);
            return same;
        }
    }
}
