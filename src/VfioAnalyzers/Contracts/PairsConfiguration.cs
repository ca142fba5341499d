using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using VfioAnalyzers.Options;
using VfioAnalyzers.Reporting;
using VfioAnalyzers.Rules;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// The pairs a compilation declares outside attributes: the <c>vfio_analyzers.pairs.txt</c> additional files
    /// and the presets they or the <c>vfio_analyzers.presets</c> option enable. Every line that cannot be read
    /// becomes a VFIO900 at that line; it declares nothing.
    /// </summary>
    internal sealed class PairsConfiguration
    {
        public const string FileName = "vfio_analyzers.pairs.txt";
        public const string PresetsOption = "vfio_analyzers.presets";

        /// <summary>How the compiler passes the <c>VfioPairs</c> item metadata (CompilerVisibleItemMetadata) to analyzers.</summary>
        public const string PairsMetadata = "build_metadata.AdditionalFiles.VfioPairs";

        private static readonly char[] ListSeparators = { ',', ' ', '\t', ';' };

        private readonly Compilation _compilation;
        private readonly Dictionary<IMethodSymbol, (List<AcquireSpec> Acquires, List<ReleaseSpec> Releases)> _members =
            new Dictionary<IMethodSymbol, (List<AcquireSpec>, List<ReleaseSpec>)>(SymbolEqualityComparer.Default);

        /// <summary>Where each member's acquire of a value was first declared: a second declaration of it is VFIO900 and ignored.</summary>
        private readonly Dictionary<(IMethodSymbol Method, AcquireTarget Target, int Parameter), string> _acquireDeclaredAt =
            new Dictionary<(IMethodSymbol, AcquireTarget, int), string>(AcquireKeyComparer.Instance);

        private readonly HashSet<string> _presets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<Diagnostic> _problems = new List<Diagnostic>();
        private readonly List<OptionProblem> _optionProblems = new List<OptionProblem>();

        /// <summary>Where the line being read comes from, as a duplicate's message names it: "at line 3", "by preset 'dotnet'".</summary>
        private string _origin = string.Empty;

        /// <summary>The file whose lines are being read; null while a preset is read.</summary>
        private string? _file;

        /// <summary>Lines of the preset being applied that repeat an earlier declaration: reported at the file's <c>preset</c> line.</summary>
        private readonly List<string> _presetDuplicates = new List<string>();

        private PairsConfiguration(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>Members with a configured contract, keyed by their original definition.</summary>
        public IReadOnlyDictionary<ISymbol, MemberContract> Contracts { get; private set; } = new Dictionary<ISymbol, MemberContract>(SymbolEqualityComparer.Default);

        /// <summary>The members the file says throw or do not (<c>throws</c>/<c>nothrow</c> lines).</summary>
        public Throwing.ThrowListing ThrowListing { get; } = new Throwing.ThrowListing();

        /// <summary>VFIO900 diagnostics, located in the pairs file.</summary>
        public IReadOnlyList<Diagnostic> Problems => _problems;

        /// <summary>Values of the <c>vfio_analyzers.presets</c> option that name no preset.</summary>
        public IReadOnlyList<OptionProblem> OptionProblems => _optionProblems;

        public static PairsConfiguration Load(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            var configuration = new PairsConfiguration(compilation);

            // The option's presets first: a file line that repeats one of their members is the second declaration.
            configuration.ReadOption(compilation, options.AnalyzerConfigOptionsProvider);
            var read = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in options.AdditionalFiles)
            {
                if (IsPairsFile(file, options.AnalyzerConfigOptionsProvider) && read.Add(file.Path))
                {
                    var text = file.GetText(cancellationToken);
                    if (text != null)
                    {
                        configuration.ReadFile(file.Path, text, cancellationToken);
                    }
                }
            }

            configuration.Contracts = configuration._members.ToDictionary(
                pair => (ISymbol)pair.Key,
                pair => new MemberContract(pair.Value.Acquires.ToImmutableArray(), pair.Value.Releases.ToImmutableArray()),
                SymbolEqualityComparer.Default);
            return configuration;
        }

        /// <summary>Whether a pairs file is given, by its name or by the package's metadata.</summary>
        public static bool HasPairsFile(AnalyzerOptions options) =>
            options.AdditionalFiles.Any(file => IsPairsFile(file, options));

        /// <summary>Whether the additional file is a pairs file (<see cref="IsPairsFile(AdditionalText, AnalyzerConfigOptionsProvider)"/>).</summary>
        public static bool IsPairsFile(AdditionalText file, AnalyzerOptions options) => IsPairsFile(file, options.AnalyzerConfigOptionsProvider);

        /// <summary>
        /// A pairs file by its name, or by the metadata the package's targets put on the file a project names with
        /// <c>VfioPairsFile</c>, whatever its name.
        /// </summary>
        private static bool IsPairsFile(AdditionalText file, AnalyzerConfigOptionsProvider provider) =>
            string.Equals(Path.GetFileName(file.Path), FileName, StringComparison.OrdinalIgnoreCase) ||
            (provider.GetOptions(file).TryGetValue(PairsMetadata, out var marked) && string.Equals(marked, "true", StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// The option may sit in a global config or in any section that covers a C# file of the compilation:
        /// a preset it names applies to the whole compilation.
        /// </summary>
        private void ReadOption(Compilation compilation, AnalyzerConfigOptionsProvider provider)
        {
            foreach (var (name, treePath) in PresetOptionNames(compilation, provider))
            {
                if (!ApplyPreset(name))
                {
                    _optionProblems.Add(UnknownPreset(name, treePath));
                }
            }
        }

        /// <summary>The presets the option names, each with where it was first set (the global config: null), in order.</summary>
        public static IEnumerable<(string Name, string? TreePath)> PresetOptionNames(Compilation compilation, AnalyzerConfigOptionsProvider provider)
        {
            // Each value with the first place it was set: the global config (null), or the file whose section sets it.
            var values = new List<(string Value, string? TreePath)>();
            if (provider.GlobalOptions.TryGetValue(PresetsOption, out var global))
            {
                values.Add((global, null));
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                if (provider.GetOptions(tree).TryGetValue(PresetsOption, out var value) && !values.Any(v => v.Value == value))
                {
                    values.Add((value, tree.FilePath));
                }
            }

            foreach (var (value, treePath) in values)
            {
                foreach (var name in value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!string.Equals(name, "none", StringComparison.OrdinalIgnoreCase))
                    {
                        yield return (name, treePath);
                    }
                }
            }
        }

        public static OptionProblem UnknownPreset(string name, string? treePath) => new OptionProblem(
            OptionProblem.SubjectFor(PresetsOption, treePath),
            $"unknown preset '{name}' (known: {string.Join(", ", PairPresets.Names)})");

        private bool ApplyPreset(string name)
        {
            var text = PairPresets.Text(name);
            if (text == null)
            {
                return false;
            }

            if (_presets.Add(name))
            {
                var (file, origin) = (_file, _origin);
                (_file, _origin) = (null, $"by preset '{name.ToLowerInvariant()}'");
                foreach (var line in PairLine.Split(SourceText.From(text)))
                {
                    // A member the target framework lacks is not the user's mistake: skipped.
                    ReadLine(line, report: null);
                }

                (_file, _origin) = (file, origin);
            }

            return true;
        }

        private void ReadFile(string path, SourceText text, CancellationToken cancellationToken)
        {
            string fileName = Path.GetFileName(path);
            if (NotText.Describe(text) is string binary)
            {
                // Reported once: its "lines" are not declarations, and echoing them would copy its bytes into the log.
                var start = new TextSpan(0, 0);
                _problems.Add(Diagnostic.Create(
                    Descriptors.BadConfiguration,
                    Location.Create(path, start, text.Lines.GetLinePositionSpan(start)),
                    $"'{SafeMessage.Of(fileName)}'",
                    $"not a text file ({binary}): nothing in it is read"));
                return;
            }

            _file = path;
            foreach (var line in PairLine.Split(text))
            {
                cancellationToken.ThrowIfCancellationRequested();
                _origin = $"at line {line.LineNumber}";
                ReadLine(line, (span, message) => _problems.Add(Diagnostic.Create(
                    Descriptors.BadConfiguration,
                    Location.Create(path, span, text.Lines.GetLinePositionSpan(span)),
                    $"'{SafeMessage.Of(fileName)}' line {line.LineNumber}",
                    SafeMessage.Of(message))));
            }

            _file = null;
        }

        private void ReadLine(PairLine line, Action<TextSpan, string>? report)
        {
            var problem = Declare(line);
            if (problem.HasValue)
            {
                report?.Invoke(problem.Value.Span, problem.Value.Message);
            }
        }

        /// <summary>Reads one declaration; null when it declared its pair, otherwise what is wrong and where.</summary>
        private (TextSpan Span, string Message)? Declare(PairLine line)
        {
            var tokens = line.Tokens;
            var verb = tokens[0];
            switch (verb.Text)
            {
                case "preset":
                    if (tokens.Count < 2)
                    {
                        return (line.Span, $"'preset' needs a name (known: {string.Join(", ", PairPresets.Names)})");
                    }

                    if (tokens.Count > 2)
                    {
                        return (tokens[2].Span, $"unexpected '{tokens[2].Text}' after the preset name");
                    }

                    _presetDuplicates.Clear();
                    if (!ApplyPreset(tokens[1].Text))
                    {
                        return (tokens[1].Span, $"unknown preset '{tokens[1].Text}' (known: {string.Join(", ", PairPresets.Names)})");
                    }

                    return _presetDuplicates.Count == 0
                        ? null
                        : (tokens[1].Span, _presetDuplicates[0] + (_presetDuplicates.Count > 1 ? $" (and {_presetDuplicates.Count - 1} more of its lines)" : string.Empty));
                case "acquire":
                case "release":
                    return DeclarePair(line, verb.Text == "acquire");
                case "throws":
                case "nothrow":
                    return DeclareThrowing(line, verb.Text == "throws");
                default:
                    return (verb.Span, $"unknown declaration '{verb.Text}': a line starts with 'acquire', 'release', 'throws', 'nothrow' or 'preset'");
            }
        }

        /// <summary><c>throws M:ID</c> or <c>nothrow T:ID</c>: whether calls of a member, or of every member of a type, may throw.</summary>
        private (TextSpan Span, string Message)? DeclareThrowing(PairLine line, bool throws)
        {
            var tokens = line.Tokens;
            string shape = $"'{tokens[0].Text} M:MEMBER-ID' or '{tokens[0].Text} T:TYPE-ID'";
            if (tokens.Count < 2)
            {
                return (line.Span, $"missing member or type id: write {shape}");
            }

            if (tokens.Count > 2)
            {
                return (tokens[2].Span, $"unexpected '{tokens[2].Text}' after the id: write {shape}");
            }

            var id = tokens[1];
            bool method = id.Text.StartsWith("M:", StringComparison.Ordinal);
            if (!method && !id.Text.StartsWith("T:", StringComparison.Ordinal))
            {
                return (id.Span, $"'{id.Text}' is not a method's or a type's documentation id (M:Namespace.Type.Method(ParameterTypes), T:Namespace.Type)");
            }

            if (Unbalanced(id) is { } unbalanced)
            {
                return unbalanced;
            }

            var symbols = DocumentationIds.Resolve(id.Text, _compilation)
                .Where(symbol => method ? symbol is IMethodSymbol : symbol is INamedTypeSymbol)
                .ToList();
            if (symbols.Count == 0)
            {
                return (id.Span, $"no {(method ? "method" : "type")} '{id.Text}' in the compilation or its references");
            }

            foreach (var symbol in symbols)
            {
                ThrowListing.Add(symbol, throws);
            }

            return null;
        }

        private (TextSpan Span, string Message)? DeclarePair(PairLine line, bool acquire)
        {
            var tokens = line.Tokens;
            string verb = tokens[0].Text;
            string shape = acquire
                ? "'acquire KIND M:MEMBER-ID WHAT [when CONDITION]'"
                : "'release KIND M:MEMBER-ID WHAT'";
            if (tokens.Count < 2 || LooksLikeMemberId(tokens[1].Text))
            {
                return (line.Span, $"missing kind: write {shape}");
            }

            string kind = tokens[1].Text;
            if (tokens.Count < 3)
            {
                return (line.Span, $"missing member id: write {shape}");
            }

            var id = tokens[2];
            if (id.Text.StartsWith("P:", StringComparison.Ordinal))
            {
                // A property is read through its getter: the pair belongs to that method.
                var getter = DocumentationIds.Resolve(id.Text, _compilation).OfType<IPropertySymbol>().Select(p => p.GetMethod).FirstOrDefault(g => g != null);
                string? created = getter != null ? DocumentationCommentId.CreateDeclarationId(getter) : null;
                // The id may end in the return type (`~Contoso.Lease`), which the line does not need.
                string getterId = created == null ? "M:Namespace.Type.get_NAME" : created.IndexOf('~') is int tilde && tilde > 0 ? created.Substring(0, tilde) : created;
                return (id.Span, $"'{id.Text}' is a property's id: declare its getter's method id instead, '{getterId}'");
            }

            if (!id.Text.StartsWith("M:", StringComparison.Ordinal))
            {
                return (id.Span, $"'{id.Text}' is not a method's documentation id (M:Namespace.Type.Method(ParameterTypes))");
            }

            if (Unbalanced(id) is { } unbalanced)
            {
                return unbalanced;
            }

            var methods = DocumentationIds.Resolve(id.Text, _compilation).OfType<IMethodSymbol>().ToList();
            if (methods.Count == 0)
            {
                return (id.Span, $"no method '{id.Text}' in the compilation or its references");
            }

            string targets = acquire
                ? "'return', 'receiver', 'out PARAMETER' or 'argument PARAMETER'"
                : "'receiver' or 'argument PARAMETER'";
            if (tokens.Count < 4)
            {
                return (line.Span, $"missing what the {verb} takes: {targets}");
            }

            int next = 4;
            var what = tokens[3];
            PairToken? parameter = null;
            switch (what.Text)
            {
                case "return" when acquire:
                case "receiver":
                    break;
                case "out" when acquire:
                case "argument":
                    if (tokens.Count < 5)
                    {
                        return (what.Span, $"'{what.Text}' needs a parameter name");
                    }

                    parameter = tokens[4];
                    next = 5;
                    break;
                default:
                    return (what.Span, $"unknown target '{what.Text}': expected {targets}");
            }

            string? condition = null;
            PairToken? flag = null;
            if (next < tokens.Count && tokens[next].Text == "when")
            {
                if (!acquire)
                {
                    return (tokens[next].Span, "a release takes no 'when' condition");
                }

                if (next + 1 >= tokens.Count)
                {
                    return (tokens[next].Span, "'when' needs a condition: 'always', 'not-null', 'true', 'zero', 'non-negative' or 'flag PARAMETER'");
                }

                var conditionToken = tokens[next + 1];
                condition = conditionToken.Text;
                next += 2;
                switch (condition)
                {
                    case "always":
                    case "not-null":
                    case "true":
                    case IntegerConditions.ZeroWord:
                    case IntegerConditions.NonNegativeWord:
                        break;
                    case "flag":
                        if (next >= tokens.Count)
                        {
                            return (conditionToken.Span, "'flag' needs the name of a 'ref bool' parameter");
                        }

                        flag = tokens[next];
                        next++;
                        break;
                    default:
                        return (conditionToken.Span, $"unknown condition '{condition}': expected 'always', 'not-null', 'true', 'zero', 'non-negative' or 'flag PARAMETER'");
                }
            }

            if (next < tokens.Count)
            {
                return (tokens[next].Span, $"unexpected '{tokens[next].Text}' at the end of the {verb} line");
            }

            // The id may name the same member in several assemblies: each must fit the line.
            var specs = new List<(IMethodSymbol Method, object Spec)>();
            foreach (var method in methods)
            {
                var problem = Build(method, acquire, kind, what, parameter, condition, flag, out object? spec);
                if (problem.HasValue)
                {
                    return problem;
                }

                specs.Add((method, spec!));
            }

            if (acquire && FirstDeclaration(specs) is string first)
            {
                var repeated = $"an acquire through {Describe(what, parameter)} of '{methods[0].Name}' is already declared {first}: the first declaration wins, this line declares nothing";
                if (_file == null)
                {
                    _presetDuplicates.Add(repeated);
                    return null;
                }

                return (line.Span, repeated);
            }

            foreach (var (method, spec) in specs)
            {
                if (spec is AcquireSpec acquired)
                {
                    _acquireDeclaredAt[(method.OriginalDefinition, acquired.Target, acquired.ParameterOrdinal)] = _origin;
                }

                Add(method.OriginalDefinition, spec);
            }

            return null;
        }

        /// <summary>Where an earlier line declared the same acquire (member, and the value it acquires), if one did.</summary>
        private string? FirstDeclaration(List<(IMethodSymbol Method, object Spec)> specs)
        {
            foreach (var (method, spec) in specs)
            {
                if (spec is AcquireSpec acquired &&
                    _acquireDeclaredAt.TryGetValue((method.OriginalDefinition, acquired.Target, acquired.ParameterOrdinal), out var origin))
                {
                    return origin;
                }
            }

            return null;
        }

        private static string Describe(PairToken what, PairToken? parameter) =>
            parameter.HasValue ? $"'{what.Text} {parameter.Value.Text}'" : $"'{what.Text}'";

        /// <summary>
        /// A documentation id whose brackets do not pair up. The id parser stops at the first character it cannot use,
        /// so <c>M:Ns.Type.Open(System.String</c> would otherwise resolve to Open(string) and take effect.
        /// </summary>
        private static (TextSpan Span, string Message)? Unbalanced(PairToken id)
        {
            var open = new Stack<char>();
            foreach (char c in id.Text)
            {
                switch (c)
                {
                    case '(':
                    case '[':
                    case '{':
                        open.Push(c);
                        break;
                    case ')':
                    case ']':
                    case '}':
                        char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
                        if (open.Count == 0 || open.Pop() != expected)
                        {
                            return (id.Span, $"'{id.Text}' has an unmatched '{c}': write 'M:Namespace.Type.Method(ParameterTypes)'");
                        }

                        break;
                }
            }

            return open.Count == 0
                ? ((TextSpan, string)?)null
                : (id.Span, $"'{id.Text}' has an unclosed '{open.Peek()}': write 'M:Namespace.Type.Method(ParameterTypes)'");
        }

        private static (TextSpan Span, string Message)? Build(IMethodSymbol method, bool acquire, string kind, PairToken what, PairToken? parameterToken, string? condition, PairToken? flagToken, out object? spec)
        {
            spec = null;
            IParameterSymbol? parameter = null;
            if (parameterToken.HasValue)
            {
                parameter = method.Parameters.FirstOrDefault(p => p.Name == parameterToken.Value.Text);
                if (parameter == null)
                {
                    return (parameterToken.Value.Span, $"'{method.Name}' has no parameter '{parameterToken.Value.Text}' ({DescribeParameters(method)})");
                }

                bool byReference = parameter.RefKind == RefKind.Out || parameter.RefKind == RefKind.Ref;
                if (what.Text == "out" && !byReference)
                {
                    return (parameterToken.Value.Span, $"'{parameter.Name}' is not an out or ref parameter of '{method.Name}': use 'argument {parameter.Name}'");
                }

                if (what.Text == "argument" && byReference)
                {
                    return (parameterToken.Value.Span, $"'{parameter.Name}' is an {(parameter.RefKind == RefKind.Out ? "out" : "ref")} parameter of '{method.Name}': use 'out {parameter.Name}'");
                }
            }

            switch (what.Text)
            {
                case "return" when method.ReturnsVoid && method.MethodKind != MethodKind.Constructor:
                    return (what.Span, $"'{method.Name}' returns nothing");
                case "receiver" when method.IsStatic || method.MethodKind == MethodKind.Constructor:
                    return (what.Span, $"'{method.Name}' is {(method.IsStatic ? "static" : "a constructor")}: it has no receiver");
            }

            if (!acquire)
            {
                spec = what.Text == "receiver"
                    ? new ReleaseSpec(kind, ReleaseTarget.Receiver)
                    : new ReleaseSpec(kind, ReleaseTarget.Argument, parameter!.Ordinal);
                return null;
            }

            var target = what.Text switch
            {
                "return" => AcquireTarget.ReturnValue,
                "receiver" => AcquireTarget.Receiver,
                "out" => AcquireTarget.OutParameter,
                _ => AcquireTarget.Argument,
            };

            if (target == AcquireTarget.ReturnValue && (condition == "true" || condition == "flag" || condition == IntegerConditions.ZeroWord || condition == IntegerConditions.NonNegativeWord))
            {
                return (what.Span, $"'return' takes 'when always' or 'when not-null', not 'when {condition}'");
            }

            int flagOrdinal = -1;
            AcquireCondition when;
            switch (condition)
            {
                case "always":
                    when = AcquireCondition.Always;
                    break;
                case "not-null":
                    when = AcquireCondition.NonNull;
                    break;
                case "true":
                    if (!ReturnsBool(method))
                    {
                        return (what.Span, $"'when true' needs '{method.Name}' to return bool (or Task<bool>)");
                    }

                    when = AcquireCondition.ReturnsTrue;
                    break;
                case IntegerConditions.ZeroWord:
                case IntegerConditions.NonNegativeWord:
                    if (!IntegerConditions.ReturnsIntegerStatus(method))
                    {
                        return (what.Span, $"'when {condition}' needs '{method.Name}' to return an integer status (int, long, short or sbyte)");
                    }

                    when = condition == IntegerConditions.ZeroWord ? AcquireCondition.ReturnsZero : AcquireCondition.ReturnsNonNegative;
                    break;
                case "flag":
                    var flag = method.Parameters.FirstOrDefault(p => p.Name == flagToken!.Value.Text);
                    if (flag == null)
                    {
                        return (flagToken!.Value.Span, $"'{method.Name}' has no parameter '{flagToken.Value.Text}' ({DescribeParameters(method)})");
                    }

                    if (flag.RefKind != RefKind.Ref || flag.Type.SpecialType != SpecialType.System_Boolean)
                    {
                        return (flagToken!.Value.Span, $"'{flag.Name}' is not a 'ref bool' parameter of '{method.Name}'");
                    }

                    flagOrdinal = flag.Ordinal;
                    when = AcquireCondition.FlagTrue;
                    break;
                default:
                    // As the attributes: a bool result means success; otherwise a value counts when not null.
                    when = ReturnsBool(method) && target != AcquireTarget.ReturnValue
                        ? AcquireCondition.ReturnsTrue
                        : target == AcquireTarget.ReturnValue || target == AcquireTarget.OutParameter ? AcquireCondition.NonNull : AcquireCondition.Always;
                    break;
            }

            spec = new AcquireSpec(kind, target, when, parameter?.Ordinal ?? -1, flagOrdinal);
            return null;
        }

        private void Add(IMethodSymbol method, object spec)
        {
            if (!_members.TryGetValue(method, out var entry))
            {
                entry = (new List<AcquireSpec>(), new List<ReleaseSpec>());
                _members.Add(method, entry);
            }

            switch (spec)
            {
                case AcquireSpec acquire when !entry.Acquires.Any(a => a.Kind == acquire.Kind && a.Target == acquire.Target && a.Condition == acquire.Condition && a.ParameterOrdinal == acquire.ParameterOrdinal && a.FlagParameterOrdinal == acquire.FlagParameterOrdinal):
                    entry.Acquires.Add(acquire);
                    break;
                case ReleaseSpec release when !entry.Releases.Any(r => r.Kind == release.Kind && r.Target == release.Target && r.ParameterOrdinal == release.ParameterOrdinal):
                    entry.Releases.Add(release);
                    break;
            }
        }

        private static bool LooksLikeMemberId(string text) => text.Length > 1 && text[1] == ':';

        private static bool ReturnsBool(IMethodSymbol method)
        {
            var type = method.ReturnType;
            if (type.SpecialType == SpecialType.System_Boolean)
            {
                return true;
            }

            return type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named &&
                (named.Name == "Task" || named.Name == "ValueTask") &&
                named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks" &&
                named.TypeArguments[0].SpecialType == SpecialType.System_Boolean;
        }

        private static string DescribeParameters(IMethodSymbol method) =>
            method.Parameters.IsEmpty ? "it has none" : "its parameters: " + string.Join(", ", method.Parameters.Select(p => p.Name));
    }
}
