using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace VfioAnalyzers.Tests.Cost
{
    /// <summary>
    /// Shapes a second cold review of the pre-filter proved it skipped (issue 16), each in a file of its own: a name
    /// used where a variable of that name is not in scope, a spelling the text search does not see, a `using static`
    /// import's field, a type parameter named like a field. Each method's name says what is expected of it.
    /// </summary>
    public class CallFilterScopeTests
    {
        private const string Prelude = """
            #nullable enable
            using System;
            using System.Linq;
            using System.Threading;
            using System.Runtime.InteropServices;
            public sealed class Stash { public void Free() { } public int Release() => 1; public object Take() => this; }
            public static class H
            {
                public static Stash[] Many(IntPtr p) => new Stash[0];
                public static (Stash, Stash)[] Pairs(IntPtr p) => new (Stash, Stash)[0];
                public static bool Out(out Stash s) { s = new Stash(); return true; }
                public static IntPtr Key(out Stash s) { s = new Stash(); return IntPtr.Zero; }
            }

            """;

        public static IEnumerable<object[]> Probes() => new[]
        {
            P("ForeachVariableInItsCollection", "public class C { public void Analysed_ForeachVariableInItsCollection() { foreach (Stash Marshal in H.Many(Marshal.AllocHGlobal(1))) { } } }"),
            P("ForeachDeconstructionInItsCollection", "public class C { public void Analysed_ForeachDeconstructionInItsCollection() { foreach ((Stash a, Stash Marshal) in H.Pairs(Marshal.AllocHGlobal(1))) { } } }"),
            P("ForIncrementorOutVarInBody", "public class C { public void Analysed_ForIncrementorOutVarInBody(object o) { for (int i = 0; i < 1; i++, H.Out(out Stash Monitor)) { Monitor.Enter(o); } } }"),
            P("ForConditionPatternVarInInitializer", "public class C { public void Analysed_ForConditionPatternVarInInitializer(object o) { for (Monitor.Enter(o); o is Stash Monitor; ) { break; } } }"),
            P("JoinKeys", "public class C { public object Analysed_JoinKeys(int[] xs) => from x in xs join y in xs on H.Key(out Stash Marshal) equals Marshal.AllocHGlobal(y) select x; }"),
            P("OrderByKeys", "public class C { public object Analysed_OrderByKeys(int[] xs) => from x in xs orderby H.Key(out Stash Marshal), Marshal.AllocHGlobal(x) select x; }"),
            P("GroupBy", "public class C { public object Analysed_GroupBy(int[] xs) => from x in xs group H.Key(out Stash Marshal) by Marshal.AllocHGlobal(x); }"),
            P("UsingStaticFieldOverOuterType", """
                public class Gate { public void Release() { } }
                public static class Holders { public static SemaphoreSlim Gate = new SemaphoreSlim(1); }
                namespace N { using static Holders; public class C { public void Analysed_UsingStaticFieldOverOuterType() => Gate.Release(); } }
                """),
            P("SoftHyphenLocalShadowsLookAlikeField", "public class C { private readonly Stash _stash = new Stash(); private readonly SemaphoreSlim _gate = new SemaphoreSlim(1); public void Analysed_SoftHyphenLocalShadowsLookAlikeField() { SemaphoreSlim _st\u00ADash = _gate; _stash.Release(); } }"),
            P("SoftHyphenInCalledName", "public class C { private readonly SemaphoreSlim _gate = new SemaphoreSlim(1); public void Analysed_SoftHyphenInCalledName() => _gate.Rel\u00ADease(); }"),
            P("EscapeInCalledName", "public class C { public void Analysed_EscapeInCalledName(object o) => Monitor.\\u0045nter(o); }"),
            P("GenericNestedOfConstructedBase", """
                public class Outer<T> { public class Inner2<U> { public static T Item = default!; public T Value = default!; } }
                public class D : Outer<SemaphoreSlim> { public void Analysed_GenericNestedOfConstructedBase() => Inner2<int>.Item.Release(); }
                """),
            P("GenericNestedOfConstructedBaseParameter", """
                public class Outer<T> { public class Inner2<U> { public static T Item = default!; public T Value = default!; } }
                public class D : Outer<SemaphoreSlim> { public void Analysed_GenericNestedOfConstructedBaseParameter(Inner2<int> x) => x.Value.Release(); }
                """),
            P("GenericNestedThroughUsingStatic", """
                namespace N { using static Outer<System.Threading.SemaphoreSlim>; public class D { public void Analysed_GenericNestedThroughUsingStatic() => Inner2<int>.Item.Release(); } }
                public class Outer<T> { public class Inner2<U> { public static T Item = default!; } }
                """),
            P("NonGenericNestedOfConstructedBase", """
                public class Outer<T> { public class Inner { public static T Item = default!; } }
                public class D : Outer<SemaphoreSlim> { public void Analysed_NonGenericNestedOfConstructedBase() => Inner.Item.Release(); }
                """),
            P("SwitchArmVariable", "public class C { public object Analysed_SwitchArmVariable(object o) => o switch { Stash Marshal => Marshal.Take(), _ => Marshal.AllocHGlobal(1) }; }"),
        };

        private static object[] P(string name, string source) => new object[] { name, source };

        [Theory]
        [MemberData(nameof(Probes))]
        public async Task EachShapeIsJudgedRightly(string name, string source)
        {
            var (index, compilation) = await CallFilterTests.BuildAsync(Prelude + source);
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
            var methods = compilation.SyntaxTrees.SelectMany(t => t.GetRoot().DescendantNodes()).OfType<MethodDeclarationSyntax>()
                .Where(m => m.Identifier.ValueText.StartsWith("Analysed_") || m.Identifier.ValueText.StartsWith("Skipped_")).ToList();
            var wrong = methods.Where(m => index.MayCall(m, compilation.GetSemanticModel(m.SyntaxTree), CancellationToken.None) != m.Identifier.ValueText.StartsWith("Analysed_"))
                .Select(m => m.Identifier.ValueText).ToList();
            Assert.Empty(errors);
            Assert.Equal("Analysed_" + name, Assert.Single(methods).Identifier.ValueText);
            Assert.Equal(string.Empty, string.Join(", ", wrong));
        }

        [Fact]
        public async Task TypeParameterNamedLikeAField_IsNotTheField()
        {
            const string source = """
                public interface IGate { static abstract object Take(); static abstract void Put(object o); }
                public sealed class Stash { public object Take() => this; }
                public class C
                {
                    private readonly Stash Gate = new Stash();
                    public object Analysed_TypeParameterNamedLikeAField<Gate>() where Gate : IGate => Gate.Take();
                    public object Analysed_LocalFunctionTypeParameterShadowsALocal() { Stash Gate = new Stash(); return Gate.Take(); static object F<Gate>() where Gate : IGate => Gate.Take(); }
                }
                """;
            var (index, compilation) = await CallFilterTests.BuildAsync(new[] { source }, "acquire gate M:IGate.Take return\nrelease gate M:IGate.Put(System.Object) argument o\n");
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
            var methods = compilation.SyntaxTrees.SelectMany(t => t.GetRoot().DescendantNodes()).OfType<MethodDeclarationSyntax>()
                .Where(m => m.Identifier.ValueText.StartsWith("Analysed_")).ToList();
            var wrong = methods.Where(m => !index.MayCall(m, compilation.GetSemanticModel(m.SyntaxTree), CancellationToken.None)).Select(m => m.Identifier.ValueText).ToList();
            Assert.Empty(errors);
            Assert.Equal(string.Empty, string.Join(", ", wrong));
        }
    }
}
