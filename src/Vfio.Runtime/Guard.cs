using System;

namespace Vfio
{
    /// <summary>
    /// Argument checks that read the same on every target: netstandard2.0 has no <c>ArgumentNullException.ThrowIfNull</c>
    /// and its siblings. The exceptions and parameter names are the ones those helpers throw.
    /// </summary>
    internal static class Guard
    {
        public static void NotNull(object? value, string parameterName)
        {
            if (value is null)
            {
                throw new ArgumentNullException(parameterName);
            }
        }

        public static void NotNegative(int value, string parameterName)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(parameterName, value, $"{parameterName} ('{value}') must be a non-negative value.");
            }
        }

        public static void NotNullOrEmpty(string? value, string parameterName)
        {
            NotNull(value, parameterName);
            if (value!.Length == 0)
            {
                throw new ArgumentException("The value cannot be an empty string.", parameterName);
            }
        }
    }
}
