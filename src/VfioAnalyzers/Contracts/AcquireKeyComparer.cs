using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Contracts
{
    /// <summary>Compares "this member acquires this value" keys: the member by symbol, the target and its parameter by value.</summary>
    internal sealed class AcquireKeyComparer : IEqualityComparer<(IMethodSymbol Method, AcquireTarget Target, int Parameter)>
    {
        public static readonly AcquireKeyComparer Instance = new AcquireKeyComparer();

        public bool Equals((IMethodSymbol Method, AcquireTarget Target, int Parameter) x, (IMethodSymbol Method, AcquireTarget Target, int Parameter) y) =>
            SymbolEqualityComparer.Default.Equals(x.Method, y.Method) && x.Target == y.Target && x.Parameter == y.Parameter;

        public int GetHashCode((IMethodSymbol Method, AcquireTarget Target, int Parameter) key) =>
            (SymbolEqualityComparer.Default.GetHashCode(key.Method) * 31 + (int)key.Target) * 31 + key.Parameter;
    }
}
