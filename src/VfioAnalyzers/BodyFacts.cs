using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using VfioAnalyzers.Contracts;

namespace VfioAnalyzers
{
    /// <summary>What one walk over a body's operations tells before any graph is built: the kinds of the annotated
    /// members it calls (none: nothing to analyse), and whether it holds lambdas to analyse as bodies of their own.</summary>
    internal sealed class BodyFacts
    {
        private BodyFacts(HashSet<string> kinds, bool hasLambdas)
        {
            Kinds = kinds;
            HasLambdas = hasLambdas;
        }

        public HashSet<string> Kinds { get; }

        public bool HasLambdas { get; }

        public static BodyFacts Of(IOperation root, ContractCatalog catalog)
        {
            var kinds = new HashSet<string>();
            bool hasLambdas = false;
            foreach (var operation in root.DescendantsAndSelf())
            {
                IMethodSymbol? target;
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        target = invocation.TargetMethod;
                        break;
                    case IObjectCreationOperation creation:
                        target = creation.Constructor;
                        break;
                    case IAnonymousFunctionOperation _:
                        hasLambdas = true;
                        continue;
                    default:
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

            return new BodyFacts(kinds, hasLambdas);
        }
    }
}
