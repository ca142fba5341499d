using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace VfioAnalyzers.Flow
{
    /// <summary>The locals and flow captures of some regions: the places whose scope a path has left.</summary>
    internal sealed class DeadScopes
    {
        private readonly HashSet<ISymbol> _locals = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private readonly HashSet<CaptureId> _captures = new HashSet<CaptureId>();

        private DeadScopes() => Forgettable = IsForgettable;

        /// <summary>
        /// The scopes an exception raised in <paramref name="from"/> leaves on its way to the handlers and finally of
        /// <paramref name="tryRegion"/>: every region from there out to the try block itself, none beyond the graph's
        /// root (a lambda's graph sits inside its method's regions, whose variables it does not leave).
        /// </summary>
        public static DeadScopes Between(ControlFlowRegion from, ControlFlowRegion tryRegion, ControlFlowRegion root)
        {
            var scopes = new DeadScopes();
            for (var region = from; region != null; region = ReferenceEquals(region, root) ? null : region.EnclosingRegion)
            {
                scopes.Add(region);
                if (ReferenceEquals(region, tryRegion))
                {
                    break;
                }
            }

            return scopes;
        }

        /// <summary><see cref="IsForgettable"/>, made once: a state asks it of each of its places on every raise.</summary>
        public System.Func<ValueKey, AbstractValue, bool> Forgettable { get; }

        public bool IsEmpty => _locals.Count == 0 && _captures.Count == 0;

        private void Add(ControlFlowRegion region)
        {
            foreach (var local in region.Locals)
            {
                _locals.Add(local);
            }

            foreach (var capture in region.CaptureIds)
            {
                _captures.Add(capture);
            }
        }

        /// <summary>
        /// Whether what a state knows of the place can be forgotten: it is one of these variables or captures, or a member
        /// read off one, and refers to no reference (which is still reported by the name the reader knows it by).
        /// </summary>
        public bool IsForgettable(ValueKey key, AbstractValue value)
        {
            if (value.IsReference)
            {
                return false;
            }

            var root = key.Root;
            return root.IsCapture ? _captures.Contains(root.Capture) : root.Symbol is ILocalSymbol local && _locals.Contains(local);
        }
    }
}
