using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static VfioAnalyzers.Flow.OperationWrappers;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// Escape through derived values (docs/ownership.md): a value made from a held reference may carry its ownership
    /// (a wrapper, the handle's identity token) or only point into it (a span, a pinned address). A carrier handed
    /// on takes the reference with it; a pointer into it is lent like the reference itself.
    /// </summary>
    internal sealed partial class BodyAnalysis
    {
        /// <summary>
        /// The value a member without a contract returns from the references it is given: the same value (a pass-through
        /// such as <c>ConfigureAwait</c>), a carrier of them, or the reference itself again; unknown otherwise. Members
        /// with a body in the compilation are left to their summaries.
        /// </summary>
        private AbstractValue Derive(IMethodSymbol method, AbstractValue instanceValue, ImmutableArray<IArgumentOperation> arguments, AbstractValue[] values, int offset)
        {
            if (WellKnownMembers.IsPassThrough(method, out int passed))
            {
                return passed < 0 ? instanceValue : ArgumentValue(arguments, values, offset, passed);
            }

            if (!method.DeclaringSyntaxReferences.IsEmpty)
            {
                return AbstractValue.Unknown;
            }

            var result = method.MethodKind == MethodKind.Constructor ? method.ContainingType : method.ReturnType;
            if (result == null || result.SpecialType == SpecialType.System_Void || result.IsRefLikeType)
            {
                // Nothing, or a span: a span only points into what it was made from.
                return AbstractValue.Unknown;
            }

            var derived = DeriveFrom(method, instanceValue, result, AbstractValue.Unknown);
            for (int i = 0; i < arguments.Length; i++)
            {
                var parameter = arguments[i].Parameter;
                if (parameter != null && (parameter.RefKind == RefKind.None || parameter.RefKind == RefKind.In))
                {
                    derived = DeriveFrom(method, values[i + offset], result, derived);
                }
            }

            return derived;
        }

        /// <summary>What a user-defined conversion makes of a tracked value; the value itself for every other conversion.</summary>
        private AbstractValue Convert(IConversionOperation conversion, AbstractValue operand)
        {
            if (!operand.IsReference || conversion.OperatorMethod == null || conversion.Type == null)
            {
                return operand;
            }

            var derived = DeriveFrom(conversion.OperatorMethod, operand, conversion.Type, AbstractValue.Unknown);
            return derived.Kind == ValueKind.Unknown ? operand : derived;
        }

        /// <summary>Adds to <paramref name="derived"/> what <paramref name="input"/> gives the result of <paramref name="method"/>.</summary>
        private AbstractValue DeriveFrom(IMethodSymbol method, AbstractValue input, ITypeSymbol result, AbstractValue derived)
        {
            if (!input.IsReference)
            {
                return derived;
            }

            var held = _context.Sites[input.Resource].HeldType;
            AbstractValue contribution;
            if (input.Carrier == Carrier.Token && SameType(result, held))
            {
                // The token turned back into the handle: GCHandle.FromIntPtr(token).
                contribution = input.CarriedAs(Carrier.Itself);
            }
            else if (WellKnownMembers.IsPointerLike(result) && WellKnownMembers.ConvertsAnAddress(method) &&
                (input.Carrier == Carrier.Token || (input.Carrier == Carrier.Itself && WellKnownMembers.IsPointerLike(held))))
            {
                // The same address or token, converted: (byte*)p, p.ToPointer(), new IntPtr(ptr).
                contribution = input;
            }
            else if (input.Carrier == Carrier.Itself && method.IsStatic && WellKnownMembers.IsPointerLike(result) &&
                !WellKnownMembers.IsPointerLike(held) && SameType(method.ContainingType, held))
            {
                // The handle's own type turns it into its identity token: GCHandle.ToIntPtr(h), (IntPtr)h.
                contribution = input.CarriedAs(Carrier.Token);
            }
            else if (WellKnownMembers.IsWrapperType(result) ||
                (method.MethodKind == MethodKind.Constructor && !WellKnownMembers.CopiesOnConstruction(result)))
            {
                // A wrapper of the array or handle: rented.AsMemory(), memory.Slice(n), new ArraySegment<T>(rented),
                // new MemoryHandle(p, handle); an object constructed around it.
                contribution = input.CarriedAs(input.IsTokenLike ? Carrier.Token : Carrier.Wrapper);
            }
            else
            {
                return derived;
            }

            if (derived.Kind == ValueKind.Unknown)
            {
                return contribution;
            }

            return derived.TryCarry(contribution, out var both) ? both : derived;
        }

        /// <summary>
        /// A field or property read through a carrier (when its path says nothing): the carried reference itself when
        /// the member has its type (<c>segment.Array</c>), the token when the carrier holds one and the member is an
        /// address.
        /// </summary>
        private AbstractValue ReadThroughCarrier(AbstractValue container, ITypeSymbol? memberType)
        {
            if (!container.IsCarrier || memberType == null)
            {
                return AbstractValue.Unknown;
            }

            foreach (int resource in container.Resources)
            {
                // A container's members were stored by path and are read back by path: its type tells nothing more,
                // unless it came in as a helper's parameter, whose stores the helper never saw.
                var held = _context.Sites[resource].HeldType;
                if (held == null ? HoldsAReference(memberType) : !container.IsContainer && SameType(memberType, held))
                {
                    return AbstractValue.Reference(resource, maybeNull: false);
                }
            }

            return container.IsTokenLike && WellKnownMembers.IsPointerLike(memberType) ? container.CarriedAs(Carrier.Token) : AbstractValue.Unknown;
        }

        /// <summary>Whether the call's result carries every reference <paramref name="argument"/> does: the argument goes with the result.</summary>
        private static bool CarriesAll(AbstractValue derived, AbstractValue argument)
        {
            if (!derived.IsReference)
            {
                return false;
            }

            foreach (int resource in argument.Resources)
            {
                if (!derived.Refers(resource))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A store into a field or property of a container (a local struct, an object being initialized) makes the
        /// container carry the reference; nothing is handed on until the container is.
        /// </summary>
        private static ValueKey? ContainerKey(IOperation? instance)
        {
            switch (Strip(instance))
            {
                case ILocalReferenceOperation local when local.Type != null && local.Type.IsValueType && !local.Local.IsRef:
                    return ValueKey.For(local.Local);
                case IFlowCaptureReferenceOperation capture:
                    // The object of an initializer (`new Blob { Data = p }`) before it is stored anywhere.
                    return ValueKey.For(capture.Id);
                default:
                    return null;
            }
        }

        /// <summary>
        /// The container now carries the value, and the member it went to holds exactly it (when the container is a
        /// local or parameter, whose members are read back by path).
        /// </summary>
        private FlowState StoreIntoContainer(FlowState state, ValueKey container, AbstractValue value, ValueKey? member)
        {
            state = state.Get(container).TryCarry(value, out var carried) ? state.With(container, carried) : HandOn(state, value, null);
            return member.HasValue ? state.With(member.Value, value) : state;
        }

        private static AbstractValue ArgumentValue(ImmutableArray<IArgumentOperation> arguments, AbstractValue[] values, int offset, int ordinal) =>
            TryFindArgument(arguments, ordinal, out int index) ? values[index + offset] : AbstractValue.Unknown;

        /// <summary>A member that can be the carried reference when its type is not known (a helper's carrier parameter).</summary>
        private static bool HoldsAReference(ITypeSymbol type) =>
            type.IsReferenceType || type.TypeKind == TypeKind.Pointer || type.SpecialType == SpecialType.System_IntPtr || type.SpecialType == SpecialType.System_UIntPtr;

        private static bool SameType(ITypeSymbol? a, ITypeSymbol? b) =>
            a != null && b != null && SymbolEqualityComparer.Default.Equals(a, b);
    }
}
