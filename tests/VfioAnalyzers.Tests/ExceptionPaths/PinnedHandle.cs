using Microsoft.CodeAnalysis.Testing;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.ExceptionPaths
{
    /// <summary>A pinned GCHandle held across the code under test, and the finding a throwing call there gives.</summary>
    internal static class PinnedHandle
    {
        public static DiagnosticResult Leak(string reason, string call = "Work()") =>
            Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'gc-handle'", "h", "Alloc", $" (if '{call}' throws: {reason})");

        public static string Pinning(string between, string members = "", string after = "") => $$"""
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Runtime.InteropServices;
            using System.Threading.Tasks;

            class Pinner
            {
                {{members}}

                public void Pin(byte[] data, Stream stream, Func<int> callback, List<int> list, int[] numbers)
                {
                    var h = {|#1:GCHandle.Alloc(data, GCHandleType.Pinned)|};
                    {{between}}
                    h.Free();
                    {{after}}
                }
            }
            """;
    }
}
