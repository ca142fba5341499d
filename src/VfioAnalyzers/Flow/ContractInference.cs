using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using VfioAnalyzers.Contracts;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// Inferred contracts for source wrappers (docs/ownership.md): a source member without annotations that returns
    /// holding a reference it acquired (on this, on a parameter, or as its result), or that always gives back a
    /// reference held through this, gets the contract an annotation would give it, for callers in the same
    /// compilation. Computed once per member by the same flow analysis, run over its body silently.
    /// </summary>
    internal sealed class ContractInference
    {
        private const int MaxDepth = 2;

        [System.ThreadStatic]
        private static HashSet<IMethodSymbol>? t_inProgress;

        private readonly Compilation _compilation;
        private readonly ContractNameIndex _index;
        private readonly CancellationToken _cancellationToken;
        private readonly ConcurrentDictionary<IMethodSymbol, MemberContract> _cache =
            new ConcurrentDictionary<IMethodSymbol, MemberContract>(SymbolEqualityComparer.Default);

        public ContractInference(Compilation compilation, ContractNameIndex index, CancellationToken cancellationToken)
        {
            _compilation = compilation;
            _index = index;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Set once the catalog and summaries that the analysis of a wrapper's body needs exist.</summary>
        public ContractCatalog? Catalog { get; set; }

        public ParameterSummaries? Summaries { get; set; }

        public LoweredBodies? Bodies { get; set; }

        /// <summary>The inferred contract of a source member declared without annotations; <see cref="MemberContract.None"/> otherwise.</summary>
        public MemberContract Get(IMethodSymbol method)
        {
            method = method.OriginalDefinition;
            if (_cache.TryGetValue(method, out var known))
            {
                return known;
            }

            if (!MayWrap(method, out var syntax) || Catalog == null || Summaries == null || Bodies == null)
            {
                return _cache.GetOrAdd(method, MemberContract.None);
            }

            var inProgress = t_inProgress ??= new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            if (inProgress.Count >= MaxDepth || inProgress.Contains(method))
            {
                // Too deep or recursive to know: nothing inferred, and that answer is not kept.
                AnalysisRecursion.CutShort();
                return MemberContract.None;
            }

            inProgress.Add(method);
            bool outer = AnalysisRecursion.Begin();
            bool ended = false;
            try
            {
                var contract = Infer(method, syntax);
                ended = true;
                return AnalysisRecursion.End(outer) ? contract : _cache.GetOrAdd(method, contract);
            }
            finally
            {
                if (!ended)
                {
                    AnalysisRecursion.End(outer);
                }

                inProgress.Remove(method);
            }
        }

        /// <summary>
        /// Only ordinary methods with one body in this compilation whose syntax looks like a wrapper
        /// (<see cref="WrapperSyntax"/>) can be one.
        /// </summary>
        private bool MayWrap(IMethodSymbol method, out SyntaxNode syntax)
        {
            syntax = null!;
            if (method.MethodKind != MethodKind.Ordinary || method.IsAbstract || method.IsExtern || method.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            syntax = method.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken);
            return syntax is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax declaration &&
                _compilation.ContainsSyntaxTree(syntax.SyntaxTree) &&
                ((SyntaxNode?)declaration.Body ?? declaration.ExpressionBody) is { } body && _index.MayMentionContract(body, _cancellationToken) &&
                (WrapperSyntax.MayAcquireForCaller(declaration, _index.Roles, _index.MemberTypes) || WrapperSyntax.MayReleaseForCaller(declaration, _index.Roles, _index.MemberTypes));
        }

        private MemberContract Infer(IMethodSymbol method, SyntaxNode syntax)
        {
            var lowered = Bodies!.Get(syntax, model: null, _cancellationToken);
            var graph = lowered?.Graph(_cancellationToken);
            if (graph == null)
            {
                return MemberContract.None;
            }

            var context = new BodyContext(Catalog!, AnalysisSettings.ExplicitExitsOnly, NullFindingSink.Instance, Summaries!, _cancellationToken);
            var analysis = BodyAnalysis.Collect(context, graph, method, FlowState.Empty, depth: 1);
            if (analysis.GaveUp || analysis.Exits.Count == 0)
            {
                return MemberContract.None;
            }

            return FromExits(method, analysis.Exits, context.Sites);
        }

        /// <summary>What the exits, together, promise: each candidate holds on every exit that reports success, and only there.</summary>
        private static MemberContract FromExits(IMethodSymbol method, List<ExitOutcome> exits, SiteRegistry sites)
        {
            var acquires = ImmutableArray.CreateBuilder<AcquireSpec>();
            var releases = ImmutableArray.CreateBuilder<ReleaseSpec>();
            bool returnsBool = WellKnownMembers.AwaitedType(method.ReturnType).SpecialType == SpecialType.System_Boolean;

            var candidates = new HashSet<(string Kind, AcquireTarget Target, int Ordinal)>();
            var releasedThroughThis = new HashSet<string>();
            foreach (var exit in exits)
            {
                foreach (var held in HeldAt(method, exit, sites))
                {
                    candidates.Add(held);
                }

                for (int resource = 0; resource < exit.State.ResourceCount; resource++)
                {
                    var site = sites[resource];
                    if (site.Origin == SiteOrigin.ReleasedUnknown && exit.State.Status(resource) == ResourceStatus.Released && IsThisOrItsField(method, site.Place))
                    {
                        releasedThroughThis.Add(site.Kind);
                    }
                }
            }

            foreach (var candidate in candidates)
            {
                bool always = true;
                bool onTrueOnly = returnsBool;
                foreach (var exit in exits)
                {
                    bool holds = HeldAt(method, exit, sites).Contains(candidate);
                    always &= holds;
                    var result = exit.Value.AsBool;
                    onTrueOnly &= holds ? result == true : result == false;
                }

                if (always)
                {
                    var condition = candidate.Target == AcquireTarget.ReturnValue ? AcquireCondition.NonNull : AcquireCondition.Always;
                    acquires.Add(new AcquireSpec(candidate.Kind, candidate.Target, condition, candidate.Ordinal));
                }
                else if (onTrueOnly)
                {
                    acquires.Add(new AcquireSpec(candidate.Kind, candidate.Target, AcquireCondition.ReturnsTrue, candidate.Ordinal));
                }
                else if (candidate.Target != AcquireTarget.ReturnValue && IntegerConditionOf(method, exits, sites, candidate) is AcquireCondition onResult)
                {
                    acquires.Add(new AcquireSpec(candidate.Kind, candidate.Target, onResult, candidate.Ordinal));
                }
                else if (candidate.Target == AcquireTarget.ReturnValue && ReturnsNothingOtherwise(method, exits, sites, candidate))
                {
                    acquires.Add(new AcquireSpec(candidate.Kind, AcquireTarget.ReturnValue, AcquireCondition.NonNull));
                }
            }

            foreach (var kind in releasedThroughThis)
            {
                if (!method.IsStatic && exits.TrueForAll(exit => ReleasesThroughThis(method, exit, sites, kind)))
                {
                    releases.Add(new ReleaseSpec(kind, ReleaseTarget.Receiver));
                }
            }

            return acquires.Count == 0 && releases.Count == 0 ? MemberContract.None : new MemberContract(acquires.ToImmutable(), releases.ToImmutable());
        }

        /// <summary>What one exit leaves held for the caller: through this or its fields, through a by-value parameter, or returned.</summary>
        private static HashSet<(string Kind, AcquireTarget Target, int Ordinal)> HeldAt(IMethodSymbol method, ExitOutcome exit, SiteRegistry sites)
        {
            var held = new HashSet<(string, AcquireTarget, int)>();
            foreach (var pair in exit.State.Values)
            {
                foreach (int resource in pair.Value.Resources)
                {
                    var site = sites[resource];
                    if (site.Origin != SiteOrigin.Acquire || !site.InPlace || exit.State.Status(resource) != ResourceStatus.Held || pair.Value.IsCarrier)
                    {
                        continue;
                    }

                    if (!method.IsStatic && IsThisOrItsField(method, pair.Key.Symbol))
                    {
                        held.Add((site.Kind, AcquireTarget.Receiver, -1));
                    }
                    else if (pair.Key.Symbol is IParameterSymbol parameter && parameter.RefKind == RefKind.None &&
                        SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method))
                    {
                        held.Add((site.Kind, AcquireTarget.Argument, parameter.Ordinal));
                    }
                }
            }

            if (exit.ReturnsHeld)
            {
                foreach (int resource in exit.Value.Resources)
                {
                    var site = sites[resource];
                    if (site.Origin == SiteOrigin.Acquire)
                    {
                        held.Add((site.Kind, AcquireTarget.ReturnValue, -1));
                    }
                }
            }

            return held;
        }

        /// <summary>
        /// An errno-style wrapper (pm_runtime_resume_and_get): holding on every exit that returns 0 (or, failing that,
        /// 0 or more) and on none that returns a negative status. An exit whose status has no known sign
        /// (<c>return -(int)error;</c>) leaves the condition unknown, and nothing is inferred.
        /// </summary>
        private static AcquireCondition? IntegerConditionOf(IMethodSymbol method, List<ExitOutcome> exits, SiteRegistry sites, (string Kind, AcquireTarget Target, int Ordinal) candidate)
        {
            if (!IntegerConditions.ReturnsIntegerStatus(method))
            {
                return null;
            }

            var heldSigns = Signs.None;
            foreach (var exit in exits)
            {
                var signs = exit.Value.IntegerSigns;
                if (HeldAt(method, exit, sites).Contains(candidate))
                {
                    heldSigns |= signs;
                }
                else if (signs != Signs.Negative)
                {
                    return null;
                }
            }

            return heldSigns == Signs.Zero ? AcquireCondition.ReturnsZero
                : heldSigns != Signs.None && (heldSigns & Signs.Negative) == 0 ? AcquireCondition.ReturnsNonNegative
                : (AcquireCondition?)null;
        }

        /// <summary>A factory that returns the reference on some exits and null (or a failed acquire) on the others.</summary>
        private static bool ReturnsNothingOtherwise(IMethodSymbol method, List<ExitOutcome> exits, SiteRegistry sites, (string Kind, AcquireTarget Target, int Ordinal) candidate) =>
            exits.TrueForAll(exit => exit.Value.Kind == ValueKind.Null || HeldAt(method, exit, sites).Contains(candidate) ||
                (exit.Value.IsReference && exit.State.Status(exit.Value.Resource) == ResourceStatus.NotHeld));

        private static bool ReleasesThroughThis(IMethodSymbol method, ExitOutcome exit, SiteRegistry sites, string kind)
        {
            for (int resource = 0; resource < exit.State.ResourceCount; resource++)
            {
                var site = sites[resource];
                if (site.Origin == SiteOrigin.ReleasedUnknown && site.Kind == kind && exit.State.Status(resource) == ResourceStatus.Released && IsThisOrItsField(method, site.Place))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsThisOrItsField(IMethodSymbol method, ISymbol? place) => place switch
        {
            IFieldSymbol field => !field.IsStatic && SymbolEqualityComparer.Default.Equals(field.ContainingType.OriginalDefinition, method.ContainingType.OriginalDefinition),
            ITypeSymbol type => SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, method.ContainingType.OriginalDefinition),
            _ => false,
        };
    }
}
