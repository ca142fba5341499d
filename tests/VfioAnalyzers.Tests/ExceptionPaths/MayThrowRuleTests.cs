using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using VfioAnalyzers.Tests.Pairs;
using Xunit;
using static VfioAnalyzers.Tests.ExceptionPaths.PinnedHandle;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.ExceptionPaths
{
    /// <summary>
    /// The rules of the precise "may throw" judgement (docs/exception-paths.md), each with a call that counts and one
    /// that does not. A pinned GCHandle (a permanent kind) is held across the call; by default its exception paths count.
    /// </summary>
    public class MayThrowRuleTests
    {
        [Fact]
        public Task ThrowTwoCallsDeep_Counts()
        {
            var source = Pinning("{|#0:Work()|};", """
                void Work() => Check(1);
                void Check(int n) { if (n > 0) Fail(); }
                static void Fail() => throw new InvalidOperationException("no");
                """);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Leak("it calls 'Check', which calls 'Fail', which throws 'InvalidOperationException'"));
        }

        [Fact]
        public Task Recursion_AThrowAnywhereInTheCycleCounts_ACycleWithoutOneDoesNot()
        {
            var source = Pinning("Depth(numbers, 0); {|#0:Walk(numbers, 0)|};", """
                static int Depth(int[] items, int i) => i >= items.Length ? 0 : 1 + Depth(items, i + 1);
                static int Walk(int[] items, int i) => i >= items.Length ? 0 : Step(items, i);
                static int Step(int[] items, int i) => items[i] < 0 ? throw new FormatException() : Walk(items, i + 1);
                """);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Leak("it calls 'Step', which throws 'FormatException'", "Walk(numbers, 0)"));
        }

        [Fact]
        public Task DeepChain_TheMessageNamesTheFirstAndTheLastCall()
        {
            var source = Pinning("{|#0:Work()|};", """
                void Work() => A();
                void A() => B();
                void B() => Fail();
                static void Fail() => throw new InvalidOperationException("no");
                """);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Leak("it calls 'A', which reaches 'Fail' (3 calls deep), which throws 'InvalidOperationException'"));
        }

        [Fact]
        public Task SourceCallsWithoutThrow_DoNotCount()
        {
            var source = Pinning("Work(); Count(numbers);", """
                int _calls;
                void Work() { _calls++; Count(null); }
                static int Count(int[]? items) => items?.Length ?? 0;
                """);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task ThrowCaughtInsideTheCallee_DoesNotCount_UnlessTheCatchIsForAnotherType()
        {
            var source = Pinning("Work(); {|#0:Other()|};", """
                void Work()
                {
                    try { Fail(); }
                    catch (Exception) { }
                }

                void Other()
                {
                    try { throw new InvalidOperationException(); }
                    catch (FormatException) { }
                }

                static void Fail() => throw new InvalidOperationException("no");
                """);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Leak("it throws 'InvalidOperationException'", "Other()"));
        }

        [Fact]
        public Task MetadataGettersAndPureComputation_DoNotCount()
        {
            var source = Pinning("""
                var token = GCHandle.ToIntPtr(h);
                var address = h.AddrOfPinnedObject();
                int n = Math.Max(list.Count, data.Length);
                var slice = data.AsSpan().Slice(0, n);
                string text = string.Format("{0}", n) + token;
                Array.Copy(data, numbers, 0);
                System.Diagnostics.Debug.Assert(n >= 0);
                foreach (var item in list) { n += item; }
                """);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task SourceGetterThatThrows_Counts()
        {
            var source = Pinning("var n = {|#0:Length|};", """
                bool _disposed;
                int Length => _disposed ? throw new ObjectDisposedException("pinner") : 1;
                """);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Leak("it throws 'ObjectDisposedException'", "Length"));
        }

        [Fact]
        public Task InterfaceCall_CountsWhenAnImplementationThrows()
        {
            const string members = """
                ISink _quiet = new Quiet();
                IChecked _checked = new Strict();
                interface ISink { void Put(int n); }
                interface IChecked { void Put(int n); }
                sealed class Quiet : ISink { public int Last; public void Put(int n) => Last = n; }
                sealed class Strict : IChecked { public void Put(int n) { if (n < 0) throw new ArgumentOutOfRangeException(nameof(n)); } }
                """;
            var source = Pinning("_quiet.Put(1); {|#0:_checked.Put(2)|};", members);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Leak("its implementation 'Strict.Put' throws 'ArgumentOutOfRangeException'", "_checked.Put(2)"));
        }

        [Fact]
        public Task AbstractMemberWithNoImplementationInTheCompilation_Counts()
        {
            var source = Pinning("{|#0:_handler.OnData(1)|};", """
                public abstract class Handler { public abstract void OnData(int n); }
                Handler _handler = null!;
                """);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Leak("it has no implementation in the compilation", "_handler.OnData(1)"));
        }

        [Fact]
        public Task StreamIO_Counts()
        {
            var source = Pinning("{|#0:stream.Write(data, 0, 4)|};");
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Leak("it does stream I/O", "stream.Write(data, 0, 4)"));
        }

        [Fact]
        public Task Parsing_Counts()
        {
            var source = Pinning("var n = {|#0:int.Parse(\"12\")|};");
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Leak("it parses its input", "int.Parse(\"12\")"));
        }

        [Fact]
        public Task DelegateFromAParameter_Counts()
        {
            var source = Pinning("var n = {|#0:callback()|};");
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Leak("it invokes a delegate it was given", "callback()"));
        }

        [Fact]
        public Task DelegateFromAField_IsABinding_ItDoesNotCount()
        {
            var source = Pinning("Native.Send(h.AddrOfPinnedObject());", """
                static class Native
                {
                    private delegate int SendFn(IntPtr data);
                    private static readonly SendFn s_send = p => 0;
                    public static int Send(IntPtr data) => s_send(data);
                }
                """);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task ThrowHelpers_Count()
        {
            var source = Pinning("{|#0:ArgumentNullException.ThrowIfNull(list)|};");
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Leak("it throws when its check fails", "ArgumentNullException.ThrowIfNull(list)"));
        }

        [Fact]
        public Task DoesNotReturnHelperInSource_Counts()
        {
            var source = Pinning("if (data.Length == 0) {|#0:Report()|};", """
                [System.Diagnostics.CodeAnalysis.DoesNotReturn]
                static void Report() => Environment.FailFast("empty");
                """);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'gc-handle'", "h", "Alloc", " (when 'data.Length == 0' is true, if 'Report()' throws: it never returns ([DoesNotReturn]))"));
        }

        [Fact]
        public Task BlockingWaitOnATask_Counts()
        {
            var source = Pinning("var n = {|#0:Task.Run(callback).Result|};");
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Leak("it blocks on a task", "Task.Run(callback).Result"));
        }

        [Fact]
        public Task NativeCallsReportFailureByValue_UnlessPreserveSigIsOff()
        {
            var source = Pinning("Native.Send(h.AddrOfPinnedObject()); {|#0:Native.Checked(h.AddrOfPinnedObject())|};", """
                static class Native
                {
                    [DllImport("native")] public static extern int Send(IntPtr data);
                    [DllImport("native", PreserveSig = false)] public static extern void Checked(IntPtr data);
                }
                """);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset,
                Leak("it is a P/Invoke that turns failures into exceptions (PreserveSig = false)", "Native.Checked(h.AddrOfPinnedObject())"));
        }

        [Fact]
        public Task PairMembersInBetween_DoNotCount()
        {
            var source = Pinning("""
                var other = GCHandle.Alloc(list);
                var p = Marshal.AllocHGlobal(8);
                Marshal.FreeHGlobal(p);
                other.Free();
                """);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }

        [Fact]
        public Task LambdaThatThrows_IsNotRunWhereItIsWritten()
        {
            var source = Pinning("Register(() => throw new InvalidOperationException());", """
                Action? _pending;
                void Register(Action action) => _pending = action;
                """);
            return PairsVerifier.VerifyAsync(source, PairsVerifier.DotNetPreset);
        }
    }
}
