using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using VfioAnalyzers.Flow;
using Xunit;
using Verify = VfioAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<VfioAnalyzers.AcquireReleaseAnalyzer>;

namespace VfioAnalyzers.Tests.ExceptionPaths
{
    /// <summary>
    /// An exception that leaves a try block leaves its variables behind: what a path knew of them is forgotten before
    /// the finally and the handler run, except a variable that refers to a reference, which is still reported by name.
    /// Only the scopes it really leaves are forgotten: a finally on the way still sees what is declared around it.
    /// </summary>
    public class DeadScopesTests
    {
        [Fact]
        public void UnwindingToAnInnerTry_KeepsTheVariablesAroundIt_UnwindingToTheOuterOne_LeavesThem()
        {
            var (graph, from, locals) = Lower("""
                bool f = Flag();
                using var s = Open();
                try { Work(); } finally { }
                """);
            var tries = TryBlocksAround(from, graph);

            // The innermost try of the chain is the one written around Work(); the `using` and the outer try follow.
            var inner = DeadScopes.Between(from, tries[0], graph.Root);
            Assert.False(inner.IsForgettable(ValueKey.For(locals["f"]), AbstractValue.True));
            Assert.False(inner.IsForgettable(ValueKey.For(locals["s"]), AbstractValue.NonNull));

            var outer = DeadScopes.Between(from, tries[tries.Count - 1], graph.Root);
            Assert.True(outer.IsForgettable(ValueKey.For(locals["f"]), AbstractValue.True));
            Assert.True(outer.IsForgettable(ValueKey.For(locals["s"]), AbstractValue.NonNull));
        }

        [Fact]
        public void UnwindingToAUsingsFinally_KeepsItsVariable()
        {
            var (graph, from, locals) = Lower("""
                using var s = Open();
                Work();
                """);
            var tries = TryBlocksAround(from, graph);

            // The `using` disposes `s` in its own finally: unwinding to it must not forget `s`; the catch may.
            Assert.Equal(2, tries.Count);
            Assert.False(DeadScopes.Between(from, tries[0], graph.Root).IsForgettable(ValueKey.For(locals["s"]), AbstractValue.NonNull));
            Assert.True(DeadScopes.Between(from, tries[1], graph.Root).IsForgettable(ValueKey.For(locals["s"]), AbstractValue.NonNull));
        }

        [Fact]
        public void AVariableReferringToAReference_OrOutsideTheScopes_IsKept()
        {
            var (graph, from, locals) = Lower("""
                bool inner = Flag();
                Work();
                """);
            var scopes = DeadScopes.Between(from, TryBlocksAround(from, graph)[0], graph.Root);
            var parameter = ((IMethodSymbol)graph.OriginalOperation.SemanticModel!.GetDeclaredSymbol(graph.OriginalOperation.Syntax)!).Parameters.Single();

            Assert.True(scopes.IsForgettable(ValueKey.For(locals["inner"]), AbstractValue.True));
            Assert.False(scopes.IsForgettable(ValueKey.For(locals["inner"]), AbstractValue.Reference(0, maybeNull: false)));
            Assert.False(scopes.IsForgettable(ValueKey.For(locals["outer"]), AbstractValue.True));
            Assert.False(scopes.IsForgettable(ValueKey.For(parameter), AbstractValue.True));

            var state = FlowState.Empty
                .With(ValueKey.For(locals["outer"]), AbstractValue.True)
                .With(ValueKey.For(locals["inner"]), AbstractValue.False)
                .With(ValueKey.For(parameter), AbstractValue.True);
            var forgotten = state.Forget(scopes.Forgettable);
            Assert.False(forgotten.Has(ValueKey.For(locals["inner"])));
            Assert.True(forgotten.Has(ValueKey.For(locals["outer"])));
            Assert.True(forgotten.Has(ValueKey.For(parameter)));
            Assert.Same(forgotten, forgotten.Forget(scopes.Forgettable));
        }

        [Fact]
        public Task FlagDeclaredAroundAnInnerTry_StillDecidesItsFinally()
        {
            // `acquired` lives in the outer try: unwinding from Work() to the inner finally keeps it, so the finally
            // still knows the reference was taken and puts it.
            const string source = """
                using Vfio;

                class Driver
                {
                    static void Work() { }

                    void Probe(VfioCore core, VfioGroupFile file)
                    {
                        try
                        {
                            bool acquired = false;
                            VfioGroup? group = null;
                            try
                            {
                                group = core.GetExternalUser(file);
                                acquired = true;
                                Work();
                            }
                            finally
                            {
                                if (acquired)
                                    core.PutExternalUser(group!);
                            }
                        }
                        catch
                        {
                        }
                    }
                }
                """;
            return Verify.VerifyAnalyzerAsync(source);
        }

        [Fact]
        public Task ReferenceHeldInATryLocal_IsStillReportedByItsName()
        {
            // The flag is forgotten on the way to the catch; the variable holding the reference is not, and names it.
            const string source = """
                using Vfio;

                class Driver
                {
                    static void Work() { }

                    void Probe(VfioCore core, VfioGroupFile file, bool flag)
                    {
                        try
                        {
                            bool check = flag;
                            var group = {|#1:core.GetExternalUser(file)|};
                            if (check)
                                Work();
                            core.PutExternalUser(group);
                        }
                        catch
                        {
                        }
                    {|#0:}|}
                }
                """;
            return Verify.VerifyAnalyzerAsync(source,
                Verify.Diagnostic("VFIO001").WithLocation(0).WithLocation(1).WithArguments("'vfio-group'", "group", "GetExternalUser", " (when 'check' is true)"));
        }

        /// <summary>Lowers a method whose body is a try/catch around <paramref name="statements"/>; the region of the block that calls Work().</summary>
        private static (ControlFlowGraph Graph, ControlFlowRegion From, Dictionary<string, ILocalSymbol> Locals) Lower(string statements)
        {
            var source = $$"""
                class C : System.IDisposable
                {
                    static bool Flag() => true;
                    static C Open() => new C();
                    static void Work() { }
                    public void Dispose() { }

                    void M(bool parameter)
                    {
                        bool outer = parameter;
                        try
                        {
                            {{statements}}
                        }
                        catch
                        {
                        }
                    }
                }
                """;
            var tree = CSharpSyntaxTree.ParseText(source);
            var compilation = CSharpCompilation.Create("Scopes", new[] { tree }, new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) });
            var model = compilation.GetSemanticModel(tree);
            var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == "M");
            var graph = ControlFlowGraph.Create(method, model)!;
            var from = graph.Blocks.Single(block => block.Operations.Any(op => op.Syntax.ToString() == "Work();")).EnclosingRegion;
            var locals = AllRegions(graph.Root).SelectMany(region => region.Locals).ToDictionary(local => local.Name);
            return (graph, from, locals);
        }

        /// <summary>The try blocks around a region, innermost first.</summary>
        private static List<ControlFlowRegion> TryBlocksAround(ControlFlowRegion from, ControlFlowGraph graph)
        {
            var tries = new List<ControlFlowRegion>();
            for (var region = from; region != null; region = region.EnclosingRegion)
            {
                if (region.Kind == ControlFlowRegionKind.Try)
                {
                    tries.Add(region);
                }
            }

            return tries;
        }

        private static IEnumerable<ControlFlowRegion> AllRegions(ControlFlowRegion region) =>
            new[] { region }.Concat(region.NestedRegions.SelectMany(AllRegions));
    }
}
