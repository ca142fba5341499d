using System.Threading.Tasks;
using VfioAnalyzers.Tests.Pairs;
using VfioAnalyzers.Rules;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.ExceptionPaths
{
    /// <summary>The pairs file's <c>throws</c> and <c>nothrow</c> lines decide before every built-in rule; bad ones are VFIO900.</summary>
    public class ThrowListingTests
    {
        private const string Source = """
            using System;
            using System.Runtime.InteropServices;

            namespace Contoso
            {
                public static class Codec
                {
                    public static int Encode(int n) => n * 2;
                    public static int Decode(int n) => n < 0 ? throw new FormatException() : n / 2;
                }

                class Pinner
                {
                    public void Pin(byte[] data)
                    {
                        var h = {|#1:GCHandle.Alloc(data, GCHandleType.Pinned)|};
                        var sum = {|#0:Codec.Encode(data.Length)|} + Codec.Decode(data.Length) + {|#2:Math.Abs(data.Length)|};
                        h.Free();
                    }
                }
            }
            """;

        [Fact]
        public Task ThrowsAndNothrowLines_OverrideTheRules()
        {
            const string pairs = """
                preset dotnet
                throws M:Contoso.Codec.Encode(System.Int32)
                nothrow M:Contoso.Codec.Decode(System.Int32)
                throws T:System.Math
                """;
            return PairsVerifier.VerifyAsync(Source, pairs,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'gc-handle'", "h", "Alloc", " (if 'Codec.Encode(data.Length)' throws: it is listed as throwing in the pairs file)"),
                Verify.Diagnostic("VFIO001").WithLocation(2).WithLocation(1).WithArguments("'gc-handle'", "h", "Alloc", " (if 'Math.Abs(data.Length)' throws: it is a member of 'Math', listed as throwing in the pairs file)"));
        }

        [Fact]
        public Task BadLines_AreReportedWhereTheyAre()
        {
            const string pairs = """
                preset dotnet
                nothrow M:Contoso.Codec.Decode(System.Int32)
                {|#0:throws|}
                throws {|#1:Contoso.Codec|}
                nothrow {|#2:M:Contoso.Codec.Missing|}
                throws T:Contoso.Codec {|#3:extra|}
                """;
            const string clean = """
                using System;

                namespace Contoso
                {
                    public static class Codec
                    {
                        public static int Decode(int n) => n < 0 ? throw new FormatException() : n / 2;
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(clean, pairs,
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments("'vfio_analyzers.pairs.txt' line 3", "missing member or type id: write 'throws M:MEMBER-ID' or 'throws T:TYPE-ID'"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(1).WithArguments("'vfio_analyzers.pairs.txt' line 4", "'Contoso.Codec' is not a method's or a type's documentation id (M:Namespace.Type.Method(ParameterTypes), T:Namespace.Type)"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(2).WithArguments("'vfio_analyzers.pairs.txt' line 5", "no method 'M:Contoso.Codec.Missing' in the compilation or its references"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(3).WithArguments("'vfio_analyzers.pairs.txt' line 6", "unexpected 'extra' after the id: write 'throws M:MEMBER-ID' or 'throws T:TYPE-ID'"));
        }
    }
}
