using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// The source methods whose syntax looks like an acquire wrapper (<see cref="WrapperSyntax"/>), by name, found
    /// once per compilation. A call to one makes a body worth analysing only once the name is confirmed: some
    /// method of that name has an inferred contract that acquires. A name is confirmed on its first call, so a
    /// common name (<c>Parse</c>) whose methods only look like wrappers costs one inference, not a bound body per
    /// caller.
    /// </summary>
    internal sealed class WrapperCandidates
    {
        public static readonly WrapperCandidates None = new WrapperCandidates(null, new Dictionary<string, List<(SyntaxTree, MethodDeclarationSyntax)>>(), () => null, default);

        private readonly Compilation? _compilation;
        private readonly Dictionary<string, List<(SyntaxTree Tree, MethodDeclarationSyntax Method)>> _candidates;
        private readonly System.Func<System.Func<IMethodSymbol, bool>?> _confirm;
        private readonly CancellationToken _cancellationToken;
        private readonly ConcurrentDictionary<string, bool> _confirmed = new ConcurrentDictionary<string, bool>(System.StringComparer.Ordinal);

        private WrapperCandidates(Compilation? compilation, Dictionary<string, List<(SyntaxTree, MethodDeclarationSyntax)>> candidates, System.Func<System.Func<IMethodSymbol, bool>?> confirm, CancellationToken cancellationToken)
        {
            _compilation = compilation;
            _candidates = candidates;
            _confirm = confirm;
            _cancellationToken = cancellationToken;
        }

        public IEnumerable<string> Names => _candidates.Keys;

        public bool IsEmpty => _candidates.Count == 0;

        /// <summary>Whether a call by this name may be a call to a confirmed wrapper.</summary>
        public bool IsWrapper(string name)
        {
            if (!_candidates.TryGetValue(name, out var methods))
            {
                return false;
            }

            if (_confirmed.TryGetValue(name, out bool known))
            {
                return known;
            }

            bool confirmed = Confirm(methods);
            _confirmed.TryAdd(name, confirmed);
            return confirmed;
        }

        /// <summary>Whether some method of this name looks like a wrapper (whether one is, <see cref="IsWrapper"/> tells).</summary>
        public bool IsCandidate(string name) => _candidates.ContainsKey(name);

        /// <summary>Whether a candidate of this name is reached as an extension is: its calls are not narrowed by their receiver.</summary>
        public bool IsReachedAsExtension(string name) =>
            _candidates.TryGetValue(name, out var methods) && methods.Exists(candidate => ContractNameIndex.IsReachedAsExtension(candidate.Method));

        /// <summary>
        /// Finds the candidates around the mentions of contract members that one scan of each file found (see
        /// <see cref="ContractMentions"/>): only the methods that spell an acquiring member's name are read.
        /// </summary>
        public static WrapperCandidates Find(Compilation compilation, NameRoles roles, MemberTypeNames memberTypes, HashSet<string> contractNames, ContractMentions mentions, MentionJudges judges, System.Func<System.Func<IMethodSymbol, bool>?> confirm, CancellationToken cancellationToken)
        {
            var candidates = new Dictionary<string, List<(SyntaxTree, MethodDeclarationSyntax)>>(System.StringComparer.Ordinal);
            // The methods of the file that are candidates already.
            var added = new HashSet<MethodDeclarationSyntax>();
            foreach (var (tree, file) in mentions.All)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var tokens = new TokenCursor(tree, cancellationToken);
                SourceText? text = null;
                SemanticModel? model = null;
                CallsFromText calls = default;
                added.Clear();
                var positions = file.Positions;
                for (int index = 0; index < positions.Length; index++)
                {
                    // Most mentions are of releases, constructors and look-alikes: the text tells before the syntax is read.
                    text ??= tree.GetText(cancellationToken);
                    if (!roles.AcquireWords.StartsAt(text, positions[index]))
                    {
                        continue;
                    }

#pragma warning disable RS1030 // Once per file with an acquiring word: type lookups only, no body is bound.
                    model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030

                    // A look-alike call (`_stash.Rent(n)` on a type of its own) is told from its member's text, as the
                    // body that holds it would tell it, without its statement's syntax being made: it wraps nothing.
                    if (calls.Member == null || !calls.Member.Span.Contains(positions[index]))
                    {
                        calls = CallsFromText.At(tree.GetRoot(cancellationToken), positions[index]);
                    }

                    var verdict = file.Verdict(index);
                    if (verdict == false || (verdict == null && judges.SettledByText(file, index, calls, model)))
                    {
                        continue;
                    }

                    var token = tokens.FindToken(positions[index]);
                    var method = token.Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>();
                    if (method == null || added.Contains(method) || !(CallSyntax.CalledBy(token) is { } invocation))
                    {
                        continue;
                    }

                    // The syntax of this call first: most calls of an acquiring member are not a wrapper's, and need
                    // no lookup, which would make the compiler build the members of types it has not reached yet.
                    // Every acquiring call of a method is a mention of its own, so no other call is read.
                    var name = method.Identifier.ValueText;
                    if (contractNames.Contains(name) || !WrapperSyntax.AcquiresForCaller(invocation, method, roles, memberTypes))
                    {
                        continue;
                    }

                    if (!judges.MentionMayCall(file, index, token, model))
                    {
                        // `_stash.Rent(n)` on a type of its own acquires nothing: its method wraps nothing. The verdict
                        // is kept for the mention: the body that holds it does not ask again when it is analysed.
                        continue;
                    }

                    added.Add(method);
                    if (!candidates.TryGetValue(name, out var methods))
                    {
                        candidates.Add(name, methods = new List<(SyntaxTree, MethodDeclarationSyntax)>());
                    }

                    methods.Add((tree, method));
                }
            }

            return new WrapperCandidates(compilation, candidates, confirm, cancellationToken);
        }

        private bool Confirm(List<(SyntaxTree Tree, MethodDeclarationSyntax Method)> methods)
        {
            var confirm = _confirm();
            if (confirm == null || _compilation == null)
            {
                return true;
            }

            foreach (var (tree, method) in methods)
            {
#pragma warning disable RS1030 // Once per candidate name, to find the declared method whose contract is inferred.
                var model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                if (model.GetDeclaredSymbol(method, _cancellationToken) is IMethodSymbol symbol && confirm(symbol))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
