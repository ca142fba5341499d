using System.Threading.Tasks;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Ownership
{
    /// <summary>
    /// docs/ownership.md, rule 1: a reference passed to a constructor that stores it is handed on; one that only reads
    /// it lends it. Primary constructors (records, classes) are read from their type (issue 12).
    /// </summary>
    public class PrimaryConstructorTests
    {
        [Fact]
        public Task RecordAndClassPrimaryConstructors_StoreTheReference_AreClean()
        {
            const string source = """
                using System;
                using Vfio;

                sealed record Holder(VfioCore Core, VfioGroup Group) : IDisposable
                {
                    public void Dispose() => Core.PutExternalUser(Group);
                }

                sealed class Keeper(VfioCore core, VfioGroup group) : IDisposable
                {
                    public void Dispose() => core.PutExternalUser(group);
                }

                sealed class Initialised(VfioGroup group)
                {
                    public VfioGroup Group { get; } = group;
                }

                class Driver
                {
                    object? _kept;

                    void Use(VfioCore core, VfioGroupFile file)
                    {
                        using var holder = new Holder(core, core.GetExternalUser(file));
                        using var keeper = new Keeper(core, core.GetExternalUser(file));
                        _kept = new Initialised(core.GetExternalUser(file));
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task PrimaryConstructorThatOnlyReads_LendsTheReference()
        {
            const string source = """
                using Vfio;

                class Base
                {
                    protected Base(int id) => Id = id;

                    public int Id { get; }
                }

                sealed class Reader(VfioGroup group) : Base(group.Id)
                {
                }

                class Driver
                {
                    int Use(VfioCore core, VfioGroupFile file)
                    {
                        var reader = new Reader({|#0:core.GetExternalUser(file)|});
                        return reader.Id;
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO005").WithLocation(0).WithArguments("'vfio-group'", "GetExternalUser"));
        }
    }
}
