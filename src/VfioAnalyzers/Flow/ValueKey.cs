using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace VfioAnalyzers.Flow
{
    /// <summary>A storage place the analysis tracks: a local, a parameter, a field of <c>this</c> or a static field, or a flow capture.</summary>
    internal readonly struct ValueKey : IEquatable<ValueKey>
    {
        private readonly ISymbol? _symbol;
        private readonly CaptureId _capture;
        private readonly bool _isCapture;

        private ValueKey(ISymbol? symbol, CaptureId capture, bool isCapture)
        {
            _symbol = symbol;
            _capture = capture;
            _isCapture = isCapture;
        }

        public static ValueKey For(ISymbol symbol) => new ValueKey(symbol, default, false);

        public static ValueKey For(CaptureId capture) => new ValueKey(null, capture, true);

        public ISymbol? Symbol => _symbol;

        public bool IsCapture => _isCapture;

        /// <summary>Locals and parameters are worth naming in a message; captures are compiler temporaries.</summary>
        public bool IsNamed => _symbol != null;

        public bool Equals(ValueKey other) =>
            _isCapture == other._isCapture &&
            (_isCapture ? _capture.Equals(other._capture) : ReferenceEquals(_symbol, other._symbol) || SymbolEqualityComparer.Default.Equals(_symbol, other._symbol));

        public override bool Equals(object? obj) => obj is ValueKey other && Equals(other);

        public override int GetHashCode() =>
            _isCapture ? _capture.GetHashCode() : SymbolEqualityComparer.Default.GetHashCode(_symbol);

        public override string ToString() => _isCapture ? "capture" : _symbol?.Name ?? "?";
    }
}
