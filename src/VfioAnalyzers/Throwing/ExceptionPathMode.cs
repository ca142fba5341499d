namespace VfioAnalyzers.Throwing
{
    /// <summary>Which calls between an acquire and its release count as paths out of the method (docs/exception-paths.md).</summary>
    internal enum ExceptionPathMode
    {
        /// <summary>Only explicit exits: <c>return</c>, <c>throw</c>, the closing brace.</summary>
        None,

        /// <summary>Also the calls that may throw, as <see cref="MayThrowOracle"/> judges them.</summary>
        Precise,

        /// <summary>Also every call, as CA2000 counts them.</summary>
        AllCalls,
    }
}
