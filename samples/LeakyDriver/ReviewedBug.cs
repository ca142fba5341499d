using Vfio;
using Vfio.Annotations;

namespace Contoso.Leaky
{
    /// <summary>
    /// The group table of a VFIO core, at the level of the kernel's internals: <c>vfio_group_get_from_dev</c> takes a
    /// group reference, <c>vfio_group_put</c> drops it.
    /// </summary>
    public interface IVfioGroupTable
    {
        /// <summary><c>vfio_group_get_from_dev</c>: the device's group with a new reference, or null.</summary>
        [return: Acquires("vfio-group-ref")]
        VfioGroup? GetFromDev(VfioDevice device);

        /// <summary><c>vfio_group_add_container_user</c>: <see cref="Errno.None"/>, or why the group has no usable container.</summary>
        Errno AddContainerUser(VfioGroup group);

        /// <summary><c>vfio_group_put</c>.</summary>
        void Put([Releases("vfio-group-ref")] VfioGroup group);
    }

    /// <summary>
    /// <c>vfio_group_get_external_user_from_dev</c> as first posted, before review:
    /// <code>
    /// group = vfio_group_get_from_dev(dev);      /* takes a group reference   */
    /// if (!group)
    ///         return ERR_PTR(-ENODEV);
    /// ret = vfio_group_add_container_user(group);
    /// if (ret)
    ///         return ERR_PTR(ret);               /* leak: group never put     */
    /// return group;
    /// </code>
    /// </summary>
    public sealed class PreReviewExternalUser
    {
        private readonly IVfioGroupTable _groups;

        public PreReviewExternalUser(IVfioGroupTable groups) => _groups = groups;

        public VfioGroup? GetExternalUserFromDev(VfioDevice device, out Errno error)
        {
            VfioGroup? group = _groups.GetFromDev(device);
            if (group is null)
            {
                error = Errno.ENODEV;
                return null;
            }

            error = _groups.AddContainerUser(group);
            if (error != Errno.None)
            {
                return null;    // VFIO001: the group reference is never put (review asked for _groups.Put(group) here)
            }

            return group;
        }
    }
}
