using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace VfioAnalyzers.Contracts
{
    /// <summary>
    /// Whether a method's syntax looks like a wrapper (docs/ownership.md, "Inferred contracts"), before anything is
    /// bound: it acquires in place on something that outlives it (a field, this, a parameter), or returns what an
    /// acquiring call returned, or gives back something this holds. Only such methods have a contract inferred,
    /// and only calls to the first two make a body worth analysing for them.
    /// </summary>
    internal static class WrapperSyntax
    {
        /// <summary>Whether the method may return holding, for its caller, a reference it acquired.</summary>
        public static bool MayAcquireForCaller(MethodDeclarationSyntax method, NameRoles roles, MemberTypeNames memberTypes)
        {
            var body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
            if (body == null)
            {
                return false;
            }

            HashSet<string>? locals = null;
            HashSet<string>? releasedInFinally = null;
            foreach (var invocation in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (AcquiresForCaller(invocation, method, body, roles, memberTypes, ref locals, ref releasedInFinally))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether this one call, made in <paramref name="method"/>, makes the method look like a wrapper (see
        /// <see cref="MayAcquireForCaller"/>): a caller that found the call by its name reads no other syntax.
        /// </summary>
        public static bool AcquiresForCaller(InvocationExpressionSyntax invocation, MethodDeclarationSyntax method, NameRoles roles, MemberTypeNames memberTypes)
        {
            var body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
            HashSet<string>? locals = null;
            HashSet<string>? releasedInFinally = null;
            return body != null && body.Span.Contains(invocation.Span) && AcquiresForCaller(invocation, method, body, roles, memberTypes, ref locals, ref releasedInFinally);
        }

        private static bool AcquiresForCaller(InvocationExpressionSyntax invocation, MethodDeclarationSyntax method, SyntaxNode body, NameRoles roles, MemberTypeNames memberTypes, ref HashSet<string>? locals, ref HashSet<string>? releasedInFinally)
        {
            var name = ContractNameIndex.RightmostNameOf(invocation.Expression);
            if (roles.AcquiresInPlace(name) && ReceiverMayDeclare(invocation, method, roles, name, memberTypes) && TouchesOutlivingObject(invocation, locals ??= DeclaredLocals(body)) &&
                !AllOperandsIn(invocation, releasedInFinally ??= ReleasedInFinally(body, roles), roles.AcquiresOnlyReceiver(name)))
            {
                return true;
            }

            // void, bool, int and the like cannot return an acquired reference (an address returned as a number is not
            // followed either).
            bool returnsNoReference = method.ReturnType is PredefinedTypeSyntax predefined &&
                !predefined.Keyword.IsKind(SyntaxKind.ObjectKeyword) && !predefined.Keyword.IsKind(SyntaxKind.StringKeyword);
            return !returnsNoReference && roles.AcquiresReturned(name) && ReceiverMayDeclare(invocation, method, roles, name, memberTypes) && IsReturned(invocation, body);
        }

        /// <summary>Whether an instance method may give back, for its caller, a reference this (or one of its fields) holds.</summary>
        public static bool MayReleaseForCaller(MethodDeclarationSyntax method, NameRoles roles, MemberTypeNames memberTypes)
        {
            var body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
            if (body == null || method.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                return false;
            }

            HashSet<string>? locals = null;
            foreach (var invocation in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                // A release in a finally ends what the method itself took: an acquire-use-release method, not a wrapper.
                var name = ContractNameIndex.RightmostNameOf(invocation.Expression);
                if (roles.Releases(name) && invocation.FirstAncestorOrSelf<FinallyClauseSyntax>() == null &&
                    ReceiverMayDeclare(invocation, method, roles, name, memberTypes) && TouchesOutlivingObject(invocation, locals ??= DeclaredLocals(body)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether the receiver, as far as its declaration in the same method or type says, can be of a type that
        /// declares the called member: <c>task.Wait(t)</c> on a parameter declared <c>Task</c> is not
        /// <c>SemaphoreSlim.Wait</c>. A receiver whose type syntax does not tell (<c>var</c>, an inherited field, an
        /// expression) may be.
        /// </summary>
        private static bool ReceiverMayDeclare(InvocationExpressionSyntax invocation, MethodDeclarationSyntax method, NameRoles roles, string name, MemberTypeNames memberTypes)
        {
            if (!(invocation.Expression is MemberAccessExpressionSyntax access))
            {
                return true;
            }

            var receiver = access.Expression;
            while (receiver is MemberAccessExpressionSyntax inner && !(inner.Expression is ThisExpressionSyntax))
            {
                // ArrayPool<byte>.Shared.Rent: the leftmost name is the type.
                receiver = inner.Expression;
            }

            string? identifier = receiver switch
            {
                IdentifierNameSyntax simple => simple.Identifier.ValueText,
                GenericNameSyntax generic => generic.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax _ } self => self.Name.Identifier.ValueText,
                _ => null,
            };
            if (identifier == null || identifier.Length == 0)
            {
                // An expression, or a name the parser is still missing while the code is typed.
                return true;
            }

            var declared = DeclaredTypeName(identifier, method, memberTypes);
            return roles.MayBeDeclaredIn(name, declared ?? identifier) || (declared == null && !char.IsUpper(identifier[0]));
        }

        /// <summary>The simple name of the type a parameter of the method, or a field or property of its type, is declared with.</summary>
        private static string? DeclaredTypeName(string identifier, MethodDeclarationSyntax method, MemberTypeNames memberTypes)
        {
            foreach (var parameter in method.ParameterList.Parameters)
            {
                if (parameter.Identifier.ValueText == identifier)
                {
                    return SimpleTypeName(parameter.Type);
                }
            }

            return method.Parent is TypeDeclarationSyntax type ? memberTypes.Of(type, identifier) : null;
        }

        internal static string? SimpleTypeName(TypeSyntax? type) => type switch
        {
            NullableTypeSyntax nullable => SimpleTypeName(nullable.ElementType),
            IdentifierNameSyntax identifier when identifier.Identifier.ValueText != "var" => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            QualifiedNameSyntax qualified => SimpleTypeName(qualified.Right),
            AliasQualifiedNameSyntax alias => SimpleTypeName(alias.Name),
            PredefinedTypeSyntax predefined => predefined.Keyword.ValueText,
            _ => null,
        };

        /// <summary>
        /// The call's receiver or one of its arguments names something the method did not declare: this, a field, a
        /// parameter. A PascalCase receiver is taken for a type or a property (<c>Monitor.Enter</c>), which the flow
        /// analysis does not track as an owner anyway.
        /// </summary>
        private static bool TouchesOutlivingObject(InvocationExpressionSyntax invocation, HashSet<string> locals)
        {
            if (invocation.Expression is MemberAccessExpressionSyntax access && IsOutliving(access.Expression, locals, receiver: true))
            {
                return true;
            }

            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                if (argument.RefKindKeyword.IsKind(SyntaxKind.None) && IsOutliving(argument.Expression, locals, receiver: false))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsOutliving(ExpressionSyntax expression, HashSet<string> locals, bool receiver) => expression switch
        {
            ThisExpressionSyntax _ => true,
            IdentifierNameSyntax identifier => !locals.Contains(identifier.Identifier.ValueText) &&
                !(receiver && identifier.Identifier.ValueText.Length > 0 && char.IsUpper(identifier.Identifier.ValueText[0])),
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax _ } => true,
            ParenthesizedExpressionSyntax parenthesized => IsOutliving(parenthesized.Expression, locals, receiver),
            CastExpressionSyntax cast => IsOutliving(cast.Expression, locals, receiver),
            _ => false,
        };

        /// <summary>
        /// The receivers and arguments, as written, of the releases in the method's finally clauses: an acquire on one of
        /// them is given back before the method returns (acquire, use, release), so the method wraps nothing.
        /// </summary>
        private static HashSet<string> ReleasedInFinally(SyntaxNode body, NameRoles roles)
        {
            var released = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var @finally in body.DescendantNodes().OfType<FinallyClauseSyntax>())
            {
                foreach (var invocation in @finally.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (roles.Releases(ContractNameIndex.RightmostNameOf(invocation.Expression)))
                    {
                        foreach (var operand in Operands(invocation))
                        {
                            released.Add(operand.ToString());
                        }
                    }
                }
            }

            return released;
        }

        /// <summary>
        /// Whether what the call acquires is given back in a finally: every operand, or only the receiver when the name
        /// acquires nothing else (<c>_gate.Wait(timeout, token)</c> takes the semaphore, not the token).
        /// </summary>
        private static bool AllOperandsIn(InvocationExpressionSyntax invocation, HashSet<string> released, bool receiverOnly)
        {
            if (released.Count == 0)
            {
                return false;
            }

            if (receiverOnly)
            {
                return invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver } &&
                    (!(receiver is IdentifierNameSyntax || receiver is MemberAccessExpressionSyntax || receiver is ThisExpressionSyntax) || released.Contains(receiver.ToString()));
            }

            foreach (var operand in Operands(invocation))
            {
                if (!(operand is IdentifierNameSyntax || operand is MemberAccessExpressionSyntax || operand is ThisExpressionSyntax) || released.Contains(operand.ToString()))
                {
                    continue;
                }

                return false;
            }

            return true;
        }

        /// <summary>The receiver (of an instance call) and the by-value arguments of a call.</summary>
        private static IEnumerable<ExpressionSyntax> Operands(InvocationExpressionSyntax invocation)
        {
            if (invocation.Expression is MemberAccessExpressionSyntax access)
            {
                yield return access.Expression;
            }

            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                if (argument.RefKindKeyword.IsKind(SyntaxKind.None))
                {
                    yield return argument.Expression;
                }
            }
        }

        /// <summary>Whether the acquired value flows to a return: returned directly, or through a local that a return names.</summary>
        private static bool IsReturned(InvocationExpressionSyntax invocation, SyntaxNode body)
        {
            for (SyntaxNode? node = invocation.Parent; node != null && node != body.Parent; node = node.Parent)
            {
                switch (node)
                {
                    case ReturnStatementSyntax _:
                    case ArrowExpressionClauseSyntax _:
                    case YieldStatementSyntax _:
                        return true;
                    case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                        return IsNamedByAReturn(declarator.Identifier.ValueText, body);
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax target }:
                        return IsNamedByAReturn(target.Identifier.ValueText, body);
                    case LambdaExpressionSyntax _:
                    case StatementSyntax _:
                        return false;
                }
            }

            return false;
        }

        private static bool IsNamedByAReturn(string name, SyntaxNode body)
        {
            foreach (var node in body.DescendantNodesAndSelf())
            {
                var returned = node switch
                {
                    ReturnStatementSyntax statement => statement.Expression,
                    ArrowExpressionClauseSyntax arrow => arrow.Expression,
                    _ => null,
                };

                if (returned != null && Yields(returned, name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether the returned expression is the variable itself (or one branch, or one tuple element of it).</summary>
        private static bool Yields(ExpressionSyntax returned, string name) => returned switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
            ParenthesizedExpressionSyntax parenthesized => Yields(parenthesized.Expression, name),
            CastExpressionSyntax cast => Yields(cast.Expression, name),
            PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed => Yields(suppressed.Operand, name),
            ConditionalExpressionSyntax conditional => Yields(conditional.WhenTrue, name) || Yields(conditional.WhenFalse, name),
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce => Yields(coalesce.Left, name) || Yields(coalesce.Right, name),
            TupleExpressionSyntax tuple => tuple.Arguments.Any(argument => Yields(argument.Expression, name)),
            _ => false,
        };

        /// <summary>The names the method body declares: locals, pattern and out variables, foreach and catch variables.</summary>
        private static HashSet<string> DeclaredLocals(SyntaxNode body)
        {
            var locals = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var node in body.DescendantNodes())
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax declarator:
                        locals.Add(declarator.Identifier.ValueText);
                        break;
                    case SingleVariableDesignationSyntax designation:
                        locals.Add(designation.Identifier.ValueText);
                        break;
                    case ForEachStatementSyntax loop:
                        locals.Add(loop.Identifier.ValueText);
                        break;
                    case CatchDeclarationSyntax caught:
                        locals.Add(caught.Identifier.ValueText);
                        break;
                }
            }

            return locals;
        }
    }
}
