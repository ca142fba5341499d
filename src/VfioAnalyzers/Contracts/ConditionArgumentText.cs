using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Whether a method's declarations may write an <c>[Acquires(..., When = ...)]</c> (<see cref="AttributeConditionCheck"/>):
    /// every method of a compilation that sees the annotations is asked, and reading a method's attributes builds them
    /// and its parameters' public symbols. The named argument is spelled in the file that declares the method, as
    /// itself (<c>When</c>, <c>@When</c>) or with an escape or a formatting character (<see cref="HiddenSpellings"/>):
    /// a file that has neither is read once, and its methods are not.
    /// </summary>
    internal sealed class ConditionArgumentText
    {
        [ThreadStatic]
        private static char[]? t_buffer;

        private readonly ConcurrentDictionary<SyntaxTree, bool> _files = new ConcurrentDictionary<SyntaxTree, bool>();

        public bool MayBeWrittenFor(ISymbol method, CancellationToken cancellationToken)
        {
            if (method.Locations.IsEmpty)
            {
                return true;
            }

            foreach (var location in method.Locations)
            {
                if (location.SourceTree is not { } tree || MayBeWrittenIn(tree, cancellationToken))
                {
                    return true;
                }
            }

            // A partial method's attributes are those of both its parts.
            return method is IMethodSymbol { PartialImplementationPart: { } implementation } && !SymbolEqualityComparer.Default.Equals(implementation, method) &&
                MayBeWrittenFor(implementation, cancellationToken);
        }

        private bool MayBeWrittenIn(SyntaxTree tree, CancellationToken cancellationToken) =>
            _files.TryGetValue(tree, out bool known) ? known : _files.GetOrAdd(tree, Read(tree, cancellationToken));

        private static bool Read(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var text = tree.GetText(cancellationToken);
            var chars = TextBuffers.Whole(ref t_buffer, text);
            return chars.Span.IndexOf(IntegerConditions.NamedArgument.AsSpan()) >= 0 || HiddenSpellings.Any(chars);
        }
    }
}
