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
        private readonly HashSet<string> _returned = new HashSet<string>(System.StringComparer.Ordinal);
        private readonly HashSet<string> _released = new HashSet<string>(System.StringComparer.Ordinal);
        private WordScanner? _acquireWords;

        public bool IsEmpty => _inPlace.Count == 0 && _returned.Count == 0;

        /// <summary>The names of acquiring members, as words for a scan of source text.</summary>
        public WordScanner AcquireWords => _acquireWords ??= new WordScanner(_inPlace.Concat(_returned));

        public bool AcquiresInPlace(string name) => _inPlace.Contains(name);

        public bool AcquiresReturned(string name) => _returned.Contains(name);

        public bool Releases(string name) => _released.Contains(name);

        public void Add(string name, MemberContract contract)
        {
            foreach (var acquire in contract.Acquires)
            {
                switch (acquire.Target)
                {
                    case AcquireTarget.Argument:
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
