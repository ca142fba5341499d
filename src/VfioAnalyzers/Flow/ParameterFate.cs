namespace VfioAnalyzers.Flow
{
    /// <summary>What a helper of the same compilation does with a reference passed to one of its parameters.</summary>
    internal enum ParameterFate
    {
        /// <summary>It only uses it: the caller keeps the duty.</summary>
        Borrowed,

        /// <summary>It releases it on every path.</summary>
        Releases,

        /// <summary>It releases or stores it on every path: the duty moves with it.</summary>
        Consumes,
    }
}
