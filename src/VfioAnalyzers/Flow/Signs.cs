using System;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// The signs an integer may have. An integer result condition (acquired when the member returns 0, or 0 or more)
    /// splits a call into a side that holds and a side that does not; each side's result is known only by its sign,
    /// and a comparison with a constant decides the sides exactly, not by standing in one value for each.
    /// </summary>
    [Flags]
    internal enum Signs : byte
    {
        None = 0,
        Negative = 1,
        Zero = 2,
        Positive = 4,
        NonZero = Negative | Positive,
        NonNegative = Zero | Positive,
        NonPositive = Negative | Zero,
        Any = Negative | Zero | Positive,
    }
}
