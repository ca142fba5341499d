using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// A storage place the analysis tracks: a local, a parameter, a field of <c>this</c> or a static field, a flow
    /// capture, or a read path (a member read off a local, a parameter, <c>this</c> or a type) whose value a condition
    /// taught.
    /// </summary>
    internal readonly struct ValueKey : IEquatable<ValueKey>
    {
        private readonly ISymbol? _symbol;
        private readonly ISymbol? _member;
        private readonly CaptureId _capture;
        private readonly bool _isCapture;

        private ValueKey(ISymbol? symbol, ISymbol? member, CaptureId capture, bool isCapture)
        {
            _symbol = symbol;
            _member = member;
            _capture = capture;
            _isCapture = isCapture;
        }

        public static ValueKey For(ISymbol symbol) => new ValueKey(symbol, null, default, false);

        public static ValueKey For(CaptureId capture) => new ValueKey(null, null, capture, true);

        /// <summary>The value of <paramref name="member"/> read off <paramref name="root"/> (a local, a parameter, the type of <c>this</c>, or null for a static member).</summary>
        public static ValueKey ForPath(ISymbol? root, ISymbol member) => new ValueKey(root, member, default, false);

        /// <summary>The value of <paramref name="member"/> of the object a flow capture holds (one being initialised).</summary>
        public static ValueKey ForPath(CaptureId root, ISymbol member) => new ValueKey(null, member, root, true);

        /// <summary>The place a read path is read off, as a place of its own; the key itself for other places.</summary>
        public ValueKey Root => _member == null ? this : new ValueKey(_symbol, null, _capture, _isCapture);

        /// <summary>The same member read off another place.</summary>
        public ValueKey WithRoot(ValueKey root) => new ValueKey(root._symbol, _member, root._capture, root._isCapture);

        /// <summary>The local, parameter, field or <c>this</c> type of a place; null for captures and read paths.</summary>
        public ISymbol? Symbol => _member == null ? _symbol : null;

        public bool IsCapture => _isCapture && _member == null;

        /// <summary>The flow capture of a capture place, or of the object a read path is read off; default otherwise.</summary>
        public CaptureId Capture => _capture;

        public bool IsPath => _member != null;

        /// <summary>What a read path is read off (a local, a parameter, a type); null for other places and capture roots.</summary>
        public ISymbol? PathRoot => _member != null ? _symbol : null;

        /// <summary>Locals and parameters are worth naming in a message; captures are compiler temporaries.</summary>
        public bool IsNamed => _symbol != null && _member == null;

        public bool Equals(ValueKey other) =>
            _isCapture == other._isCapture &&
            (ReferenceEquals(_member, other._member) || SymbolEqualityComparer.Default.Equals(_member, other._member)) &&
            (_isCapture
                ? _capture.Equals(other._capture)
                : ReferenceEquals(_symbol, other._symbol) || SymbolEqualityComparer.Default.Equals(_symbol, other._symbol));

        public override bool Equals(object? obj) => obj is ValueKey other && Equals(other);

        public override int GetHashCode() =>
            (_isCapture ? _capture.GetHashCode() : SymbolEqualityComparer.Default.GetHashCode(_symbol)) ^ (_member == null ? 0 : SymbolEqualityComparer.Default.GetHashCode(_member) * 17);

        public override string ToString() => _isCapture ? "capture" : (_symbol?.Name ?? "?") + (_member != null ? "." + _member.Name : string.Empty);
    }
}
