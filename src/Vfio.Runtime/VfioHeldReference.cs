using System.Reflection;

namespace Vfio
{
    /// <summary>
    /// One external-user reference still held on a core, and where it was taken: listed by
    /// <see cref="VfioCore.HeldExternalUsers"/> so that a test can assert that nothing leaked.
    /// </summary>
    public sealed class VfioHeldReference
    {
        internal VfioHeldReference(VfioGroup group, string callSite, MethodBase? method, int managedThreadId)
        {
            Group = group;
            CallSite = callSite;
            Method = method;
            ManagedThreadId = managedThreadId;
        }

        /// <summary>The group the reference is held on.</summary>
        public VfioGroup Group { get; }

        /// <summary>The group's number.</summary>
        public int GroupId => Group.Id;

        /// <summary>
        /// The first caller outside <c>Vfio.Runtime</c> of the member that acquired the reference, as
        /// <c>Namespace.Type.Method</c>, followed by <c>in file:line N</c> when symbols are available.
        /// </summary>
        public string CallSite { get; }

        /// <summary>The managed thread that acquired the reference.</summary>
        public int ManagedThreadId { get; }

        /// <summary>The method of <see cref="CallSite"/>, used to pair a put with the acquire it most likely matches.</summary>
        internal MethodBase? Method { get; }

        /// <inheritdoc/>
        public override string ToString() => $"vfio-group {GroupId} taken at {CallSite} (thread {ManagedThreadId})";
    }
}
