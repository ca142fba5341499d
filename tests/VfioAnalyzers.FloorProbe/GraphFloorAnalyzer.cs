using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace VfioAnalyzers.FloorProbe
{
    /// <summary>
    /// The floor for any analysis on control-flow graphs, measured where analyzers run: for every body whose text
    /// names <see cref="AcquireName"/>, it asks the driver's semantic model for the body's operations and builds
    /// its graph, then stops. Its execution time is what VfioAnalyzers pays before its own analysis begins.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class GraphFloorAnalyzer : DiagnosticAnalyzer
    {
        public const string AcquireName = "GetExternalUser";

        // The same ids as the analyzer under test, so that the driver runs this one under the same options.
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = new AcquireReleaseAnalyzer().SupportedDiagnostics;

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCodeBlockAction(block =>
            {
                var text = block.CodeBlock.SyntaxTree.GetText(block.CancellationToken).ToString(block.CodeBlock.Span);
                if (text.IndexOf(AcquireName, System.StringComparison.Ordinal) < 0)
                {
                    return;
                }

                switch (block.SemanticModel.GetOperation(block.CodeBlock, block.CancellationToken))
                {
                    case IMethodBodyOperation body:
                        ControlFlowGraph.Create(body, block.CancellationToken);
                        break;
                    case IConstructorBodyOperation constructor:
                        ControlFlowGraph.Create(constructor, block.CancellationToken);
                        break;
                }
            });
        }
    }
}
