using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using VfioAnalyzers.Contracts;
using Xunit;

namespace VfioAnalyzers.Tests.Cost
{
    /// <summary>
    /// Which methods' syntax looks like an acquire wrapper, with the dotnet preset on (issue 16): each candidate costs a
    /// bound body and a silent analysis to confirm. A method that takes a semaphore and gives it back in a finally is
    /// not one, whatever else the acquiring call is passed; what an argument-taking acquire (Monitor.Enter) takes is
    /// its argument. Each method's name says what is expected of it.
    /// </summary>
    public class WrapperShapeTests
    {
        private const string Source = """
            using System.Threading;

            public class Shapes
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);

                public void Plain_ReleasedInFinally(CancellationToken token) { _gate.Wait(1000, token); try { } finally { _gate.Release(); } }
                public void Plain_ReleasedInFinallyNoArguments() { _gate.Wait(); try { } finally { _gate.Release(); } }
                public void Wrapper_KeepsTheSemaphore(CancellationToken token) { _gate.Wait(1000, token); }
                public void Wrapper_ReleasesAnotherInFinally(SemaphoreSlim other, CancellationToken token) { _gate.Wait(1000, token); try { } finally { other.Release(); } }
                public void Plain_MonitorExitInFinally(object gate) { Monitor.Enter(gate); try { } finally { Monitor.Exit(gate); } }
                public void Wrapper_MonitorExitsAnother(object gate, object other) { Monitor.Enter(gate); try { } finally { Monitor.Exit(other); } }
            }
            """;

        [Fact]
        public async Task OnlyMethodsThatMayHoldForTheirCallerLookLikeWrappers()
        {
            var (index, compilation) = await CallFilterTests.BuildAsync(Source);
            var methods = compilation.SyntaxTrees.Single().GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().ToList();

            var wrong = methods
                .Where(m => WrapperSyntax.MayAcquireForCaller(m, index.Roles, index.MemberTypes) != m.Identifier.ValueText.StartsWith("Wrapper_"))
                .Select(m => m.Identifier.ValueText)
                .ToList();

            Assert.Equal(6, methods.Count);
            Assert.Equal(string.Empty, string.Join(", ", wrong));
        }
    }
}
