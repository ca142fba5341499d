using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace VfioAnalyzers.Benchmarks
{
    /// <summary>
    /// A real project's compilation, rebuilt in process from the compiler's command line as a build log shows it (the
    /// arguments after <c>csc</c>, in a response file): its sources, references, options, .editorconfig files,
    /// additional files and source generators. Measured like the generated corpora, so that two builds of the
    /// analyzer can be compared on real code without the noise of separate builds.
    /// </summary>
    internal sealed class RealCompilation
    {
        private readonly CSharpCompilation _compilation;

        private RealCompilation(CSharpCompilation compilation, AnalyzerOptions options)
        {
            _compilation = compilation;
            Options = options;
        }

        public AnalyzerOptions Options { get; }

        public string Name => _compilation.AssemblyName ?? "?";

        /// <summary>A fresh copy of the compilation (nothing bound yet), single-threaded as the corpora are.</summary>
        public CSharpCompilation Fresh() =>
            _compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(_compilation.SyntaxTrees)
                .WithOptions(_compilation.Options.WithConcurrentBuild(false));

        public static RealCompilation Load(string responseFile, string directory)
        {
            var lines = File.ReadAllLines(responseFile).Where(l => l.Length > 0).Select(l => l.Trim('"')).ToArray();
            var arguments = CSharpCommandLineParser.Default.Parse(lines, directory, sdkDirectory: null);
            var errors = arguments.Errors.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("The response file does not parse: " + errors[0]);
            }

            var trees = arguments.SourceFiles.Select(file => CSharpSyntaxTree.ParseText(
                SourceText.From(File.ReadAllText(file.Path), Encoding.UTF8), arguments.ParseOptions, file.Path)).ToList();
            var references = arguments.MetadataReferences.Select(r => (MetadataReference)MetadataReference.CreateFromFile(r.Reference)).ToList();
            var diagnosticOptions = arguments.CompilationOptions.SpecificDiagnosticOptions
                .SetItem("CA2000", ReportDiagnostic.Warn);
            var compilation = CSharpCompilation.Create(
                arguments.CompilationName ?? Path.GetFileNameWithoutExtension(arguments.OutputFileName),
                trees,
                references,
                // Signed projects need the key file read (a missing provider fails the signature, and with it every
                // InternalsVisibleTo given to a signed friend).
                arguments.CompilationOptions.WithSpecificDiagnosticOptions(diagnosticOptions)
                    .WithStrongNameProvider(new DesktopStrongNameProvider(arguments.KeyFileSearchPaths)));

            var configs = arguments.AnalyzerConfigPaths
                .Select(path => AnalyzerConfig.Parse(SourceText.From(File.ReadAllText(path)), path))
                .ToImmutableArray();
            var configSet = AnalyzerConfigSet.Create(configs);
            var additional = arguments.AdditionalFiles.Select(f => (AdditionalText)new FileText(f.Path)).ToImmutableArray();
            var provider = new ConfigOptionsProvider(configSet, additional);

            // Generated sources are part of what the project compiles, and of what analyzers see.
            var loader = new Loader();
            var analyzerPaths = arguments.AnalyzerReferences
                .Where(r => !Path.GetFileName(r.FilePath).StartsWith("VfioAnalyzers", StringComparison.Ordinal))
                .Select(r => Path.GetFullPath(r.FilePath, directory))
                .ToList();
            foreach (var path in analyzerPaths)
            {
                // A generator's own dependencies (Scriban for npgsql's) are among the analyzer paths, as the compiler has them.
                loader.AddDependencyLocation(path);
            }

            // Generators load and run here only: their dependencies are resolved for that long, then the handler goes.
            AssemblyLoadContext.Default.Resolving += loader.Resolve;
            try
            {
                var generators = analyzerPaths.SelectMany(path => new AnalyzerFileReference(path, loader).GetGenerators(LanguageNames.CSharp)).ToList();
                if (generators.Count > 0)
                {
                    var driver = CSharpGeneratorDriver.Create(generators, additional, arguments.ParseOptions, provider);
                    driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
                    compilation = (CSharpCompilation)generated;
                }
            }
            finally
            {
                AssemblyLoadContext.Default.Resolving -= loader.Resolve;
            }

            // A compilation that does not bind as the build did measures something else: said, not hidden. (This binds the
            // whole compilation once before any timing, which also warms the compiler's code for the first run.)
            var compileErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (compileErrors.Count > 0)
            {
                Console.Error.WriteLine($"warning: {compilation.AssemblyName} has {compileErrors.Count} compile errors in process (a build that succeeded had none): the rebuild does not compile what the build did; first: {compileErrors[0]}");
            }

            return new RealCompilation(compilation, new AnalyzerOptions(additional, provider));
        }

        /// <summary>Loads an analyzer from a build of it on disk, apart from the one this harness references.</summary>
        public static DiagnosticAnalyzer LoadAnalyzer(string path)
        {
            var context = new IsolatedContext(Path.GetFullPath(path));
            var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(path));
            var type = assembly.GetType("VfioAnalyzers.AcquireReleaseAnalyzer", throwOnError: true)!;
            return (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
        }

        private sealed class IsolatedContext : AssemblyLoadContext
        {
            private readonly string _path;

            public IsolatedContext(string path)
                : base(isCollectible: false) => _path = path;

            // Only the analyzer itself is loaded apart; Roslyn and the framework come from the harness.
            protected override Assembly? Load(AssemblyName name) =>
                name.Name == Path.GetFileNameWithoutExtension(_path) ? LoadFromAssemblyPath(_path) : null;
        }

        /// <summary>Loads generators and, when one asks for a dependency, finds it among the analyzer paths the compiler was given.</summary>
        private sealed class Loader : IAnalyzerAssemblyLoader
        {
            private readonly Dictionary<string, string> _byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

            public Assembly? Resolve(AssemblyLoadContext context, AssemblyName name) =>
                name.Name != null && _byName.TryGetValue(name.Name, out var path) ? context.LoadFromAssemblyPath(path) : null;

            public void AddDependencyLocation(string fullPath) => _byName[Path.GetFileNameWithoutExtension(fullPath)] = fullPath;

            public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
        }

        private sealed class FileText : AdditionalText
        {
            public FileText(string path) => Path = path;

            public override string Path { get; }

            public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
        }

        /// <summary>The project's .editorconfig files, as the compiler hands them to analyzers and generators.</summary>
        private sealed class ConfigOptionsProvider : AnalyzerConfigOptionsProvider
        {
            private readonly AnalyzerConfigSet _configs;
            private readonly Dictionary<string, AnalyzerConfigOptions> _additional;

            public ConfigOptionsProvider(AnalyzerConfigSet configs, ImmutableArray<AdditionalText> additional)
            {
                _configs = configs;
                GlobalOptions = new ConfigOptions(configs.GlobalConfigOptions.AnalyzerOptions);
                _additional = additional.ToDictionary(a => a.Path, a => (AnalyzerConfigOptions)new ConfigOptions(configs.GetOptionsForSourcePath(a.Path).AnalyzerOptions));
            }

            public override AnalyzerConfigOptions GlobalOptions { get; }

            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new ConfigOptions(_configs.GetOptionsForSourcePath(tree.FilePath).AnalyzerOptions);

            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
                _additional.TryGetValue(textFile.Path, out var options) ? options : GlobalOptions;
        }

        private sealed class ConfigOptions : AnalyzerConfigOptions
        {
            private readonly ImmutableDictionary<string, string> _values;

            public ConfigOptions(ImmutableDictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }
}
