using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// Ownership that outlives the method (docs/ownership.md): a reference acquired in place on an object that lives
    /// beyond the method (a field of this, this, a parameter) and still held at an exit belongs to that object or to
    /// the caller, but only on exits that report success. Failure exits unwind everything, and exits of one class
    /// must agree: one that keeps what another gives back is a leak.
    /// </summary>
    internal sealed partial class BodyAnalysis
    {
        private readonly List<KeptAtExit> _kept = new List<KeptAtExit>();
        // Per reference (a site's generation), not per acquiring call: a retry loop's earlier release is another reference's.
        private readonly HashSet<(int Resource, ExitClass Class)> _releasedAtExit = new HashSet<(int, ExitClass)>();

        private enum ExitClass
        {
            /// <summary>The member's result does not tell (void, an unknown value).</summary>
            Undetermined,

            /// <summary><c>return true</c>, a non-null value, status 0, or any return of an <c>[Acquires]</c> member that always acquires.</summary>
            Success,

            /// <summary>A throw, <c>return false</c>, <c>return null</c>, a negative or non-zero status.</summary>
            Failure,
        }

        /// <summary>What a normal exit reports, from the value it returns and the member's return convention.</summary>
        private ExitClass Classify(AbstractValue returned, ControlFlowBranch edge)
        {
            if (!(_owner is IMethodSymbol method) || edge.Semantics != ControlFlowBranchSemantics.Return)
            {
                return ExitClass.Undetermined;
            }

            var type = method.IsAsync ? WellKnownMembers.AwaitedType(method.ReturnType) : method.ReturnType;
            switch (type.SpecialType)
            {
                case SpecialType.System_Void:
                    return ExitClass.Undetermined;
                case SpecialType.System_Boolean:
                    return returned.AsBool == true ? ExitClass.Success : returned.AsBool == false ? ExitClass.Failure : ExitClass.Undetermined;
                case SpecialType.System_SByte:
                case SpecialType.System_Int16:
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                    // Errno style: 0 is success, a negative status (or one known to be non-zero) is an error.
                    if (returned.Kind == ValueKind.NonNull || (returned.Kind == ValueKind.Signed && returned.IntegerSigns == Signs.Negative))
                    {
                        return ExitClass.Failure;
                    }

                    return returned.Kind == ValueKind.Constant && returned.ConstantValue is long status
                        ? status == 0 ? ExitClass.Success : status < 0 ? ExitClass.Failure : ExitClass.Undetermined
                        : ExitClass.Undetermined;
            }

            if (type.IsReferenceType || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                switch (returned.Kind)
                {
                    case ValueKind.Null:
                        return ExitClass.Failure;
                    case ValueKind.NonNull:
                    case ValueKind.Present:
                        return ExitClass.Success;
                    case ValueKind.Reference when !returned.MaybeNull:
                        return ExitClass.Success;
                }
            }

            return ExitClass.Undetermined;
        }

        /// <summary>
        /// Whether the reference is held through an object that outlives the method: a field of this or a static
        /// field, this itself, a parameter, or a local read from a field.
        /// </summary>
        private bool IsKeptByOwner(FlowState state, int resource, out IFieldSymbol? field)
        {
            field = null;
            if (!_context.Sites[resource].InPlace)
            {
                return false;
            }

            bool kept = false;
            foreach (var pair in state.Values)
            {
                if (!pair.Value.Refers(resource) || pair.Value.IsCarrier)
                {
                    continue;
                }

                switch (pair.Key.Symbol)
                {
                    case IFieldSymbol held:
                        field ??= held;
                        kept = true;
                        break;
                    case ITypeSymbol _:
                    case IParameterSymbol _:
                        kept = true;
                        break;
                    case ILocalSymbol _ when pair.Value.OriginField != null:
                        field ??= pair.Value.OriginField;
                        kept = true;
                        break;
                }
            }

            return kept;
        }

        /// <summary>
        /// Whether the body behaves like a wrapper on some path: it keeps a reference for an owner, returns one it
        /// acquired, or gives back one held through this. Only then is its contract worth inferring (VFIO009).
        /// </summary>
        public bool LooksLikeWrapper { get; private set; }

        private void Keep(ResourceSite site, IFieldSymbol? field, Location exit, string name, BranchNote? branch, ExitClass exitClass)
        {
            LooksLikeWrapper = true;
            _kept.Add(new KeptAtExit(site, exit, name, branch, exitClass));
            if (field != null)
            {
                // Kept in a field: some member must give it back one day (VFIO007 where none does).
                _sink.FieldStored(site, field, site.Operation);
            }
        }

        private void NoteReleasedAtExit(ResourceSite site, ExitClass exitClass) => _releasedAtExit.Add((site.Id, exitClass));

        /// <summary>An exit that keeps a reference another exit of the same class gives back leaks it (a Flush whose early return keeps the lock).</summary>
        private void ReportDisagreeingExits()
        {
            foreach (var kept in _kept)
            {
                // A by-value [Acquires] wrapper keeps on success what it promised; a success exit that released it is VFIO008.
                if (_releasedAtExit.Contains((kept.Site.Id, kept.Class)) && !(kept.Class == ExitClass.Success && PromisesArgument(kept.Site.Kind)))
                {
                    _sink.Leak(kept.Site, kept.Exit, kept.Name, kept.Branch);
                }
            }
        }

        private readonly struct KeptAtExit
        {
            public KeptAtExit(ResourceSite site, Location exit, string name, BranchNote? branch, ExitClass exitClass)
            {
                Site = site;
                Exit = exit;
                Name = name;
                Branch = branch;
                Class = exitClass;
            }

            public ResourceSite Site { get; }

            public Location Exit { get; }

            public string Name { get; }

            public BranchNote? Branch { get; }

            public ExitClass Class { get; }
        }
    }
}
