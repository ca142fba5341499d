namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// How a value holds the references it refers to (docs/ownership.md, "Derived values"). A value derived from a
    /// held reference may carry its ownership: whoever ends up with the value can give the reference back.
    /// </summary>
    internal enum Carrier : byte
    {
        /// <summary>The value is the reference itself (or an alias of it).</summary>
        Itself,

        /// <summary>
        /// An object that wraps the reference (<c>new ArraySegment&lt;T&gt;(rented)</c>, <c>rented.AsMemory()</c>,
        /// <c>new MemoryHandle(p, handle)</c>). Lent to a call like the reference itself, and used like it (a use after
        /// the release is one); returned or stored, it hands the reference on.
        /// </summary>
        Wrapper,

        /// <summary>
        /// The reference's identity token (<c>GCHandle.ToIntPtr(h)</c>, <c>(IntPtr)h</c>, the same token converted):
        /// the only way to get the reference back later. Passed to any call, it hands the reference on.
        /// </summary>
        Token,

        /// <summary>
        /// A local struct, or an object being initialised, with the reference in one of its fields. Lent and handed on
        /// like a wrapper, but using the container is not using the reference (its other fields are its own).
        /// </summary>
        Container,

        /// <summary>A container with a token in one of its fields: given to any call, it hands the reference on.</summary>
        TokenContainer,
    }
}
