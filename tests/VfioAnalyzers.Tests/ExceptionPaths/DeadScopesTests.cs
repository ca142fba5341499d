using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using VfioAnalyzers.Flow;
using Xunit;

namespace VfioAnalyzers.Tests.ExceptionPaths
{
    /// <summary>
    /// An exception that leaves a try block leaves its variables behind: what a path knew of them is forgotten before
    /// the finally and the handler run, except a variable that refers to a reference, which is still reported by name.
    /// </summary>
    public class DeadScopesTests
    {
        private const string Source = """
            class C
            {
                void M(bool flag)
                {
                    bool outer = flag;
                    try
                    {
                        bool inner = flag;
                        object held = null;
                        if (inner) System.Console.WriteLine(held);
                    }
                    catch
                    {
                    }
                }
            }
            """;

        [Fact]
        public void VariablesOfTheTryBlock_AreForgotten_UnlessTheyReferToAReference()
        {
            var (scopes, locals, parameter) = ScopesLeftByTheTryBlock();

            Assert.True(scopes.IsForgettable(ValueKey.For(locals["inner"]), AbstractValue.True));
            Assert.True(scopes.IsForgettable(ValueKey.For(locals["held"]), AbstractValue.Null));
            Assert.False(scopes.IsForgettable(ValueKey.For(locals["held"]), AbstractValue.Reference(0, maybeNull: false)));
            Assert.False(scopes.IsForgettable(ValueKey.For(locals["outer"]), AbstractValue.True));
            Assert.False(scopes.IsForgettable(ValueKey.For(parameter), AbstractValue.True));
        }

        [Fact]
        public void Forget_DropsOnlyTheForgettablePlaces_AndKeepsTheStateWhenThereAreNone()
        {
            var (scopes, locals, parameter) = ScopesLeftByTheTryBlock();
            var state = FlowState.Empty
                .With(ValueKey.For(locals["outer"]), AbstractValue.True)
                .With(ValueKey.For(locals["inner"]), AbstractValue.False)
                .With(ValueKey.For(locals["held"]), AbstractValue.Reference(0, maybeNull: false))
                .With(ValueKey.For(parameter), AbstractValue.True);

            var forgotten = state.Forget(scopes.Forgettable);

            Assert.False(forgotten.Has(ValueKey.For(locals["inner"])));
            Assert.True(forgotten.Has(ValueKey.For(locals["outer"])));
            Assert.True(forgotten.Has(ValueKey.For(locals["held"])));
            Assert.True(forgotten.Has(ValueKey.For(parameter)));
            Assert.Same(forgotten, forgotten.Forget(scopes.Forgettable));
        }

        private static (DeadScopes Scopes, Dictionary<string, ILocalSymbol> Locals, IParameterSymbol Parameter) ScopesLeftByTheTryBlock()
        {
            var tree = CSharpSyntaxTree.ParseText(Source);
            var compilation = CSharpCompilation.Create("Scopes", new[] { tree }, new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location), MetadataReference.CreateFromFile(typeof(System.Console).Assembly.Location) });
            var model = compilation.GetSemanticModel(tree);
            var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
            var graph = ControlFlowGraph.Create(method, model)!;

            // Every region inside the try block, and the try block itself: the scopes an exception raised there leaves.
            var tryRegion = AllRegions(graph.Root).Single(region => region.Kind == ControlFlowRegionKind.Try);
            var scopes = new DeadScopes();
            foreach (var region in AllRegions(tryRegion))
            {
                scopes.Add(region);
            }

            var locals = AllRegions(graph.Root).SelectMany(region => region.Locals).ToDictionary(local => local.Name);
            return (scopes, locals, model.GetDeclaredSymbol(method)!.Parameters.Single());
        }

        private static IEnumerable<ControlFlowRegion> AllRegions(ControlFlowRegion region) =>
            new[] { region }.Concat(region.NestedRegions.SelectMany(AllRegions));
    }
}
