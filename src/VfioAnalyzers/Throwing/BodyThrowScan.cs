using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace VfioAnalyzers.Throwing
{
    /// <summary>
    /// Finds, in one body of the compilation, the first thing that may throw out of it: a throw no enclosing catch of
    /// the body takes, or a call, getter or await the oracle judges throwing outside every catch-all. Lambdas and
    /// local function declarations are not run where they are written; a call to a local function is judged as any call.
    /// </summary>
    internal static class BodyThrowScan
    {
        public static ThrowVerdict Scan(IOperation body, MayThrowOracle oracle, CancellationToken cancellationToken)
        {
            var scan = new Scanner(oracle, cancellationToken);
            scan.Visit(body, ImmutableList<ImmutableArray<ICatchClauseOperation>>.Empty);
            return scan.Result.MayThrow ? scan.Result : scan.CutAt is int cut ? ThrowVerdict.CutShortAt(cut) : ThrowVerdict.No;
        }

        private sealed class Scanner
        {
            private readonly MayThrowOracle _oracle;
            private readonly CancellationToken _cancellationToken;

            public Scanner(MayThrowOracle oracle, CancellationToken cancellationToken)
            {
                _oracle = oracle;
                _cancellationToken = cancellationToken;
            }

            public ThrowVerdict Result { get; private set; }

            /// <summary>Where some callee's verdict was cut short by a depth bound or a cycle (see <see cref="ThrowVerdict.CutAt"/>).</summary>
            public int? CutAt { get; private set; }

            private bool Done => Result.MayThrow;

            public void Visit(IOperation operation, ImmutableList<ImmutableArray<ICatchClauseOperation>> catches)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IAnonymousFunctionOperation _:
                    case ILocalFunctionOperation _:
                        return;
                    case ITryOperation tryOperation:
                        VisitTry(tryOperation, catches);
                        return;
                    case IThrowOperation thrown:
                        var type = ThrownType(thrown);
                        if (!IsCaught(type, catches))
                        {
                            Result = ThrowVerdict.Because(thrown.Exception == null ? "rethrows" : $"throws '{type?.Name ?? "an exception"}'");
                        }

                        return;
                }

                if (!CatchesAll(catches))
                {
                    Judge(operation);
                    if (Done)
                    {
                        return;
                    }
                }

                foreach (var child in operation.ChildOperations)
                {
                    Visit(child, catches);
                    if (Done)
                    {
                        return;
                    }
                }
            }

            private void VisitTry(ITryOperation tryOperation, ImmutableList<ImmutableArray<ICatchClauseOperation>> catches)
            {
                Visit(tryOperation.Body, tryOperation.Catches.IsEmpty ? catches : catches.Add(tryOperation.Catches));
                foreach (var handler in tryOperation.Catches)
                {
                    if (!Done)
                    {
                        Visit(handler.Handler, catches);
                    }
                }

                if (!Done && tryOperation.Finally != null)
                {
                    Visit(tryOperation.Finally, catches);
                }
            }

            /// <summary>What a call, a getter or an await inside the body makes of it.</summary>
            private void Judge(IOperation operation)
            {
                ThrowVerdict inner;
                string what;
                switch (operation)
                {
                    case IInvocationOperation invocation when !invocation.IsImplicit:
                        inner = _oracle.ForInvocation(invocation, _cancellationToken);
                        what = invocation.TargetMethod.Name;
                        break;
                    case IObjectCreationOperation { Constructor: { } constructor } creation when !IsException(creation.Type):
                        inner = _oracle.ForCall(constructor, dispatched: false, _cancellationToken);
                        what = "new " + constructor.ContainingType.Name;
                        break;
                    case IPropertyReferenceOperation property when !property.IsImplicit:
                        // A property assigned runs its setter, one read its getter.
                        inner = property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property
                            ? property.Property.SetMethod is IMethodSymbol setter ? _oracle.ForCall(setter, dispatched: false, _cancellationToken) : ThrowVerdict.No
                            : _oracle.ForGetter(property.Property, _cancellationToken);
                        what = property.Property.Name;
                        break;
                    case IAwaitOperation awaited:
                        inner = _oracle.ForAwait(awaited);
                        if (inner.MayThrow)
                        {
                            Result = inner;
                        }

                        return;
                    default:
                        return;
                }

                CutAt = ThrowVerdict.Earlier(CutAt, inner.CutAt);
                if (inner.MayThrow)
                {
                    Result = ThrowVerdict.Via(what, inner);
                }
            }

            private static bool CatchesAll(ImmutableList<ImmutableArray<ICatchClauseOperation>> catches)
            {
                foreach (var clauses in catches)
                {
                    foreach (var clause in clauses)
                    {
                        if (clause.Filter == null && IsCatchAllType(clause.ExceptionType))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>Whether a clause without a filter takes an exception of this type (any exception when unknown).</summary>
            private static bool IsCaught(ITypeSymbol? thrown, ImmutableList<ImmutableArray<ICatchClauseOperation>> catches)
            {
                foreach (var clauses in catches)
                {
                    foreach (var clause in clauses)
                    {
                        if (clause.Filter != null)
                        {
                            continue;
                        }

                        if (IsCatchAllType(clause.ExceptionType) || (thrown != null && DerivesFrom(thrown, clause.ExceptionType)))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }


            private static bool IsCatchAllType(ITypeSymbol type) =>
                type.SpecialType == SpecialType.System_Object || (type.Name == "Exception" && type.ContainingNamespace?.ToDisplayString() == "System");

            private static bool DerivesFrom(ITypeSymbol type, ITypeSymbol baseType)
            {
                for (var current = type; current != null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current, baseType))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsException(ITypeSymbol? type)
            {
                for (var current = type; current != null; current = current.BaseType)
                {
                    if (current.Name == "Exception" && current.ContainingNamespace?.ToDisplayString() == "System")
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>The type thrown, seen through the conversion to <c>Exception</c>; null for a rethrow.</summary>
            private static ITypeSymbol? ThrownType(IThrowOperation thrown)
            {
                var operand = thrown.Exception is IConversionOperation conversion ? conversion.Operand : thrown.Exception;
                return operand?.Type;
            }
        }
    }
}
