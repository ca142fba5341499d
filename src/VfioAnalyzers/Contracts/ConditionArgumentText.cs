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
        // The named argument as a whole word (`When`, or `@When`): `WhenAll` names nothing of it.
        private static readonly WordScanner NamedArgumentWord = new WordScanner(new[] { IntegerConditions.NamedArgument });

        // Per file, where it spells the named argument or hides a spelling, in order: none for most files.
        private readonly ConcurrentDictionary<SyntaxTree, int[]> _files = new ConcurrentDictionary<SyntaxTree, int[]>();

        public bool MayBeWrittenFor(ISymbol method, CancellationToken cancellationToken)
        {
            // A partial member's attributes are those of all its parts, whichever part is asked about.
            return IsWrittenInFilesOf(method, cancellationToken) ||
                (method is IMethodSymbol { PartialImplementationPart: { } implementation } && IsWrittenInFilesOf(implementation, cancellationToken)) ||
                (method is IMethodSymbol { PartialDefinitionPart: { } definition } && IsWrittenInFilesOf(definition, cancellationToken));
        }

        /// <summary>Whether the file may spell the named argument: read once per file.</summary>
        public bool MayBeWrittenIn(SyntaxTree tree, CancellationToken cancellationToken) => Spellings(tree, cancellationToken).Length > 0;

        /// <summary>Whether the file may spell the named argument inside <paramref name="span"/>.</summary>
        public bool MayBeWrittenWithin(SyntaxTree tree, TextSpan span, CancellationToken cancellationToken)
        {
            var positions = Spellings(tree, cancellationToken);
            int index = Array.BinarySearch(positions, span.Start);
            index = index < 0 ? ~index : index;
            return index < positions.Length && positions[index] < span.End;
        }

        private int[] Spellings(SyntaxTree tree, CancellationToken cancellationToken) =>
            _files.TryGetValue(tree, out var known) ? known : _files.GetOrAdd(tree, Read(tree, cancellationToken));

        private bool IsWrittenInFilesOf(ISymbol method, CancellationToken cancellationToken)
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

            return false;
        }

        private static int[] Read(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var chars = TextBuffers.Whole(tree.GetText(cancellationToken));
            var found = new System.Collections.Generic.List<int>();
            NamedArgumentWord.FindAll(chars.Span, found);

            if (HiddenSpellings.Positions(chars) is { } hidden)
            {
                found.AddRange(hidden);
                found.Sort();
            }

            return found.Count == 0 ? Array.Empty<int>() : found.ToArray();
        }
    }
}
