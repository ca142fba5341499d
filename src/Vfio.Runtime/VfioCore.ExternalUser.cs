using System;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Vfio.Annotations;

namespace Vfio
{
    /// <summary>
    /// The external-user API (<c>vfio_group_get_external_user</c> and friends), kind <c>"vfio-group"</c>: the
    /// get members acquire one external-user reference (a container user, then a group reference),
    /// <see cref="PutExternalUser"/> releases it.
    /// </summary>
    public sealed partial class VfioCore
    {
        /// <summary>The reference kind of the public external-user API.</summary>
        internal const string ExternalUserKind = "vfio-group";

        /// <summary>
        /// <c>vfio_group_get_external_user</c>: acquires one external-user reference on the group of an open group
        /// file, proving the caller owns the group. Put it with <see cref="PutExternalUser"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="file"/> is null.</exception>
        /// <exception cref="VfioException"><see cref="Errno.EINVAL"/> when the file is closed or belongs to another core,
        /// when no container is set, the container has no IOMMU backend, or the group is not viable;
        /// <see cref="Errno.EPERM"/> for a noiommu group. Nothing is held afterwards.</exception>
        [Acquires(ExternalUserKind)]
        public VfioGroup GetExternalUser(VfioGroupFile file)
        {
            if (!TryGetExternalUser(file, out VfioGroup? group, out Errno error))
            {
                throw new VfioException(error, "cannot get an external user from the group file");
            }

            return group;
        }

        /// <summary>
        /// <c>vfio_group_get_external_user_from_dev</c> (as fixed after review): acquires one external-user reference
        /// on the group of a device. For trusted code: it does not prove that the caller owns the group.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="device"/> is null.</exception>
        /// <exception cref="VfioException"><see cref="Errno.ENODEV"/> when the device has no VFIO group (or belongs to
        /// another core); otherwise as <see cref="GetExternalUser(VfioGroupFile)"/>. Nothing is held afterwards.</exception>
        [Acquires(ExternalUserKind)]
        public VfioGroup GetExternalUserFromDev(VfioDevice device)
        {
            if (!TryGetExternalUserFromDev(device, out VfioGroup? group, out Errno error))
            {
                throw new VfioException(error, "cannot get an external user from the device");
            }

            return group;
        }

        /// <summary>
        /// <see cref="GetExternalUser(VfioGroupFile)"/> without exceptions: <c>true</c> with a held reference in
        /// <paramref name="group"/> and <see cref="Errno.None"/>, or <c>false</c>, <paramref name="group"/> <c>null</c>,
        /// nothing held, and the error.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="file"/> is null.</exception>
        public bool TryGetExternalUser(
            VfioGroupFile file,
            [Acquires(ExternalUserKind)][NotNullWhen(true)] out VfioGroup? group,
            out Errno error)
        {
            Guard.NotNull(file, nameof(file));
            (string, MethodBase?) callSite = CaptureCallSite(withFileInfo: true);
            group = null;
            if (file.Core != this)
            {
                error = Errno.EINVAL;
                return false;
            }

            lock (file.SyncRoot)
            {
                // The file holds a group reference while open, so the group cannot go away under us.
                VfioGroup? fileGroup = file.GroupOrNull;
                if (fileGroup is null)
                {
                    error = Errno.EINVAL;
                    return false;
                }

                // The container user first and the reference last, so no failure path needs a put.
                if (!AddContainerUser(fileGroup, out error))
                {
                    return false;
                }

                GroupGet(fileGroup);
                RecordExternalUser(fileGroup, callSite);
                group = fileGroup;
                return true;
            }
        }

        /// <summary>
        /// <see cref="GetExternalUserFromDev(VfioDevice)"/> without exceptions: <c>true</c> with a held reference in
        /// <paramref name="group"/> and <see cref="Errno.None"/>, or <c>false</c>, <paramref name="group"/> <c>null</c>,
        /// nothing held, and the error.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="device"/> is null.</exception>
        public bool TryGetExternalUserFromDev(
            VfioDevice device,
            [Acquires(ExternalUserKind)][NotNullWhen(true)] out VfioGroup? group,
            out Errno error)
        {
            Guard.NotNull(device, nameof(device));
            (string, MethodBase?) callSite = CaptureCallSite(withFileInfo: true);
            group = null;

            // The group reference first: every later failure must put it (the reviewed fix).
            VfioGroup? found = GroupFromDevice(device);
            if (found is null)
            {
                error = Errno.ENODEV;
                return false;
            }

            if (!AddContainerUser(found, out error))
            {
                GroupPut(found);
                return false;
            }

            RecordExternalUser(found, callSite);
            group = found;
            return true;
        }

        /// <summary>
        /// <see cref="GetExternalUser(VfioGroupFile)"/> in the kernel's own convention: <c>0</c> with a held reference in
        /// <paramref name="group"/>, or a negative errno (<c>-(int)Errno.EINVAL</c> and the like, as
        /// <c>PTR_ERR</c> gives it), <paramref name="group"/> <c>null</c>, and nothing held. Never positive.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="file"/> is null.</exception>
        public int GetExternalUserErrno(VfioGroupFile file, [Acquires(ExternalUserKind, When = AcquiredWhen.Zero)] out VfioGroup? group) =>
            TryGetExternalUser(file, out group, out Errno error) ? 0 : -(int)error;

        /// <summary>
        /// <see cref="GetExternalUserFromDev(VfioDevice)"/> in the kernel's own convention: <c>0</c> with a held reference
        /// in <paramref name="group"/>, or a negative errno, <paramref name="group"/> <c>null</c>, and nothing held.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="device"/> is null.</exception>
        public int GetExternalUserFromDevErrno(VfioDevice device, [Acquires(ExternalUserKind, When = AcquiredWhen.Zero)] out VfioGroup? group) =>
            TryGetExternalUserFromDev(device, out group, out Errno error) ? 0 : -(int)error;

        /// <summary>
        /// <c>vfio_group_put_external_user</c>: releases one external-user reference: tries to dissolve the container
        /// (the last container user detaches the group, and a container left without groups drops its backend),
        /// then puts the group reference.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="group"/> is null.</exception>
        /// <exception cref="InvalidOperationException">No external-user reference is held on the group (never
        /// acquired, or already put): the put is refused and nothing changes.</exception>
        /// <exception cref="VfioException"><see cref="Errno.EINVAL"/> when the group belongs to another core; nothing changes.</exception>
        public void PutExternalUser([Releases(ExternalUserKind)] VfioGroup group)
        {
            Guard.NotNull(group, nameof(group));
            if (group.Core != this)
            {
                throw new VfioException(Errno.EINVAL, $"{group} belongs to another VFIO core");
            }

            ForgetExternalUser(group, CaptureCallSite(withFileInfo: false).Method);
            TryDissolveContainer(group);
            GroupPut(group);
        }

        /// <summary>
        /// <c>vfio_external_group_match_file</c>: whether <paramref name="file"/> is an open group file of this core
        /// whose group is <paramref name="group"/>.
        /// </summary>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        public bool ExternalGroupMatchFile(VfioGroup group, VfioGroupFile file)
        {
            Guard.NotNull(group, nameof(group));
            Guard.NotNull(file, nameof(file));
            if (file.Core != this)
            {
                return false;
            }

            lock (file.SyncRoot)
            {
                return ReferenceEquals(file.GroupOrNull, group);
            }
        }

        /// <summary><c>vfio_external_user_iommu_id</c>: the IOMMU group id of a group the caller holds as an external user.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="group"/> is null.</exception>
        /// <exception cref="VfioException"><see cref="Errno.EINVAL"/> when the group belongs to another core.</exception>
        /// <exception cref="InvalidOperationException">No external-user reference is held on the group.</exception>
        public int ExternalUserIommuId(VfioGroup group)
        {
            RequireExternalUser(group);
            return group.IommuGroup.Id;
        }

        /// <summary>
        /// <c>vfio_external_check_extension</c>: asks the group's container whether an extension is supported: its
        /// selected backend, or the registered backends when none is selected. &gt; 0 yes, 0 no. Type1 answers 1 for
        /// <c>VFIO_TYPE1_IOMMU</c> (1), <c>VFIO_TYPE1v2_IOMMU</c> (3), <c>VFIO_TYPE1_NESTING_IOMMU</c> (6),
        /// <c>VFIO_UNMAP_ALL</c> (9), <c>VFIO_UPDATE_VADDR</c> (10), and <c>VFIO_DMA_CC_IOMMU</c> (4) once selected.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="group"/> is null.</exception>
        /// <exception cref="VfioException"><see cref="Errno.EINVAL"/> when the group belongs to another core.</exception>
        /// <exception cref="InvalidOperationException">No external-user reference is held on the group, so it may
        /// have no container (the kernel would dereference a null container).</exception>
        public long ExternalCheckExtension(VfioGroup group, long extension)
        {
            RequireExternalUser(group);
            VfioContainer container = group.Container
                ?? throw new InvalidOperationException($"{group} has no container: no external-user reference is held on it.");
            return container.CheckExtensionCore(extension);
        }

        private void RequireExternalUser(VfioGroup group)
        {
            Guard.NotNull(group, nameof(group));
            if (group.Core != this)
            {
                throw new VfioException(Errno.EINVAL, $"{group} belongs to another VFIO core");
            }

            if (group.ExternalUsers <= 0)
            {
                throw new InvalidOperationException($"{group}: no external-user reference is held on it.");
            }
        }
    }
}
