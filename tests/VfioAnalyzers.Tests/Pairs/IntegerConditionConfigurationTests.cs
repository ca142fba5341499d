using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using VfioAnalyzers.Rules;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.Pairs
{
    /// <summary>
    /// The integer-result conditions declared in the pairs file (<c>when zero</c>, <c>when non-negative</c>) and in a
    /// project's own copy of the attributes, and VFIO900 for the ones that cannot be honoured (issue 12).
    /// </summary>
    public class IntegerConditionConfigurationTests
    {
        private const string Library = """
            namespace Contoso
            {
                public sealed class Lease { }

                public static class Native
                {
                    public static int Open(string name, out Lease? lease) { lease = new Lease(); return 3; }
                    public static int Acquire(Lease lease) => 0;
                    public static bool TryOpen(string name, out Lease? lease) { lease = new Lease(); return true; }
                    public static void Close(Lease lease) { }
                }
            }
            """;

        [Fact]
        public Task PairsFile_WhenNonNegative()
        {
            const string source = Library + """

                namespace App
                {
                    using Contoso;

                    class User
                    {
                        int Clean(string name)
                        {
                            int fd = Native.Open(name, out var lease);
                            if (fd < 0)
                                return fd;
                            Native.Close(lease!);
                            return fd;
                        }

                        int Leaks(string name, bool early)
                        {
                            int fd = {|#1:Native.Open(name, out var lease)|};
                            if (fd < 0)
                                return fd;
                            if (early)
                                {|#0:return -1;|}
                            Native.Close(lease!);
                            return fd;
                        }
                    }
                }
                """;
            const string pairs = """
                acquire lease M:Contoso.Native.Open(System.String,Contoso.Lease@) out lease when non-negative
                release lease M:Contoso.Native.Close(Contoso.Lease) argument lease
                """;
            return PairsVerifier.VerifyAsync(source, pairs,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'lease'", "lease", "Open", " (when 'early' is true)"));
        }

        [Fact]
        public Task PairsFile_WhenZero_OnAnArgument()
        {
            const string source = Library + """

                namespace App
                {
                    using Contoso;

                    class User
                    {
                        void Clean()
                        {
                            var lease = new Lease();
                            if (Native.Acquire(lease) is not 0)
                                return;
                            Native.Close(lease);
                        }

                        void Leaks()
                        {
                            var lease = new Lease();
                            if ({|#1:Native.Acquire(lease)|} < 0)
                                return;
                        {|#0:}|}
                    }
                }
                """;
            const string pairs = """
                acquire lease M:Contoso.Native.Acquire(Contoso.Lease) argument lease when zero
                release lease M:Contoso.Native.Close(Contoso.Lease) argument lease
                """;
            return PairsVerifier.VerifyAsync(source, pairs,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'lease'", "lease", "Acquire", " (when 'Native.Acquire(lease) < 0' is false)"));
        }

        [Fact]
        public Task PairsFile_IntegerConditionWithoutAnIntegerResult_IsVFIO900()
        {
            const string source = Library;
            const string pairs = """
                acquire lease M:Contoso.Native.TryOpen(System.String,Contoso.Lease@) {|#0:out|} lease when zero
                acquire lease M:Contoso.Native.Open(System.String,Contoso.Lease@) {|#1:return|} when non-negative
                """;
            return PairsVerifier.VerifyAsync(source, pairs,
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments("'vfio_analyzers.pairs.txt' line 1", "'when zero' needs 'TryOpen' to return an integer status (int, long, short or sbyte)"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(1).WithArguments("'vfio_analyzers.pairs.txt' line 2", "'return' takes 'when always' or 'when not-null', not 'when non-negative'"));
        }

        [Fact]
        public Task Attribute_ValuesItCannotHonour_AreVFIO900()
        {
            const string source = """
                using Vfio.Annotations;

                sealed class Lease { }

                static class Native
                {
                    public static int Unknown(string name, [Acquires("lease", {|#0:When = (AcquiredWhen)7|})] out Lease? lease) { lease = new Lease(); return 0; }
                    public static bool NotAnInteger(string name, [Acquires("lease", {|#1:When = AcquiredWhen.Zero|})] out Lease? lease) { lease = new Lease(); return true; }
                    [return: Acquires("lease", {|#2:When = AcquiredWhen.NonNegative|})]
                    public static Lease Returned() => new Lease();
                    public static int Fine(string name, [Acquires("lease", When = AcquiredWhen.Default)] out Lease? lease) { lease = new Lease(); return 0; }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments("[Acquires] on 'Unknown'", "unknown When value '7' (known: Default, Zero, NonNegative)"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(1).WithArguments("[Acquires] on 'NotAnInteger'", "When = Zero needs 'NotAnInteger' to return an integer status (int, long, short or sbyte); it returns 'bool'"),
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(2).WithArguments("[Acquires] on 'Returned'", "When = NonNegative applies to an out or by-value parameter of a member returning an integer status, not to what 'Returned' returns"));
        }

        [Fact]
        public Task Attribute_WhenSpelledWithAnEscape_IsVFIO900()
        {
            // The method's file never spells `When` (the attributes are a copy of the project's own, declared in
            // another file): the check that spares files without the named argument reads this one anyway.
            const string attributes = """
                using System;

                namespace Vfio.Annotations
                {
                    [AttributeUsage(AttributeTargets.Method | AttributeTargets.ReturnValue | AttributeTargets.Parameter)]
                    internal sealed class AcquiresAttribute : Attribute { public AcquiresAttribute(string kind) { } public string? When { get; set; } }

                    [AttributeUsage(AttributeTargets.Parameter)]
                    internal sealed class ReleasesAttribute : Attribute { public ReleasesAttribute(string kind) { } }
                }
                """;
            const string source = """
                using Vfio.Annotations;

                sealed class Lease { }

                static class Native
                {
                    public static int Odd(string name, [Acquires("lease", {|#0:\u0057hen = "sometimes"|})] out Lease? lease) { lease = new Lease(); return 3; }
                }
                """;
            var test = new Verify.Test();
            test.TestState.Sources.Clear();
            test.TestState.Sources.Add(("Attributes.cs", attributes));
            test.TestState.Sources.Add(("Native.cs", source));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments("[Acquires] on 'Odd'", "unknown When value 'sometimes' (known: Default, Zero, NonNegative)"));
            return test.RunAsync(CancellationToken.None);
        }

        [Theory]
        [InlineData("Declaration.cs")]
        [InlineData("Native.g.cs")]
        public Task Attribute_OnThePartialImplementationInAnotherFile_IsVFIO900Once(string declarationFile)
        {
            // The declaring part's file never spells `When`; the implementing part's does. A partial method's parts
            // carry the same attributes: the problem is reported once. A generated declaring part (a .g.cs file) is
            // not analysed at all: the hand-written implementing part is the only part asked about.
            const string declaration = """
                sealed class Lease { }

                static partial class Native
                {
                    public static partial int Open(string name, out Lease? lease);
                }
                """;
            const string implementation = """
                using Vfio.Annotations;

                static partial class Native
                {
                    public static partial int Open(string name, [Acquires("lease", {|#0:When = (AcquiredWhen)7|})] out Lease? lease) { lease = new Lease(); return 0; }
                }
                """;
            var test = new Verify.Test();
            test.TestState.Sources.Add((declarationFile, declaration));
            test.TestState.Sources.Add(("Implementation.cs", implementation));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments("[Acquires] on 'Open'", "unknown When value '7' (known: Default, Zero, NonNegative)"));
            return test.RunAsync(CancellationToken.None);
        }

        [Fact]
        public Task Attribute_OnALocalFunction_IsVFIO900_AndAGoodOneIsClean()
        {
            // A local function's contract is read like a method's, but no symbol action sees local functions.
            const string source = """
                using Vfio.Annotations;

                sealed class Lease { }

                static class Native
                {
                    public static int Use(string name)
                    {
                        return name.Length;

                        static int Open(string name, [Acquires("lease", {|#0:When = (AcquiredWhen)7|})] out Lease? lease) { lease = new Lease(); return 0; }
                        static int Close(string name, [Acquires("lease", When = AcquiredWhen.NonNegative)] out Lease? lease) { lease = new Lease(); return 0; }
                    }

                    public static int Other() => System.Threading.Tasks.Task.WhenAll().IsCompleted ? 1 : 0;
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments("[Acquires] on 'Open'", "unknown When value '7' (known: Default, Zero, NonNegative)"));
        }

        [Fact]
        public Task OwnCopy_StringWhen_IsRead_AndAnUnknownWordIsVFIO900()
        {
            // A project's own copy of the attributes may spell the condition as the pairs file does.
            const string source = """
                using System;
                using Vfio.Annotations;

                namespace Vfio.Annotations
                {
                    [AttributeUsage(AttributeTargets.Method | AttributeTargets.ReturnValue | AttributeTargets.Parameter)]
                    internal sealed class AcquiresAttribute : Attribute { public AcquiresAttribute(string kind) { } public string? When { get; set; } }

                    [AttributeUsage(AttributeTargets.Parameter)]
                    internal sealed class ReleasesAttribute : Attribute { public ReleasesAttribute(string kind) { } }
                }

                sealed class Lease { }

                static class Native
                {
                    public static int Open(string name, [Acquires("lease", When = "non-negative")] out Lease? lease) { lease = new Lease(); return 3; }
                    public static int Odd(string name, [Acquires("lease", {|#0:When = "sometimes"|})] out Lease? lease) { lease = new Lease(); return 3; }
                    public static void Close([Releases("lease")] Lease lease) { }
                }

                class User
                {
                    int Clean(string name)
                    {
                        int fd = Native.Open(name, out var lease);
                        if (fd < 0)
                            return fd;
                        Native.Close(lease!);
                        return fd;
                    }

                    int Leaks(string name)
                    {
                        int fd = {|#2:Native.Open(name, out var lease)|};
                        if (fd != 0)
                            {|#1:return fd;|}
                        Native.Close(lease!);
                        return 0;
                    }
                }
                """;
            var test = new Verify.Test();
            test.TestState.Sources.Clear();
            test.TestCode = source;
            test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.BadConfiguration).WithLocation(0).WithArguments("[Acquires] on 'Odd'", "unknown When value 'sometimes' (known: Default, Zero, NonNegative)"));
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("VFIO001").WithLocation(1).WithLocation(2).WithArguments("'lease'", "lease", "Open", " (when 'fd != 0' is true)"));
            return test.RunAsync(CancellationToken.None);
        }
    }
}
