using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Flow
{
    /// <summary>What the analysis knows of a value: nothing, null, not null, a tracked reference (itself or carried by a
    /// value derived from it), or a constant.</summary>
    internal readonly struct AbstractValue : IEquatable<AbstractValue>
    {
        // First, so that the constants below can use it: small integers are boxed once, since a constant is
        // evaluated at every literal the analysis passes.
        private static readonly object[] SmallIntegers = Enumerable.Range(-128, 1152).Select(i => (object)(long)i).ToArray();

        public static readonly AbstractValue Unknown = default;
        public static readonly AbstractValue Null = new AbstractValue(ValueKind.Null, -1, -1, false, null, null);
        public static readonly AbstractValue NonNull = new AbstractValue(ValueKind.NonNull, -1, -1, false, null, null);
        public static readonly AbstractValue Present = new AbstractValue(ValueKind.Present, -1, -1, false, null, null);
        public static readonly AbstractValue True = Constant(true);
        public static readonly AbstractValue False = Constant(false);

        private AbstractValue(ValueKind kind, int resource, int second, bool maybeNull, object? constant, IFieldSymbol? originField, Carrier carrier = Carrier.Itself, Signs signs = Signs.None)
        {
            _signs = signs;
            Carrier = carrier;
            Kind = kind;
            Resource = resource;
            SecondResource = second;
            MaybeNull = maybeNull;
            ConstantValue = constant;
            OriginField = originField;
        }

        // Only for ValueKind.Signed: the signs the integer may have.
        private readonly Signs _signs;

        public ValueKind Kind { get; }

        /// <summary>For a reference: whether the value is the reference itself or a value derived from it that carries it.</summary>
        public Carrier Carrier { get; }

        public bool IsCarrier => Kind == ValueKind.Reference && Carrier != Carrier.Itself;

        /// <summary>A token, or a container holding one: whatever call it is given takes the reference over.</summary>
        public bool IsTokenLike => Kind == ValueKind.Reference && (Carrier == Carrier.Token || Carrier == Carrier.TokenContainer);

        /// <summary>A container of the reference: using it is not using the reference.</summary>
        public bool IsContainer => Kind == ValueKind.Reference && (Carrier == Carrier.Container || Carrier == Carrier.TokenContainer);

        /// <summary>The resource id, for <see cref="ValueKind.Reference"/>.</summary>
        public int Resource { get; }

        /// <summary>
        /// A second resource held through the same object, or -1: an object can carry two kinds at once,
        /// as a VFIO group carries a group reference and a container user.
        /// </summary>
        public int SecondResource { get; }

        /// <summary>The reference may still be null (an unchecked nullable acquire).</summary>
        public bool MaybeNull { get; }

        public object? ConstantValue { get; }

        /// <summary>The field this value was read from, so a release of it counts for VFIO007.</summary>
        public IFieldSymbol? OriginField { get; }

        public bool IsReference => Kind == ValueKind.Reference;

        public bool? AsBool => Kind == ValueKind.Constant && ConstantValue is bool b ? b : (bool?)null;

        public static AbstractValue Reference(int resource, bool maybeNull) => new AbstractValue(ValueKind.Reference, resource, -1, maybeNull, null, null);

        public static AbstractValue Bool(bool value) => value ? True : False;

        public static AbstractValue Constant(object? value) =>
            value == null ? Null : new AbstractValue(ValueKind.Constant, -1, -1, false, Normalize(value), null);

        /// <summary>
        /// An integer known by its sign: the constant 0 for zero alone, <see cref="NonNull"/> for "not zero" (as an
        /// earlier <c>status != 0</c> leaves it), nothing known for every sign.
        /// </summary>
        public static AbstractValue OfSigns(Signs signs) => signs switch
        {
            Signs.Zero => Constant(0L),
            Signs.NonZero => NonNull,
            Signs.None => Unknown,
            Signs.Any => Unknown,
            _ => new AbstractValue(ValueKind.Signed, -1, -1, false, null, null, signs: signs),
        };

        /// <summary>
        /// The signs an integer with this value may have: a constant's own, a <see cref="ValueKind.Signed"/> value's,
        /// "not zero" for <see cref="ValueKind.NonNull"/>; every sign otherwise. Meaningful only for integer places.
        /// </summary>
        public Signs IntegerSigns => Kind switch
        {
            ValueKind.Constant when ConstantValue is long value => value < 0 ? Signs.Negative : value == 0 ? Signs.Zero : Signs.Positive,
            ValueKind.Signed => _signs,
            ValueKind.NonNull => Signs.NonZero,
            _ => Signs.Any,
        };

        public static AbstractValue FromField(IFieldSymbol field) => new AbstractValue(ValueKind.Unknown, -1, -1, false, null, field);

        /// <summary>Whether <c>==</c> holds between two constants: as C# compares them, so NaN equals nothing.</summary>
        public static bool ConstantsEqual(object? left, object? right) => (left, right) switch
        {
            (double a, double b) => a == b,
            (float a, float b) => a == b,
            _ => Equals(left, right),
        };

        public bool Refers(int resource) => Kind == ValueKind.Reference && (Resource == resource || SecondResource == resource);

        /// <summary>The resources this value holds (none, one or two).</summary>
        public ResourceIds Resources => Kind == ValueKind.Reference ? new ResourceIds(Resource, SecondResource) : default;

        public AbstractValue WithOrigin(IFieldSymbol? field) =>
            field == null || OriginField != null ? this : new AbstractValue(Kind, Resource, SecondResource, MaybeNull, ConstantValue, field, Carrier, _signs);

        public AbstractValue AsNonNull() => MaybeNull ? new AbstractValue(Kind, Resource, SecondResource, false, ConstantValue, OriginField, Carrier) : this;

        /// <summary>The same references, carried by a derived value (or, with <see cref="Carrier.Itself"/>, the references themselves).</summary>
        public AbstractValue CarriedAs(Carrier carrier) =>
            Kind != ValueKind.Reference ? this : new AbstractValue(ValueKind.Reference, Resource, SecondResource, false, null, null, carrier);

        /// <summary>
        /// A container (a local struct, an object being initialized) that now also carries what <paramref name="stored"/>
        /// refers to; false when it cannot carry more than the two references a value tracks.
        /// </summary>
        public bool TryCarry(AbstractValue stored, out AbstractValue container)
        {
            container = this;
            if (!stored.IsReference)
            {
                return true;
            }

            var carrier = stored.IsTokenLike || IsTokenLike ? Carrier.TokenContainer : Carrier.Container;
            int first = IsReference ? Resource : -1;
            int second = IsReference ? SecondResource : -1;
            foreach (int resource in stored.Resources)
            {
                if (resource == first || resource == second)
                {
                    continue;
                }

                if (first < 0)
                {
                    first = resource;
                }
                else if (second < 0)
                {
                    second = resource;
                }
                else
                {
                    return false;
                }
            }

            container = new AbstractValue(ValueKind.Reference, first, second, false, null, OriginField, carrier);
            return true;
        }

        /// <summary>The same object, now also carrying <paramref name="resource"/> (an argument acquired in place).</summary>
        public AbstractValue Attach(int resource) =>
            Kind != ValueKind.Reference ? new AbstractValue(ValueKind.Reference, resource, -1, false, null, OriginField)
            : Refers(resource) ? this
            : new AbstractValue(ValueKind.Reference, Resource, resource, MaybeNull, null, OriginField, Carrier);

        /// <summary>The same object with one of its resources replaced (or dropped, with -1).</summary>
        public AbstractValue Replace(int resource, int replacement)
        {
            if (!Refers(resource))
            {
                return this;
            }

            int first = Resource == resource ? replacement : Resource;
            int second = SecondResource == resource ? replacement : SecondResource;
            if (first < 0)
            {
                (first, second) = (second, -1);
            }

            return first < 0 ? (OriginField == null ? Unknown : FromField(OriginField)) : new AbstractValue(ValueKind.Reference, first, second, MaybeNull, null, OriginField, Carrier);
        }

        /// <summary>
        /// Two values of one place that refer to the same references in the same way (one path null-tested it, the
        /// other did not): their join, which the place keeps when paths are merged. False for anything else.
        /// </summary>
        public bool TryJoinReference(AbstractValue other, out AbstractValue joined)
        {
            joined = this;
            if (Kind != ValueKind.Reference || other.Kind != ValueKind.Reference || Carrier != other.Carrier ||
                Resource != other.Resource || SecondResource != other.SecondResource)
            {
                return false;
            }

            var field = SymbolEqualityComparer.Default.Equals(OriginField, other.OriginField) ? OriginField : null;
            joined = new AbstractValue(ValueKind.Reference, Resource, SecondResource, MaybeNull || other.MaybeNull, null, field, Carrier);
            return true;
        }

        public bool Equals(AbstractValue other) =>
            Kind == other.Kind &&
            Carrier == other.Carrier &&
            Resource == other.Resource &&
            _signs == other._signs &&
            SecondResource == other.SecondResource &&
            MaybeNull == other.MaybeNull &&
            Equals(ConstantValue, other.ConstantValue) &&
            SymbolEqualityComparer.Default.Equals(OriginField, other.OriginField);

        public override bool Equals(object? obj) => obj is AbstractValue other && Equals(other);

        public override int GetHashCode() =>
            ((int)Kind * 397) ^ ((int)Carrier * 1031) ^ (Resource * 31) ^ (SecondResource * 131) ^ (MaybeNull ? 7 : 0) ^ ((int)_signs << 20) ^ (ConstantValue?.GetHashCode() ?? 0);

        public override string ToString() => Kind switch
        {
            ValueKind.Reference => (Carrier == Carrier.Itself ? string.Empty : Carrier + ":") + "R" + Resource + (SecondResource >= 0 ? "+R" + SecondResource : string.Empty) + (MaybeNull ? "?" : string.Empty),
            ValueKind.Constant => "'" + ConstantValue + "'",
            ValueKind.Signed => "Signed:" + _signs,
            _ => Kind.ToString(),
        };

        // Integral constants compare by value whatever their C# type (an enum, an int, a long).
        private static object Normalize(object value) => value switch
        {
            bool _ => value,
            string _ => value,
            char c => Box(c),
            int i => Box(i),
            long l => Box(l),
            short s => Box(s),
            byte b => Box(b),
            sbyte sb => Box(sb),
            ushort us => Box(us),
            uint ui => Box(ui),
            ulong ul when ul <= long.MaxValue => Box((long)ul),
            _ => value,
        };

        private static object Box(long value) => value >= -128 && value < 1024 ? SmallIntegers[value + 128] : value;
    }
}
