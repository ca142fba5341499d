using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Pairs
{
    /// <summary>Kinds keep pairs apart: a release of another kind does not release, it is flagged.</summary>
    public class KindTests
    {
        private const string Device = """
            using Vfio.Annotations;

            namespace Contoso.Pm
            {
                public sealed class Device { }

                public static class Power
                {
                    public static bool TryResume([Acquires("pm-runtime")] Device device) => true;
                    public static void Suspend([Releases("pm-runtime")] Device device) { }
                    public static void Open([Acquires("device-open")] Device device) { }
                    public static void Close([Releases("device-open")] Device device) { }
                }
            }
            """;

        [Fact]
        public Task ReleaseOfTheWrongKind_IsFlagged()
        {
            const string source = Device + """

                namespace App
                {
                    using Contoso.Pm;

                    class User
                    {
                        void Use(Device device, bool quick)
                        {
                            if (!{|#2:Power.TryResume(device)|})
                                return;
                            {|#0:Power.Close(device)|};
                            if (quick)
                                {|#1:return;|}
                            Power.Suspend(device);
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO004").WithLocation(0).WithArguments("'device-open'", "device", "it holds the 'pm-runtime' reference from 'TryResume'"),
                Verify.Diagnostic("VFIO001").WithLocation(1).WithLocation(2).WithArguments("'pm-runtime'", "device", "TryResume", " (when 'quick' is true)"));
        }

        [Fact]
        public Task TwoKindsOnOneObject_EachReleasedByItsOwn_IsClean()
        {
            const string source = Device + """

                namespace App
                {
                    using Contoso.Pm;

                    class User
                    {
                        void Use(Device device)
                        {
                            if (!Power.TryResume(device))
                                return;
                            try
                            {
                                Power.Open(device);
                                Power.Close(device);
                            }
                            finally
                            {
                                Power.Suspend(device);
                            }
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task PresetKinds_ArrayReturnedToAMonitorExit_IsFlagged()
        {
            const string source = """
                using System.Buffers;
                using System.Threading;

                static class Mixup
                {
                    public static void Use()
                    {
                        object[] items = ArrayPool<object>.Shared.Rent(4);
                        {|#0:Monitor.Exit(items)|};
                        ArrayPool<object>.Shared.Return(items);
                    }
                }
                """;
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO004").WithLocation(0).WithArguments("'monitor-lock'", "items", "it holds the 'array-pool' reference from 'Rent'"));
        }
    }
}
