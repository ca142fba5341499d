using System.Runtime.InteropServices;
using Xunit;

namespace VfioAnalyzers.PackageTests
{
    /// <summary>A fact about what a compiler on linux-x64 is given (the precompiled analyzer): reported as skipped elsewhere.</summary>
    public sealed class LinuxX64FactAttribute : FactAttribute
    {
        public LinuxX64FactAttribute()
        {
            if (RuntimeInformation.RuntimeIdentifier != "linux-x64")
            {
                Skip = "only a compiler on linux-x64 is given the precompiled analyzer";
            }
        }
    }
}
