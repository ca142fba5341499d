namespace VfioAnalyzers.Flow
{
    /// <summary>What one acquisition site's reference is, on one path.</summary>
    internal enum ResourceStatus : byte
    {
        /// <summary>Not acquired on this path (yet).</summary>
        None,

        /// <summary>Held by this method: it must be released or handed on.</summary>
        Held,

        /// <summary>Released by this method.</summary>
        Released,

        /// <summary>The acquire failed (false result, null value): nothing is held.</summary>
        NotHeld,

        /// <summary>Handed on: returned, stored, or given to a member that keeps or releases it.</summary>
        Escaped,

        /// <summary>Already reported as lost (discarded, overwritten, leaked at a scope end).</summary>
        Lost,
    }
}
