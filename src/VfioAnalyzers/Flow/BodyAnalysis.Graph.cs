using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using VfioAnalyzers.Reporting;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// The path-sensitive dataflow over one body's control-flow graph: a set of states per block, a transfer per
    /// operation (the other half of this class), and a worklist. Finally regions run once per distinct incoming
    /// state, so each exit sees exactly the cleanup it gets; exceptions reach catch handlers from every call in a try.
    /// </summary>
    internal sealed partial class BodyAnalysis
    {
        private const int MaxVisitsPerBlock = 200;
        private const int MaxInlineDepth = 3;

        private readonly BodyContext _context;
        private readonly ControlFlowGraph _graph;
        private readonly ISymbol? _owner;
        private readonly OwnerPromise _promise;
        private readonly IFindingSink _sink;
        private readonly bool _collectExits;
        private readonly int _depth;
        private readonly Dictionary<(ControlFlowRegion, FlowState), (List<FlowState> Outputs, BranchNote? InputBranch)> _finallyCache =
            new Dictionary<(ControlFlowRegion, FlowState), (List<FlowState>, BranchNote?)>();

        private readonly Stack<List<FlowState>> _listPool = new Stack<List<FlowState>>();

        private RegionRun? _run;
        private BasicBlock? _block;

        // The state an exception that reports nothing was last raised with, and from where (IsRaisedAgain).
        private (FlowState? State, BasicBlock? Block, RegionRun? Run) _quietRaise;

        // The goto each edge takes (or the try or catch block it falls out of), found once per edge and only in
        // bodies that have one (null: none).
        private Dictionary<ControlFlowBranch, Location?>? _jumps;
        private bool? _hasGotos;

        // The variables an exception raised in one region leaves behind, per try block it unwinds to.
        private Dictionary<(ControlFlowRegion, ControlFlowRegion), DeadScopes>? _deadScopes;

        private BodyAnalysis(BodyContext context, ControlFlowGraph graph, ISymbol? owner, OwnerPromise promise, IFindingSink sink, bool collectExits, int depth)
        {
            _context = context;
            _graph = graph;
            _owner = owner;
            _promise = promise;
            _sink = sink;
            _collectExits = collectExits;
            _depth = depth;
        }

        /// <summary>States (and returned values) at the normal exits, for inlining and summaries.</summary>
        public List<ExitOutcome> Exits { get; } = new List<ExitOutcome>();

        /// <summary>True when the body was too large or tangled to finish; its findings are then withheld.</summary>
        public bool GaveUp { get; private set; }

        /// <summary>Analyses a body and reports what it finds.</summary>
        public static BodyAnalysis Report(BodyContext context, ControlFlowGraph graph, ISymbol? owner, OwnerPromise promise, FlowState entry)
        {
            var analysis = new BodyAnalysis(context, graph, owner, promise, context.Sink, collectExits: false, depth: 0);
            analysis.Run(new[] { entry });
            if (!analysis.GaveUp)
            {
                analysis.ReportDisagreeingExits();
            }

            return analysis;
        }

        /// <summary>Runs a body silently and collects its exit states: for summaries of helpers.</summary>
        public static BodyAnalysis Collect(BodyContext context, ControlFlowGraph graph, ISymbol? owner, FlowState entry, int depth)
        {
            var analysis = new BodyAnalysis(context, graph, owner, OwnerPromise.None, NullFindingSink.Instance, collectExits: true, depth: depth);
            analysis.Run(new[] { entry });
            return analysis;
        }

        private void Run(IEnumerable<FlowState> entry)
        {
            _context.RegisterLocalFunctions(_graph);
            if (_context.Decisive == null)
            {
                var body = _graph.OriginalOperation;
                while (body.Parent != null)
                {
                    body = body.Parent;
                }

                _context.Decisive = DecisiveVariables.Collect(body, out var retested);
                _context.Retested = retested;
            }

            var root = new RegionRun(_graph.Root, parent: null);
            try
            {
                root.AddInput(_graph.Blocks[0].Ordinal, entry);
                Drain(root);
            }
            catch (GiveUpException)
            {
                GaveUp = true;
            }
        }

        private void Drain(RegionRun run)
        {
            var saved = _run;
            _run = run;
            try
            {
                while (run.TryTake(out int ordinal))
                {
                    _context.CancellationToken.ThrowIfCancellationRequested();
                    if (run.CountVisit(ordinal) > MaxVisitsPerBlock)
                    {
                        throw new GiveUpException();
                    }

                    var input = RentList();
                    run.TakeNewInput(ordinal, input);
                    ProcessBlock(_graph.Blocks[ordinal], input);
                    ReturnList(input);
                }
            }
            finally
            {
                _run = saved;
            }
        }

        private void ProcessBlock(BasicBlock block, List<FlowState> input)
        {
            var savedBlock = _block;
            _block = block;
            try
            {
                // Two lists swapped per operation rather than a new one each time: this is the hot loop.
                var states = RentList();
                var next = RentList();
                foreach (var entryState in input)
                {
                    states.Clear();
                    states.Add(entryState);
                    foreach (var operation in block.Operations)
                    {
                        next.Clear();
                        foreach (var state in states)
                        {
                            foreach (var outcome in Eval(operation, state))
                            {
                                next.Add(outcome.State);
                            }
                        }

                        (states, next) = (next, states);
                    }

                    foreach (var state in states)
                    {
                        Branch(block, state);
                    }
                }

                ReturnList(states);
                ReturnList(next);
            }
            finally
            {
                _block = savedBlock;
            }
        }

        // Blocks are processed re-entrantly (a finally region runs inside an edge), so lists come from a small pool.
        private List<FlowState> RentList() => _listPool.Count > 0 ? _listPool.Pop() : new List<FlowState>();

        private void ReturnList(List<FlowState> list)
        {
            list.Clear();
            _listPool.Push(list);
        }

        private void Branch(BasicBlock block, FlowState state)
        {
            if (block.BranchValue == null)
            {
                FollowEdge(block, block.FallThroughSuccessor, state, AbstractValue.Unknown);
                return;
            }

            foreach (var outcome in Eval(block.BranchValue, state))
            {
                if (block.ConditionalSuccessor == null)
                {
                    FollowEdge(block, block.FallThroughSuccessor, outcome.State, outcome.Value);
                    continue;
                }

                bool jumpsWhen = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                bool? truth = outcome.Value.AsBool;
                if (truth != !jumpsWhen)
                {
                    FollowEdge(block, block.ConditionalSuccessor, Decide(outcome.State, block.BranchValue, jumpsWhen, truth), AbstractValue.Unknown);
                }

                if (truth != jumpsWhen)
                {
                    FollowEdge(block, block.FallThroughSuccessor, Decide(outcome.State, block.BranchValue, !jumpsWhen, truth), AbstractValue.Unknown);
                }
            }
        }

        /// <summary>Takes one side of an undecided condition: remember it for messages and learn from it.</summary>
        private FlowState Decide(FlowState state, IOperation condition, bool taken, bool? known)
        {
            // A side known from what the path learnt (a null test of a fresh acquire, a stored Try result) still
            // names the branch in messages; only conditions the reader did not write (the null test of a `using`,
            // a loop's hidden counter) are left out.
            var note = NoteFor(condition, taken, known.HasValue);
            var after = known.HasValue ? state : Assume(state, condition, taken);
            return note != null ? after.WithBranch(note) : after;
        }

        private BranchNote? NoteFor(IOperation condition, bool taken, bool known)
        {
            // Only a condition whose value the path knows can be a constant; asking Roslyn costs a comparison.
            if (known && condition.ConstantValue.HasValue)
            {
                return null;
            }

            if (condition.IsImplicit && InFinally())
            {
                // The null test of a `using` or of a foreach's enumerator, on the way out.
                return null;
            }

            switch (condition)
            {
                case IIsNullOperation isNull:
                    // `??`, `?.` and `?? throw`: the test is implicit, its operand is what the reader wrote.
                    return BranchNote.ForNullTest(isNull.Operand.Syntax, taken);
                case IIsPatternOperation { Pattern: IDiscardPatternOperation _ }:
                    // `_ =>` always matches: it decides nothing.
                    return null;
            }

            // A foreach's hidden "move next" test names no condition the reader wrote.
            return condition.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.CommonForEachStatementSyntax ? null : BranchNote.For(condition.Syntax, taken);
        }

        private bool InFinally()
        {
            for (var region = _block?.EnclosingRegion; region != null; region = Outer(region))
            {
                if (region.Kind == ControlFlowRegionKind.Finally)
                {
                    return true;
                }
            }

            return false;
        }

        private void FollowEdge(BasicBlock source, ControlFlowBranch? edge, FlowState state, AbstractValue value)
        {
            if (edge == null)
            {
                return;
            }

            switch (edge.Semantics)
            {
                case ControlFlowBranchSemantics.Throw:
                    RaiseException(state, ExitLocator.ForThrow(source.BranchValue), cause: null, isExplicit: true);
                    return;
                case ControlFlowBranchSemantics.Rethrow:
                    RaiseException(state, ExitLocator.ForRethrow(source, _graph), cause: null, isExplicit: true);
                    return;
                case ControlFlowBranchSemantics.StructuredExceptionHandling:
                    // The end of a finally (or a filter): the region run that applied it takes the state.
                    _run!.Outputs.Add(state);
                    return;
                case ControlFlowBranchSemantics.Regular:
                    NoteJump(source, edge, state);
                    break;
                case ControlFlowBranchSemantics.Return:
                    break;
                default:
                    // Error and program termination end the path with nothing to report.
                    return;
            }

            bool returnsValue = edge.Semantics == ControlFlowBranchSemantics.Return && source.BranchValue != null;
            if (edge.FinallyRegions.IsEmpty && !returnsValue)
            {
                Arrive(source, edge, state, value);
                return;
            }

            var states = new List<FlowState>(1) { state };
            foreach (var finallyRegion in edge.FinallyRegions)
            {
                states = ApplyFinally(finallyRegion, states);
            }

            foreach (var after in states)
            {
                // The caller receives the value after the finally regions ran: one that released it hands on nothing.
                bool returnsHeld = returnsValue && value.IsReference && !value.IsCarrier && after.Status(value.Resource) == ResourceStatus.Held;
                Arrive(source, edge, returnsValue ? HandOnReturn(after, source.BranchValue!, value) : after, value, returnsHeld);
            }
        }

        /// <summary>
        /// When the edge takes a <c>goto</c>, or falls out of a try or catch block, what this path holds there: a fix
        /// may put before that goto or at the end of that block, on the leaking paths only.
        /// </summary>
        private void NoteJump(BasicBlock source, ControlFlowBranch edge, FlowState state)
        {
            // Only for the fixes of a reported body: a helper's silent run for its summary needs none of it.
            _hasGotos ??= !ReferenceEquals(_sink, NullFindingSink.Instance) && ExitLocator.HasJumps(_graph);
            if (_hasGotos != true)
            {
                return;
            }

            _jumps ??= new Dictionary<ControlFlowBranch, Location?>();
            if (!_jumps.TryGetValue(edge, out var jump))
            {
                jump = ExitLocator.GotoOf(source, edge, _graph) ?? ExitLocator.HandlerEndOf(source, edge);
                _jumps.Add(edge, jump);
            }

            if (jump != null)
            {
                _sink.PathAtJump(() => jump, state);
            }
        }

        /// <summary>A state reaches the edge's destination, its finally regions done: a block, or the end of the body.</summary>
        private void Arrive(BasicBlock source, ControlFlowBranch edge, FlowState state, AbstractValue value, bool returnsHeld = false)
        {
            var destination = edge.Destination!;
            if (destination.Kind == BasicBlockKind.Exit)
            {
                // A `break` out of the last loop (or any jump) that ends the body still ends the scope of the
                // loop's locals first: they leak where their scope ends, as they would with code after the loop.
                // The body's own top-level locals end with the body: their leak is at the exit itself.
                var left = edge.Semantics == ControlFlowBranchSemantics.Regular ? LeaveRegions(state, source, edge, keepBodyLocals: true) : state;
                ExitBody(left, value, returnsHeld, source, edge);
            }
            else
            {
                _run!.AddInputAnywhere(destination.Ordinal, LeaveRegions(state, source, edge));
            }
        }

        /// <summary>Runs a finally region from each incoming state; memoised, since many exits share one cleanup.</summary>
        private List<FlowState> ApplyFinally(ControlFlowRegion finallyRegion, List<FlowState> states)
        {
            var results = new List<FlowState>();
            foreach (var state in states)
            {
                    if (!_finallyCache.TryGetValue((finallyRegion, state), out var cached))
                {
                    var run = new RegionRun(finallyRegion, _run);
                    run.AddInput(finallyRegion.FirstBlockOrdinal, state);
                    Drain(run);
                    cached = (run.Outputs, state.Branch);
                    _finallyCache[(finallyRegion, state)] = cached;
                }

                // Branch notes are not part of state equality: a cached run keeps the note of the state that
                // first ran it. What the finally left undecided keeps this path's own note.
                foreach (var output in cached.Outputs)
                {
                    results.Add(ReferenceEquals(output.Branch, cached.InputBranch) ? output.WithBranch(state.Branch) : output);
                }
            }

            return results;
        }

        /// <summary>Drops the locals and captures whose scope the edge leaves; a held reference only they knew leaks here.</summary>
        private FlowState LeaveRegions(FlowState state, BasicBlock source, ControlFlowBranch edge, bool keepBodyLocals = false)
        {
            if (edge.LeavingRegions.IsEmpty)
            {
                return state;
            }

            var leaving = new List<ValueKey>();
            bool leavesLocals = false;
            foreach (var region in edge.LeavingRegions)
            {
                if (keepBodyLocals && region.EnclosingRegion?.Kind == ControlFlowRegionKind.Root)
                {
                    continue;
                }

                foreach (var local in region.Locals)
                {
                    leavesLocals = true;
                    leaving.Add(ValueKey.For(local));
                    AddPathsOf(state, ValueKey.For(local), leaving);
                }

                foreach (var capture in region.CaptureIds)
                {
                    leaving.Add(ValueKey.For(capture));
                    AddPathsOf(state, ValueKey.For(capture), leaving);
                }
            }

            if (leavesLocals)
            {
                // Where a variable's scope ends is an exit for what it holds: fixes need every path through it.
                _sink.PathAtExit(() => ExitLocator.ForScopeEnd(source, edge, _graph), state);
            }

            foreach (var key in leaving)
            {
                var value = state.Get(key);
                foreach (int resource in value.Resources)
                {
                    if (state.Status(resource) == ResourceStatus.Held && !IsHeldOutside(state, resource, leaving))
                    {
                        var site = _context.Sites[resource];
                        if (site.Origin == SiteOrigin.Acquire)
                        {
                            _sink.Leak(site, ExitLocator.ForScopeEnd(source, edge, _graph), NameOf(state, resource), state.Branch);
                            state = state.WithStatus(resource, ResourceStatus.Lost);
                        }
                    }
                }
            }

            return state.WithoutAll(leaving);
        }

        /// <summary>The members read or stored off a variable leave with it.</summary>
        private static void AddPathsOf(FlowState state, ValueKey root, List<ValueKey> leaving)
        {
            foreach (var pair in state.Values)
            {
                if (pair.Key.IsPath && pair.Key.Root.Equals(root))
                {
                    leaving.Add(pair.Key);
                }
            }
        }

        private static bool IsHeldOutside(FlowState state, int resource, List<ValueKey> leaving)
        {
            foreach (var pair in state.Values)
            {
                if (pair.Value.Refers(resource) && !leaving.Contains(pair.Key))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A normal exit from the body: every reference still held leaks here.</summary>
        private void ExitBody(FlowState state, AbstractValue returned, bool returnsHeld, BasicBlock source, ControlFlowBranch edge)
        {
            if (_collectExits)
            {
                Exits.Add(new ExitOutcome(state, returned, returnsHeld));
                return;
            }

            // Located only when something is reported there: finding the exit's syntax is not free.
            ReportHeld(state, () => ExitLocator.ForEdge(source, edge, _graph), Classify(returned, edge));
        }

        /// <summary>Reports what is still held at an exit; <paramref name="cause"/> is the call whose exception leaves, if any.</summary>
        private void ReportHeld(FlowState state, Func<Location> exit, ExitClass exitClass, ThrowCause? cause = null)
        {
            _sink.PathAtExit(exit, state);
            Location? location = null;
            for (int resource = 0; resource < state.ResourceCount; resource++)
            {
                var status = state.Status(resource);
                var site = _context.Sites[resource];
                if (status == ResourceStatus.Released && site.Origin == SiteOrigin.Acquire)
                {
                    NoteReleasedAtExit(site, exitClass);
                }

                if (status != ResourceStatus.Held || (cause != null && !_context.Settings.CountsExceptionsFor(site.Kind)))
                {
                    continue;
                }

                location ??= exit();
                switch (site.Origin)
                {
                    case SiteOrigin.Acquire when exitClass != ExitClass.Failure && IsKeptByOwner(state, resource, out var field):
                        // Held through an object that outlives the method (a field, this, a parameter) on an exit that
                        // does not report failure: the object or the caller keeps it, unless another exit of the same
                        // class gives it back (decided once every exit is known).
                        Keep(site, field, location, NameOf(state, resource), state.Branch, exitClass);
                        break;
                    case SiteOrigin.Acquire:
                        _sink.Leak(site, location, NameOf(state, resource), state.Branch, cause);
                        break;
                    case SiteOrigin.Entry:
                        _sink.ParameterNotReleased(site, location, state.Branch);
                        break;
                }
            }
        }

        /// <summary>
        /// The region around this one, within this body: the root of a lambda's or local function's graph has the
        /// enclosing method's regions around it, and an exception inside the lambda never reaches their handlers.
        /// </summary>
        private ControlFlowRegion? Outer(ControlFlowRegion region) => ReferenceEquals(region, _graph.Root) ? null : region.EnclosingRegion;

        private string NameOf(FlowState state, int resource) =>
            state.NameOf(resource) ?? ExitLocator.Describe(_context.Sites[resource].Operation.Syntax);

        /// <summary>The variable the code names at this place when it holds the reference (the alias a second put uses), else <see cref="NameOf"/>.</summary>
        private string NameAt(FlowState state, IOperation? place, int resource) =>
            KeyOf(place) is ValueKey key && key.IsNamed && !(key.Symbol is ITypeSymbol) && state.Get(key).Refers(resource) ? key.Symbol!.Name : NameOf(state, resource);

        private sealed class GiveUpException : Exception
        {
        }

        /// <summary>A worklist over the blocks of one region: the whole graph, or one finally region being applied.</summary>
        private sealed class RegionRun
        {
            private readonly ControlFlowRegion _region;
            private readonly RegionRun? _parent;
            // Indexed by ordinal within the region: a finally applied per exit sizes it by the finally alone.
            private readonly StateSet?[] _inputs;

            // Blocks with new input, taken lowest ordinal first.
            private readonly List<int> _pending = new List<int>();

            public RegionRun(ControlFlowRegion region, RegionRun? parent)
            {
                _region = region;
                _parent = parent;
                _inputs = new StateSet?[region.LastBlockOrdinal - region.FirstBlockOrdinal + 1];
            }

            public List<FlowState> Outputs { get; } = new List<FlowState>();

            public bool Contains(int ordinal) => ordinal >= _region.FirstBlockOrdinal && ordinal <= _region.LastBlockOrdinal;

            public void AddInput(int ordinal, IEnumerable<FlowState> states)
            {
                var set = SetOf(ordinal);
                if (set.AddRange(states))
                {
                    MarkPending(ordinal, set);
                }
            }

            public void AddInput(int ordinal, FlowState state)
            {
                var set = SetOf(ordinal);
                if (set.Add(state))
                {
                    MarkPending(ordinal, set);
                }
            }

            /// <summary>Adds to the innermost run that owns the block (a handler outside a finally belongs to an outer run).</summary>
            public void AddInputAnywhere(int ordinal, FlowState state) => Owner(ordinal).AddInput(ordinal, state);

            private RegionRun Owner(int ordinal)
            {
                var run = this;
                while (!run.Contains(ordinal) && run._parent != null)
                {
                    run = run._parent;
                }

                return run;
            }

            private StateSet SetOf(int ordinal) => _inputs[ordinal - _region.FirstBlockOrdinal] ??= new StateSet();

            public bool TryTake(out int ordinal)
            {
                // Pending ordinals are few; the smallest is found by a scan, with no allocation per block.
                ordinal = -1;
                int at = -1;
                for (int i = 0; i < _pending.Count; i++)
                {
                    if (ordinal < 0 || _pending[i] < ordinal)
                    {
                        ordinal = _pending[i];
                        at = i;
                    }
                }

                if (at < 0)
                {
                    return false;
                }

                _pending[at] = _pending[_pending.Count - 1];
                _pending.RemoveAt(_pending.Count - 1);
                _inputs[ordinal - _region.FirstBlockOrdinal]!.Pending = false;
                return true;
            }

            public void TakeNewInput(int ordinal, List<FlowState> buffer) => _inputs[ordinal - _region.FirstBlockOrdinal]!.TakeNew(buffer);

            public int CountVisit(int ordinal) => ++_inputs[ordinal - _region.FirstBlockOrdinal]!.Visits;

            private void MarkPending(int ordinal, StateSet set)
            {
                if (!set.Pending)
                {
                    set.Pending = true;
                    _pending.Add(ordinal);
                }
            }
        }
    }
}
