using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using VfioAnalyzers.Flow;
using Xunit;

namespace VfioAnalyzers.Tests.Cost
{
    /// <summary>
    /// Forgetting places counts the picks, then copies the kept places once into an array of their size: it must keep
    /// exactly the places not picked, in order, whatever the number of places (a 64-bit mask once dropped a place 64
    /// positions after a pick).
    /// </summary>
    public class FlowStateForgetTests
    {
        [Theory]
        [InlineData(3)]
        [InlineData(64)]
        [InlineData(70)]
        public void ForgetKeepsExactlyThePlacesNotPicked(int places)
        {
            var fields = Fields(places);
            var state = FlowState.Empty;
            for (int i = 0; i < places; i++)
            {
                state = state.With(ValueKey.For(fields[i]), AbstractValue.True);
            }

            // Every third place, and the last one.
            var forgotten = state.Forget((key, _) => Index(key) % 3 == 2 || Index(key) == places - 1);

            var kept = forgotten.Values.Select(pair => Index(pair.Key)).ToList();
            var expected = Enumerable.Range(0, places).Where(i => i % 3 != 2 && i != places - 1).ToList();
            Assert.Equal(expected, kept);
            Assert.Same(forgotten, forgotten.Forget((key, _) => Index(key) % 3 == 2 || Index(key) == places - 1));
        }

        [Fact]
        public void ForgetOfOnePlaceInAStateOfMoreThan64_KeepsEveryOtherPlace()
        {
            // Only place 2 is picked: place 66 (2 + 64) must stay.
            var fields = Fields(70);
            var state = FlowState.Empty;
            foreach (var field in fields)
            {
                state = state.With(ValueKey.For(field), AbstractValue.True);
            }

            var forgotten = state.Forget((key, _) => Index(key) == 2);

            Assert.Equal(Enumerable.Range(0, 70).Where(i => i != 2).ToList(), forgotten.Values.Select(pair => Index(pair.Key)).ToList());
        }

        private static int Index(ValueKey key) => int.Parse(key.Symbol!.Name.Substring(1), System.Globalization.CultureInfo.InvariantCulture);

        private static IFieldSymbol[] Fields(int count)
        {
            var source = "class C { " + string.Concat(Enumerable.Range(0, count).Select(i => $"bool f{i}; ")) + "}";
            var compilation = CSharpCompilation.Create("Places", new[] { CSharpSyntaxTree.ParseText(source) });
            return compilation.GetTypeByMetadataName("C")!.GetMembers().OfType<IFieldSymbol>().OrderBy(f => f.Name.Length).ThenBy(f => f.Name).ToArray();
        }
    }
}
