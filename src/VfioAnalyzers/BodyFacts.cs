using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using VfioAnalyzers.Contracts;
using VfioAnalyzers.Flow;

namespace VfioAnalyzers
{
    /// <summary>What one walk over a body's operations tells before any graph is built: the kinds of the annotated
    /// members it calls (none: nothing to analyse), whether it holds lambdas to analyse as bodies of their own, and
    /// which variables its conditions test.</summary>
    internal sealed class BodyFacts
    {
        private BodyFacts(HashSet<string> kinds, bool hasLambdas, HashSet<ISymbol> decisive, HashSet<ISymbol> retested)
        {
            Kinds = kinds;
            HasLambdas = hasLambdas;
            Decisive = decisive;
            Retested = retested;
        }

        public HashSet<string> Kinds { get; }

        public bool HasLambdas { get; }

        /// <summary>The variables whose constants can decide a branch (<see cref="DecisiveVariables"/>).</summary>
        public HashSet<ISymbol> Decisive { get; }

        /// <summary>The places tested for null more than once (<see cref="NullTests"/>).</summary>
        public HashSet<ISymbol> Retested { get; }

        public static BodyFacts Of(IOperation root, ContractCatalog catalog)
        {
            var kinds = new HashSet<string>();
            bool hasLambdas = false;
            var decisive = DecisiveVariables.NewSet();
            var nullTests = new NullTests();
            foreach (var operation in root.DescendantsAndSelf())
            {
                IMethodSymbol? target;
                switch (operation.Kind)
                {
                    case OperationKind.Invocation:
                        target = ((IInvocationOperation)operation).TargetMethod;
                        break;
                    case OperationKind.ObjectCreation:
                        target = ((IObjectCreationOperation)operation).Constructor;
                        break;
                    case OperationKind.PropertyReference:
                        // A getter with a contract is called by reading the property.
                        target = ((IPropertyReferenceOperation)operation).Property.GetMethod;
                        DecisiveVariables.Visit(operation, decisive);
                        nullTests.Visit(operation);
                        break;
                    case OperationKind.AnonymousFunction:
                        hasLambdas = true;
                        continue;
                    default:
                        DecisiveVariables.Visit(operation, decisive);
                        nullTests.Visit(operation);
                        continue;
                }

                if (target == null)
                {
                    continue;
                }

                var contract = catalog.Get(target);
                foreach (var acquire in contract.Acquires)
                {
                    kinds.Add(acquire.Kind);
                }

                foreach (var release in contract.Releases)
                {
                    kinds.Add(release.Kind);
                }
            }

            return new BodyFacts(kinds, hasLambdas, decisive, nullTests.Retested);
        }
    }
}
