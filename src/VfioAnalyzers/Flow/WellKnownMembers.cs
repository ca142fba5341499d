using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// What the analysis knows of a few .NET types and members by name: values that mean "holds nothing"
    /// (<c>IntPtr.Zero</c>), members that hand back the value they are given (<c>ConfigureAwait</c>), and the types
    /// that wrap a buffer or a handle. Everything here is documented in docs/ownership.md.
    /// </summary>
    internal static class WellKnownMembers
    {
        /// <summary>The result of awaiting a <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>; any other type as it is.</summary>
        public static ITypeSymbol AwaitedType(ITypeSymbol type) =>
            type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named && IsTaskType(named) ? named.TypeArguments[0] : type;

        /// <summary>
        /// Members whose result is the value they are given, for what the analysis tracks: <c>task.ConfigureAwait(b)</c>
        /// (the receiver), <c>new ValueTask&lt;T&gt;(x)</c>, <c>Task.FromResult(x)</c> and <c>ValueTask.FromResult(x)</c>
        /// (the argument), <c>nullable.GetValueOrDefault()</c> (the receiver). <paramref name="ordinal"/> is the parameter, or -1 for the receiver.
        /// </summary>
        public static bool IsPassThrough(IMethodSymbol method, out int ordinal)
        {
            ordinal = -1;
            var type = method.ContainingType;
            if (type?.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
            {
                // `handle?.Free()` on a GCHandle? calls Free on GetValueOrDefault(): the same handle, unwrapped.
                return method.Name == "GetValueOrDefault" && method.Parameters.IsEmpty;
            }

            if (type == null || !IsTaskType(type))
            {
                return false;
            }

            switch (method.Name)
            {
                case "ConfigureAwait" when !method.IsStatic:
                    return true;
                case ".ctor" when method.Parameters.Length == 1:
                case "FromResult" when method.IsStatic && method.Parameters.Length == 1:
                    ordinal = 0;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary><c>IntPtr.Zero</c>, <c>UIntPtr.Zero</c>, or the default of a pointer-sized value: a handle that holds nothing.</summary>
        public static bool IsZeroHandle(IOperation? operation)
        {
            switch (operation)
            {
                case IFieldReferenceOperation { Field: { IsStatic: true, Name: "Zero" } field }:
                    return IsPointerSized(field.ContainingType);
                case IDefaultValueOperation defaultValue:
                    return IsPointerSized(defaultValue.Type) || IsHandleStruct(defaultValue.Type);
                default:
                    return false;
            }
        }

        /// <summary><c>handle.IsAllocated</c> of a <c>GCHandle</c>: whether it holds its object.</summary>
        public static bool IsAllocatedTest(IPropertyReferenceOperation property) =>
            property.Property.Name == "IsAllocated" && IsType(property.Property.ContainingType, "GCHandle", "System.Runtime.InteropServices");

        /// <summary>Pointer-sized or pointer-like: <c>IntPtr</c>, <c>UIntPtr</c>, pointers, and the integers a pointer is cast to.</summary>
        public static bool IsPointerLike(ITypeSymbol? type)
        {
            if (type == null)
            {
                return false;
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_IntPtr:
                case SpecialType.System_UIntPtr:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                    return true;
                default:
                    return type.TypeKind == TypeKind.Pointer || type.TypeKind == TypeKind.FunctionPointer;
            }
        }

        /// <summary>Members of <c>IntPtr</c>/<c>UIntPtr</c> and conversion operators turn an address into the same address.</summary>
        public static bool ConvertsAnAddress(IMethodSymbol method) =>
            method.MethodKind == MethodKind.Conversion || IsPointerSized(method.ContainingType);

        /// <summary>The types that wrap an array or a pinned handle and can be stored: <c>Memory&lt;T&gt;</c>, <c>ReadOnlyMemory&lt;T&gt;</c>, <c>ArraySegment&lt;T&gt;</c>, <c>MemoryHandle</c>.</summary>
        public static bool IsWrapperType(ITypeSymbol? type) =>
            type is INamedTypeSymbol named &&
            (IsType(named, "Memory", "System") || IsType(named, "ReadOnlyMemory", "System") ||
             IsType(named, "ArraySegment", "System") || IsType(named, "MemoryHandle", "System.Buffers"));

        /// <summary>Types whose constructors copy what they are given (a string from chars, a number): nothing is wrapped.</summary>
        public static bool CopiesOnConstruction(ITypeSymbol type) =>
            type.SpecialType != SpecialType.None || IsType(type, "BigInteger", "System.Numerics") || IsType(type, "Guid", "System");

        private static bool IsTaskType(INamedTypeSymbol type) =>
            IsType(type, "Task", "System.Threading.Tasks") || IsType(type, "ValueTask", "System.Threading.Tasks");

        private static bool IsPointerSized(ITypeSymbol? type) =>
            type != null && (type.SpecialType == SpecialType.System_IntPtr || type.SpecialType == SpecialType.System_UIntPtr);

        // GCHandle's default is a handle that was never allocated.
        private static bool IsHandleStruct(ITypeSymbol? type) => IsType(type, "GCHandle", "System.Runtime.InteropServices");

        private static bool IsType(ITypeSymbol? type, string name, string containingNamespace) =>
            type != null && type.Name == name && type.ContainingNamespace?.ToDisplayString() == containingNamespace;
    }
}
