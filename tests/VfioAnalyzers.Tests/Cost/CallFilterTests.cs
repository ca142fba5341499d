using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using VfioAnalyzers.Contracts;
using Xunit;

namespace VfioAnalyzers.Tests.Cost
{
    /// <summary>
    /// The pre-filter that decides, before a body is bound, whether it can call a contract member (issue 16): with the
    /// dotnet preset on, every way of spelling a real call lets the body through, and calls named like the preset's
    /// members on types of the project's own do not. Each method's name says what is expected of it.
    /// </summary>
    public class CallFilterTests
    {
        internal const string Source = """
            #nullable enable
            using System;
            using System.Buffers;
            using System.Runtime.InteropServices;
            using System.Threading;
            using static System.Runtime.InteropServices.Marshal;
            using Pool = System.Buffers.ArrayPool<byte>;
            using GateBox = Demo.Box<System.Threading.SemaphoreSlim>;

            namespace Demo
            {
                public sealed class Stash
                {
                    public int[] Rent(int size) => new int[size];
                    public void Return(int[] array) { }
                    public int Release() => 1;
                    public bool Wait(int timeout) => timeout > 0;
                    public static void Enter(object gate) { }
                    public static void Exit(object gate) { }
                    public void Free() { }
                }

                public class StashBase { public void Release() { } }
                public sealed class DerivedStash : StashBase { }
                public sealed class Gate : SemaphoreSlim { public Gate() : base(1) { } }

                // Two types of one name and different arities: only the generic one is a pool.
                public sealed class Lender { public void Return(int[] array) { } }
                public sealed class Lender<T> : ArrayPool<T>
                {
                    public override T[] Rent(int minimumLength) => new T[minimumLength];
                    public override void Return(T[] array, bool clearArray = false) { }
                }

                public static class PoolExtensions
                {
                    public static byte[] Lease(this ArrayPool<byte> pool, int size) => pool.Rent(size);
                }

                public class Driver<T>
                {
                    private readonly Stash _stash = new Stash();
                    private readonly ArrayPool<T> _pool = ArrayPool<T>.Shared;
                    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1);
                    private SemaphoreSlim SemaphoreSlim => _gate;
                    private Stash Current => _stash;
                    private static readonly Stash Shared = new Stash();

                    private void Free() { }

                    // Real calls, spelled every way: each body must be analysed.
                    public void Analysed_Static(int n) => Marshal.FreeHGlobal(Marshal.AllocHGlobal(n));
                    public void Analysed_StaticQualified(object o) => System.Threading.Monitor.Exit(o);
                    public void Analysed_Field(int n) => _pool.Return(_pool.Rent(n));
                    public void Analysed_ThisField() => this._gate.Release();
                    public void Analysed_Local(int n) { ArrayPool<byte> pool = ArrayPool<byte>.Shared; pool.Return(pool.Rent(n)); }
                    public void Analysed_VarFromCall(int n) { var pool = ArrayPool<byte>.Create(); pool.Rent(n); }
                    public void Analysed_VarFromNew() { var gate = new SemaphoreSlim(1); gate.Wait(1); }
                    public void Analysed_Property() => SemaphoreSlim.Release();
                    public void Analysed_ColorColor(int t) => SemaphoreSlim.Wait(t);
                    public void Analysed_UsingStatic(int n) => FreeHGlobal(AllocHGlobal(n));
                    public void Analysed_Alias(int n) => Pool.Shared.Return(Pool.Shared.Rent(n));
                    public void Analysed_Generic(int n) => ArrayPool<char>.Shared.Rent(n);
                    public void Analysed_Extension(int n) => ArrayPool<byte>.Shared.Lease(n);
                    public void Analysed_Derived(Gate gate) => gate.Release();
                    public void Analysed_GenericOfSharedName(Lender<byte> lender) => lender.Return(lender.Rent(1));
                    public void Analysed_GenericOfSharedNameStatic() => Lender<int>.Shared.Rent(1);
                    public void Analysed_Parameter(SemaphoreSlim gate) => gate.Wait(1);
                    public void Analysed_NullableHandle(GCHandle? handle) => handle?.Free();
                    public void Analysed_Pattern(object o) { if (o is SemaphoreSlim s) s.Release(); }
                    public void Analysed_OutVariable(System.Collections.Generic.Dictionary<int, SemaphoreSlim> map) { if (map.TryGetValue(1, out SemaphoreSlim? s)) s.Release(); }
                    public void Analysed_Foreach(SemaphoreSlim[] all) { foreach (SemaphoreSlim s in all) s.Release(); }
                    public void Analysed_Lambda() { Action<SemaphoreSlim> release = s => s.Release(); }
                    public void Analysed_TypeParameter<TGate>(TGate gate) where TGate : SemaphoreSlim => gate.Release();
                    public void Analysed_ShadowingLocal() { SemaphoreSlim _stash = _gate; _stash.Release(); }
                    public void Analysed_Cast(object o) => ((SemaphoreSlim)o).Release();
                    public void Analysed_CallResult() => Make().Release();
                    public void Analysed_GenericCallResult() => Create<SemaphoreSlim>().Release();
                    public void Analysed_LocalFunctionCallResult() { MakeStash().Release(); static SemaphoreSlim MakeStash() => new SemaphoreSlim(1); }
                    public void Analysed_DelegateLocalCallResult() { Func<SemaphoreSlim> MakeStash = () => new SemaphoreSlim(1); MakeStash().Release(); }
                    public void Analysed_OverloadCallResult() => Either(1).Release();
                    public void Analysed_QualifiedTypeName(Real.Stash stash) => stash.Release();
                    public void Analysed_QualifiedTypeNameMember(Real.Holder holder) => holder.Gate.Release();
                    public void Analysed_MethodTypeParameterNamedLikeAType<Stash>(Stash stash) where Stash : SemaphoreSlim => stash.Release();
                    public void Analysed_LocalFunctionTypeParameter() { void Give<Stash>(Stash stash) where Stash : SemaphoreSlim => stash.Release(); }
                    public void Analysed_TypeParameterBeforeAComment<Stash /* a gate */>(Stash stash) where Stash : SemaphoreSlim => stash.Release();
                    public void Analysed_TypeParameterAcrossLines<
                        Stash
                        >(Stash stash) where Stash : SemaphoreSlim => stash.Release();
                    public void Analysed_ShadowingLocalAfterAComment()
                    {
                        SemaphoreSlim // shadows the field.
                            _stash = _gate;
                        _stash.Release();
                    }
                    public void Analysed_TypeParameterAfterAComment<
                        // named like a type.
                        Stash>(Stash stash) where Stash : SemaphoreSlim => stash.Release();
                    public void Analysed_LambdaParameterAfterAComment()
                    {
                        Action<SemaphoreSlim> release =
                            // each gate is released.
                            _stash => _stash.Release();
                    }
                    public void Analysed_ShadowingLocalAfterARegion()
                    {
                        SemaphoreSlim
                        #region Gates.
                            _stash = _gate;
                        #endregion
                        _stash.Release();
                    }
                    public void Analysed_ShadowingLocalAcrossLines()
                    {
                        SemaphoreSlim _stash
                            = _gate;
                        _stash
                            .Release();
                    }
                    private static SemaphoreSlim Make() => new SemaphoreSlim(1);
                    private static Stash MakeStash() => new Stash();
                    private static TMade Create<TMade>() where TMade : class => default!;
                    private static Stash Either(string s) => new Stash();
                    private static SemaphoreSlim Either(int n) => new SemaphoreSlim(n);
                    public void Skipped_CallResultOfALookAlike() => MakeStash().Release();

                    // A generic type's members typed by its type parameters are whatever its arguments are.
                    public void Analysed_LazyValue(Lazy<SemaphoreSlim> lazy) => lazy.Value.Release();
                    public void Analysed_GenericItem(Box<SemaphoreSlim> box) => box.Item.Release();
                    public void Analysed_GenericStatic() => Box<SemaphoreSlim>.Shared.Release();
                    public void Analysed_QualifiedGenericStatic() => Demo.Box<SemaphoreSlim>.Shared.Release();
                    public void Analysed_GenericAlias() => GateBox.Shared.Release();
                    public void Analysed_GenericArrayElement(Box<SemaphoreSlim> box, int i) => box.All[i].Release();
                    public void Analysed_KeyValuePair(System.Collections.Generic.Dictionary<int, SemaphoreSlim> map) { foreach (System.Collections.Generic.KeyValuePair<int, SemaphoreSlim> pair in map) pair.Value.Release(); }
                    public void Analysed_TaskResult(System.Threading.Tasks.Task<SemaphoreSlim> task) => task.Result.Release();
                    public void Skipped_GenericLookAlikeMethod(Box<SemaphoreSlim> box) => box.Release();

                    // A local of a type's name is the local only inside its scope.
                    public void Analysed_SiblingBlockLocalNamedLikeAType(object o) { { Stash Monitor = new Stash(); Monitor.Free(); } Monitor.Enter(o); Monitor.Exit(o); }
                    public void Analysed_LambdaParameterNamedLikeAType(object o) { Action<Stash> free = (Stash Monitor) => Monitor.Free(); Monitor.Enter(o); Monitor.Exit(o); }
                    public void Analysed_LoopPatternVariableNamedLikeAType(object o) { while (o is Stash Monitor) { Monitor.Free(); break; } Monitor.Exit(o); }
                    public void Skipped_LocalNamedLikeATypeInScope() { Stash Marshal = new Stash(); Marshal.Free(); }
                    public void Analysed_EscapedLocalShadowsALookAlikeField() { SemaphoreSlim \u005Fstash = _gate; _stash.Release(); }
                    private readonly SemaphoreSlim[] _gates = { new SemaphoreSlim(1) };
                    private readonly Stash[] _stashes = { new Stash() };
                    public void Analysed_VarFromField() { var gate = _gate; gate.Release(); }
                    public void Analysed_VarFromCallResult() { var gate = Make(); gate.Release(); }
                    public void Analysed_ArrayElement(int i) => _gates[i].Release();
                    public void Skipped_LookAlikeArrayElement(int i) => _stashes[i].Release();
                    public void Analysed_VarFromArrayElement(int i) { var gates = _gates; var gate = gates[i]; gate.Release(); }
                    public void Analysed_VarFromAMemberOfAVar() { var holder = this; var gate = holder._gate; gate.Release(); }
                    public void Analysed_VarFromAnExpression(object o) { var gate = (o as SemaphoreSlim)!; gate.Release(); }
                    public void Analysed_VarShadowsALookAlikeField() { var _stash = _gate; _stash.Release(); }
                    public void Analysed_VarChainOfFiveSteps() { var a = _gate; var b = a; var c = b; var d = c; var e = d; e.Release(); }

                    // Look-alike names on the project's own types: no body needs binding.
                    public int Skipped_Field(int n) { var buffer = _stash.Rent(n); _stash.Return(buffer); return buffer.Length; }
                    public void Skipped_ThisField() => this._stash.Free();
                    public void Skipped_Local(int n) { Stash local = new Stash(); local.Return(local.Rent(n)); }
                    public void Skipped_VarFromNew() { var local = new Stash(); local.Free(); }
                    public void Skipped_Property() => Current.Release();
                    public void Skipped_StaticOnOwnType(object o) { Stash.Enter(o); Stash.Exit(o); }
                    public void Skipped_StaticField() => Shared.Wait(1);
                    public void Skipped_OwnMethod() => Free();
                    public void Skipped_Parameter(Stash stash) => stash.Release();
                    public void Skipped_DerivedLookAlike(DerivedStash stash) => stash.Release();
                    public void Skipped_NonGenericOfSharedName(Lender lender) => lender.Return(new int[1]);
                    // A lock statement pairs Monitor.Enter and Exit itself: only explicit Monitor calls are worth a look.
                    public void Skipped_Lock(object o) { lock (o) { } }
                    public void Skipped_Comment() { /* _gate.Release() */ string text = "Monitor.Exit"; }

                    // A call further down a `?.` chain is called on the chain's receiver.
                    public int Analysed_ConditionalChain(SemaphoreSlim gate) => gate?.Release().GetHashCode() ?? 0;
                    public int Skipped_ConditionalChainOnALookAlike(Stash stash) => stash?.Release().GetHashCode() ?? 0;
                    public void Analysed_ConditionalChainBeforeASecondConditional(SemaphoreSlim gate) => gate?.WaitAsync(1)?.ConfigureAwait(false);
                    public string? Skipped_ConditionalChainBeforeASecondConditionalOnALookAlike(Stash stash) => stash?.Rent(1)?.ToString();

                    // Created types named like a contract member: `Kinds.Release(` reads like a call through `Kinds`
                    // in the text, but `new` (even behind a comment that ends in a word) makes it a type's name.
                    public object Analysed_CreatedTypeNamedLikeAMember() => new Kinds.Release();
                    public object Analysed_CreatedTypeNamedLikeAMemberAfterALineComment() => new // return
                        Kinds.Release();
                }

                // Unqualified calls of an inherited contract member, read off text as the syntax reads them.
                public sealed class InheritsTheGate : SemaphoreSlim
                {
                    public InheritsTheGate() : base(1) { }
                    public void Analysed_InheritedUnqualifiedCall() { if (CurrentCount > 0) Release(); }
                    public int Analysed_InheritedUnqualifiedAfterAnArrow() => Release();
                    public void Skipped_TupleLocalFunctionNamedLikeAMember() { static (int, int) Wait() => (1, 2); }
                }

                // A local function's declaration reads like an unqualified call (`SemaphoreSlim? Free(`): read so, it must
                // not hide the local function from the calls of the same body.
                public class ShadowsItsFree
                {
                    private Stash Free() => new Stash();
                    public void Analysed_LocalFunctionShadowsALookAlikeMethod()
                    {
                        static SemaphoreSlim? Free() => new SemaphoreSlim(1);
                        Free()!.Release();
                    }
                }

                public class OwnGate
                {
                    public void Release() { }
                    public void Skipped_ThisMethod() { this.Release(); Release(); }
                }

                public class Holder(SemaphoreSlim gate)
                {
                    public void Analysed_PrimaryConstructorParameter() => gate.Release();

                    // A local shadows the parameter in one block only: the parameter is still called after it.
                    public void Analysed_LocalShadowsPrimaryConstructorParameterInPart(bool b)
                    {
                        if (b) { Stash gate = new Stash(); gate.Release(); }
                        gate.Release();
                    }
                }

                // A nested type hides a base's field of its name, or an enclosing type's: the nested type is meant.
                public sealed class StashHolder { public Stash Shared = new Stash(); }
                public class BaseWithField { protected StashHolder Pools = new StashHolder(); }
                public class NestedHidesBaseField : BaseWithField
                {
                    private static new class Pools { public static readonly SemaphoreSlim Shared = new SemaphoreSlim(1); }
                    public void Analysed_NestedTypeHidesBaseField() => Pools.Shared.Release();
                }

                public class BaseWithNested { protected static class Locks { public static readonly SemaphoreSlim Shared = new SemaphoreSlim(1); } }
                public class OuterWithField
                {
                    private StashHolder Locks = new StashHolder();
                    public StashHolder Held => Locks;

                    public class Inner : BaseWithNested
                    {
                        public void Analysed_InheritedNestedTypeBeforeOuterField() => Locks.Shared.Release();
                    }
                }

                // A member the compiler declares (a record's positional property), inherited: found by its name all the
                // same. Named like the look-alike type, it would be taken for that type if the base's member names
                // missed it.
                public record GateRecord(SemaphoreSlim Stash);
                public record DerivedGateRecord(SemaphoreSlim Other) : GateRecord(Other)
                {
                    public void Analysed_InheritedRecordProperty() => Stash.Release();
                }
            }

            namespace Demo
            {
                // A call on a type parameter's value binds to a member of its constraints.
                public interface ILookAlike { void Release(); }
                public interface IDerivedLookAlike : ILookAlike { }
                public class Constrained<TStash, TGate, TNested, TPlain>
                    where TStash : ILookAlike
                    where TGate : SemaphoreSlim
                    where TNested : TGate
                    where TPlain : IDerivedLookAlike
                {
                    private readonly TStash _stash = default!;
                    private readonly TGate _gate = default!;
                    private readonly TPlain _plain = default!;
                    private TNested Nested => default!;

                    public void Skipped_InterfaceConstrainedField() => _stash.Release();
                    public void Skipped_InterfaceConstrainedParameter(TStash stash) => stash.Release();
                    public void Skipped_InheritedInterfaceConstraint() => _plain.Release();
                    public void Analysed_ClassConstrainedField() => _gate.Release();
                    public void Analysed_ClassConstrainedParameter(TGate gate) => gate.Release();
                    public void Analysed_ConstraintOfAConstraint() => Nested.Release();
                    public void Analysed_MethodTypeParameterShadowsTheTypes<TStash>(TStash stash) where TStash : SemaphoreSlim => stash.Release();
                }

                public class Escaped<T> where T : ILookAlike
                {
                    public void Analysed_EscapedMethodTypeParameter<\u0054>(\u0054 gate) where \u0054 : SemaphoreSlim => gate.Release();
                }

                public class Box<TItem>
                {
                    public static TItem Shared = default!;
                    public TItem Item = default!;
                    public TItem[] All = System.Array.Empty<TItem>();
                    public void Release() { }
                }

                public class Node<TValue>
                {
                    public TValue Value = default!;
                    public static void Analysed_OtherInstanceOfItsOwnType(Node<SemaphoreSlim> other) => other.Value.Release();
                }

                // An interface's default members call the members of the interfaces it extends unqualified.
                public interface IHasGate { SemaphoreSlim Stash { get; } }
                public interface IUsesGate : IHasGate { void Analysed_InheritedInterfaceProperty() => Stash.Release(); }
                public interface IGateMaker { SemaphoreSlim Make() => new SemaphoreSlim(1); }
                public interface IMoreGates : IGateMaker { void Analysed_InheritedInterfaceCallResult() => Make().Release(); }

                // A primary constructor's parameter is in scope in every part of the type.
                public partial class PartialHolder(SemaphoreSlim Stash) { }
                public partial class PartialHolder { public void Analysed_PrimaryConstructorParameterOfAnotherPart() => Stash.Release(); }

                // Fields and properties of the type declaration the call is in: their types are read as written there.
                public class DeclaredHere
                {
                    private readonly Stash _own = new Stash();
                    private readonly System.Threading.SemaphoreSlim _qualified = new SemaphoreSlim(1);
                    private readonly SemaphoreSlim? _nullable = null;
                    private readonly Stash _first = new Stash(), _second = new Stash();
                    private readonly SemaphoreSlim _a = new SemaphoreSlim(1), _b = new SemaphoreSlim(1);
                    private readonly GateBox _box = new GateBox();
                    private readonly Pool _hidesTheAlias = new Pool();
                    private Stash Looks { get; } = new Stash();

                    // Hides the file's alias `Pool` inside this type: the field above is of this type.
                    private sealed class Pool { public void Return(int[] array) { } }

                    public void Skipped_FieldOfThisDeclaration() => _own.Release();
                    public void Analysed_FieldOfAQualifiedType() => _qualified.Release();
                    public void Analysed_NullableField() => _nullable?.Release();
                    public void Skipped_SecondDeclaratorOfALookAlike() => _second.Release();
                    public void Analysed_SecondDeclaratorOfAGate() => _b.Release();
                    public void Analysed_FieldOfAnAliasedGeneric() => _box.Item.Release();
                    public void Skipped_FieldOfANestedTypeThatHidesAnAlias() => _hidesTheAlias.Return(new int[1]);
                    public void Skipped_AutoPropertyOfThisDeclaration() => Looks.Free();
                }

                // `T?` of a value type is `Nullable<T>`: its `Value` is the struct, not the struct's own member `Value`.
                public sealed class LookAlikeGateHolder { public Stash Gate = new Stash(); }
                public struct GatePair { public LookAlikeGateHolder Value; public SemaphoreSlim Gate; }
                public struct StashPair { public SemaphoreSlim Value; public Stash Gate; }
                public class NullableStructs
                {
                    private GatePair? _gatePair = null;
                    private StashPair? _stashPair = null;
                    public void Analysed_NullableStructFieldValue() => _gatePair!.Value.Gate.Release();
                    public void Analysed_NullableStructParameterValue(GatePair? pair) => pair!.Value.Gate.Release();
                    public void Skipped_NullableStructValueOfALookAlike() => _stashPair!.Value.Gate.Release();
                }

                // Right after a brace, with nothing between, a position is the first member's, where its type
                // parameters are in scope: the field's `Gate` is the type, not the method's type parameter.
                public class BraceThenMember
                {public void M<Gate>() { }
                    private readonly Gate _gate = new Gate();
                    public void Analysed_FieldTypeAfterABraceWithoutSpace() => _gate.Release();
                }

                // A field declared in another part of a partial type is found by the type's members.
                public partial class PartialFields { private readonly SemaphoreSlim _gate = new SemaphoreSlim(1); }
                public partial class PartialFields { public void Analysed_FieldOfAnotherPart() => _gate.Release(); }
                public partial class PartialLookAlike { private readonly Stash _stash = new Stash(); }
                public partial class PartialLookAlike { public void Skipped_LookAlikeFieldOfAnotherPart() => _stash.Release(); }
                public partial class PartsWithFields { private readonly Stash _stash = new Stash(); public void Skipped_LookAlikeFieldOfThisPart() => _stash.Release(); }
                public partial class PartsWithFields { private readonly SemaphoreSlim _gate = new SemaphoreSlim(1); public void Analysed_GateFieldOfThisPart() => _gate.Release(); }

                // An inherited method's return type is the base's type argument.
                public class Maker<TThing> { protected TThing Get() => default!; }
                public class SemaphoreMaker : Maker<SemaphoreSlim> { public void Analysed_InheritedCallResult() => Get().Release(); }
                public class StashMaker : Maker<Stash> { public void Skipped_InheritedCallResult() => Get().Release(); }
            }

            namespace Kinds
            {
                public sealed class Release { }
            }

            namespace Real
            {
                // Named like the look-alike type of the other namespace: a qualified name is not judged by its last part.
                public sealed class Stash : SemaphoreSlim { public Stash() : base(1) { } }
                public sealed class Holder { public SemaphoreSlim Gate = new SemaphoreSlim(1); }
            }
            """;

        [Fact]
        public async Task EverySpellingOfARealCallIsAnalysed_LookAlikesAreNot()
        {
            var (index, compilation) = await BuildAsync(Source);
            var methods = JudgedMethods(compilation);
            var wrong = WronglyJudged(index, compilation, methods);

            Assert.Equal(124, methods.Count);
            Assert.Equal(string.Empty, string.Join(", ", wrong));
        }

        [Fact]
        public async Task EachVerdictIsTheSameInAnyOrderAndWhenAskedAgain()
        {
            // A mention is judged once per compilation, by the wrapper search or by the first body that asks, and the
            // verdicts on a receiver's name are kept per type declaration: no order of questions may change an answer.
            foreach (bool reversed in new[] { false, true })
            {
                var (index, compilation) = await BuildAsync(Source);
                var methods = JudgedMethods(compilation);
                if (reversed)
                {
                    methods.Reverse();
                }

                var wrong = WronglyJudged(index, compilation, methods.Concat(methods));

                Assert.Equal(string.Empty, string.Join(", ", wrong));
            }
        }

        [Fact]
        public async Task LocalsInitializedFromEachOtherInACycle_MayCall()
        {
            // Code being typed: C# rejects it, and the pre-filter must neither loop nor skip the body.
            const string source = """
                using System.Threading;
                public class Broken
                {
                    public void Analysed_Cycle() { var a = b; var b = a; a.Release(); }
                }
                """;
            var (index, compilation) = await BuildAsync(source);
            var wrong = WronglyJudged(index, compilation, JudgedMethods(compilation));

            Assert.Equal(string.Empty, string.Join(", ", wrong));
        }

        [Fact]
        public async Task TheSourceCompiles()
        {
            var (_, compilation) = await BuildAsync(Source);
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        }

        [Fact]
        public async Task GlobalUsingStaticInAnotherFile_ImportsTheContractMembers()
        {
            const string source = """
                public class Native
                {
                    public void Analysed_GlobalUsingStatic(int n) => FreeHGlobal(AllocHGlobal(n));
                }
                """;
            var (index, compilation) = await BuildAsync(new[] { source, "global using static System.Runtime.InteropServices.Marshal;" });
            var wrong = WronglyJudged(index, compilation, JudgedMethods(compilation));

            Assert.Single(JudgedMethods(compilation));
            Assert.Equal(string.Empty, string.Join(", ", wrong));
        }

        [Fact]
        public async Task ARangeOfAnArrayIsAnArray()
        {
            // No preset member is an array's, so the range's own type matters with a pair on one only.
            const string source = """
                public sealed class Stash { public object Clone() => this; }
                public class Slices
                {
                    private readonly Stash[] _stashes = { new Stash() };
                    public object Analysed_Range() => _stashes[1..].Clone();
                    public object Analysed_Index(System.Index last) => _stashes[last].Clone();
                    public object Skipped_Element() => _stashes[0].Clone();
                }
                """;
            var (index, compilation) = await BuildAsync(new[] { source }, "acquire cloned M:System.Array.Clone return\nrelease cloned M:System.GC.KeepAlive(System.Object) argument obj\n");
            var wrong = WronglyJudged(index, compilation, JudgedMethods(compilation));

            Assert.Equal(3, JudgedMethods(compilation).Count);
            Assert.Equal(string.Empty, string.Join(", ", wrong));
        }

        /// <summary>The methods whose name says whether the pre-filter must let their body through.</summary>
        private static List<MethodDeclarationSyntax> JudgedMethods(Compilation compilation) =>
            compilation.SyntaxTrees.SelectMany(tree => tree.GetRoot().DescendantNodes()).OfType<MethodDeclarationSyntax>()
                .Where(m => m.Identifier.ValueText.StartsWith("Analysed_") || m.Identifier.ValueText.StartsWith("Skipped_"))
                .ToList();

        /// <summary>The names of the methods the pre-filter judged against their name, asked in the order given.</summary>
        private static List<string> WronglyJudged(ContractNameIndex index, Compilation compilation, IEnumerable<MethodDeclarationSyntax> methods) =>
            methods
                .Where(m => index.MayCall(m, compilation.GetSemanticModel(m.SyntaxTree), CancellationToken.None) != m.Identifier.ValueText.StartsWith("Analysed_"))
                .Select(m => m.Identifier.ValueText)
                .ToList();

        internal static Task<(ContractNameIndex Index, Compilation Compilation)> BuildAsync(string source) => BuildAsync(new[] { source });

        /// <summary>The pre-filter's index for the sources (one file each), with the dotnet preset or the pairs given.</summary>
        internal static async Task<(ContractNameIndex Index, Compilation Compilation)> BuildAsync(string[] sources, string pairs = "preset dotnet\n")
        {
            var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
            var compilation = CSharpCompilation.Create(
                "Demo",
                sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, path: $"Demo{i}.cs")),
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            return (IndexFor(compilation, pairs), compilation);
        }

        /// <summary>A new pre-filter index for the compilation, with the pairs given.</summary>
        internal static ContractNameIndex IndexFor(Compilation compilation, string pairs = "preset dotnet\n")
        {
            var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new InMemoryText(PairsConfiguration.FileName, pairs)));
            var configuration = PairsConfiguration.Load(compilation, options, CancellationToken.None);
            var annotations = AnnotationAssemblies.Find(compilation, CancellationToken.None);
            var catalog = new ContractCatalog(annotations.Any, configuration.Contracts);
            return ContractNameIndex.Build(compilation, catalog, annotations, configuration.Contracts, CancellationToken.None);
        }

        internal sealed class InMemoryText : AdditionalText
        {
            private readonly string _text;

            public InMemoryText(string path, string text)
            {
                Path = path;
                _text = text;
            }

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(_text);
        }
    }
}
