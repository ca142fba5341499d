using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// What the members behind each indexed name do, as far as syntax needs to know: acquire in place (on the
    /// receiver or an argument), acquire a value they return, or release. The wrapper candidates are found with it.
    /// </summary>
    internal sealed class NameRoles
    {
        private readonly HashSet<string> _inPlace = new HashSet<string>(System.StringComparer.Ordinal);

        // In-place acquires that take an argument (Monitor.Enter(obj)), not only the receiver (SemaphoreSlim.Wait()).
        private readonly HashSet<string> _onArgument = new HashSet<string>(System.StringComparer.Ordinal);
        private readonly HashSet<string> _returned = new HashSet<string>(System.StringComparer.Ordinal);
        private readonly HashSet<string> _released = new HashSet<string>(System.StringComparer.Ordinal);

        // The simple names of the types that declare each name's members, with their base types: a receiver declared
        // with another type cannot be calling one of them.
        private readonly Dictionary<string, HashSet<string>> _types = new Dictionary<string, HashSet<string>>(System.StringComparer.Ordinal);
        private readonly HashSet<string> _anyType = new HashSet<string>(System.StringComparer.Ordinal);
        private WordScanner? _acquireWords;

        private void AddType(string name, string typeName)
        {
            if (!_types.TryGetValue(name, out var types))
            {
                _types.Add(name, types = new HashSet<string>(System.StringComparer.Ordinal));
            }

            types.Add(typeName);
        }

        public bool IsEmpty => _inPlace.Count == 0 && _returned.Count == 0;

        /// <summary>The names of acquiring members, as words for a scan of source text.</summary>
        public WordScanner AcquireWords => _acquireWords ??= new WordScanner(_inPlace.Concat(_returned));

        public bool AcquiresInPlace(string name) => _inPlace.Contains(name);

        /// <summary>Whether every in-place acquire by this name takes its receiver: what its arguments are does not matter.</summary>
        public bool AcquiresOnlyReceiver(string name) => _inPlace.Contains(name) && !_onArgument.Contains(name);

        public bool Acquires(string name) => _inPlace.Contains(name) || _returned.Contains(name);

        public bool AcquiresReturned(string name) => _returned.Contains(name);

        public bool Releases(string name) => _released.Contains(name);

        /// <summary>Whether a receiver whose declared type is named <paramref name="typeName"/> may be calling a member named <paramref name="name"/>.</summary>
        public bool MayBeDeclaredIn(string name, string typeName) =>
            _anyType.Contains(name) || !_types.TryGetValue(name, out var types) || types.Contains(typeName);

        public void Add(string name, MemberContract contract, ITypeSymbol? containingType)
        {
            for (var type = containingType; type != null; type = type.BaseType)
            {
                AddType(name, type.Name);
            }

            foreach (var acquire in contract.Acquires)
            {
                switch (acquire.Target)
                {
                    case AcquireTarget.Argument:
                        _inPlace.Add(name);
                        _onArgument.Add(name);
                        break;
                    case AcquireTarget.Receiver:
                        _inPlace.Add(name);
                        break;
                    case AcquireTarget.ReturnValue:
                        _returned.Add(name);
                        break;
                }
            }

            if (!contract.Releases.IsEmpty)
            {
                _released.Add(name);
            }
        }

        /// <summary>A source member's role read off one of its annotation attributes.</summary>
        public void Add(string name, AttributeSyntax attribute)
        {
            // A source member: its type's bases are not known from syntax, so a receiver of any type may call it.
            _anyType.Add(name);
            var attributeName = ContractNameIndex.RightmostNameOf(attribute.Name);
            if (attributeName.StartsWith("Releases", System.StringComparison.Ordinal))
            {
                _released.Add(name);
                return;
            }

            switch (attribute.Parent?.Parent)
            {
                case ParameterSyntax parameter when !parameter.Modifiers.Any(SyntaxKind.OutKeyword) && !parameter.Modifiers.Any(SyntaxKind.RefKeyword):
                    _inPlace.Add(name);
                    _onArgument.Add(name);
                    break;
                case ParameterSyntax _:
                    break;
                default:
                    _returned.Add(name);
                    break;
            }
        }
    }
}
