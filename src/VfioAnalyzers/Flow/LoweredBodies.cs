using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// Each body's bound operations and control-flow graph, built once per compilation and shared by every reader:
    /// the analysis of the body itself, the summaries of helpers, and the inferred contracts of wrappers. Binding is
    /// most of what a body costs, and one body is often all three (a wrapper that is analysed, called, and inferred).
    /// </summary>
    internal sealed class LoweredBodies
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<(SyntaxTree, TextSpan), LoweredBody?> _bodies = new ConcurrentDictionary<(SyntaxTree, TextSpan), LoweredBody?>();
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();

        public LoweredBodies(Compilation compilation) => _compilation = compilation;

        /// <summary>
        /// The body rooted at <paramref name="syntax"/> (a member, an accessor, an arrow body or an initializer),
        /// bound with <paramref name="model"/> when the caller has the driver's model for its file; null when the
        /// syntax roots no body of this compilation.
        /// </summary>
        public LoweredBody? Get(SyntaxNode syntax, SemanticModel? model, CancellationToken cancellationToken)
        {
            var key = (syntax.SyntaxTree, syntax.Span);
            if (_bodies.TryGetValue(key, out var known))
            {
                return known;
            }

            if (!_compilation.ContainsSyntaxTree(syntax.SyntaxTree))
            {
                return null;
            }

            var operation = (model ?? ModelOf(syntax.SyntaxTree)).GetOperation(syntax, cancellationToken);
            while (operation?.Parent != null)
            {
                operation = operation.Parent;
            }

            // Two threads may bind the same body at once; the first to finish is kept, so every reader sees one graph.
            return _bodies.GetOrAdd(key, operation == null ? null : new LoweredBody(operation));
        }

        /// <summary>One semantic model per file for every reader outside the driver's (a callee's body is often in another file).</summary>
        public SemanticModel ModelOf(SyntaxTree tree) => _models.GetOrAdd(tree, file =>
        {
#pragma warning disable RS1030 // A helper's, wrapper's or callee's body may live in another tree; each body is bound once per compilation.
            return _compilation.GetSemanticModel(file);
#pragma warning restore RS1030
        });
    }

    /// <summary>A bound body, and its graph once a reader needs it (a body that calls no contract member needs none).</summary>
    internal sealed class LoweredBody
    {
        private readonly object _gate = new object();
        private ControlFlowGraph? _graph;
        private bool _graphBuilt;

        public LoweredBody(IOperation root) => Root = root;

        public IOperation Root { get; }

        /// <summary>The graph of the body; null for a root that has none (an attribute, a parameter's default).</summary>
        public ControlFlowGraph? Graph(CancellationToken cancellationToken)
        {
            if (!Volatile.Read(ref _graphBuilt))
            {
                var graph = Create(Root, cancellationToken);
                lock (_gate)
                {
                    if (!_graphBuilt)
                    {
                        _graph = graph;
                        Volatile.Write(ref _graphBuilt, true);
                    }
                }
            }

            return _graph;
        }

        private static ControlFlowGraph? Create(IOperation root, CancellationToken cancellationToken) => root switch
        {
            IMethodBodyOperation method => ControlFlowGraph.Create(method, cancellationToken),
            IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
            IFieldInitializerOperation field => ControlFlowGraph.Create(field, cancellationToken),
            IPropertyInitializerOperation property => ControlFlowGraph.Create(property, cancellationToken),
            IBlockOperation block => ControlFlowGraph.Create(block, cancellationToken),
            _ => null,
        };
    }
}
