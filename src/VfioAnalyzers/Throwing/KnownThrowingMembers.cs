using System;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Throwing
{
    /// <summary>
    /// The members outside the compilation that count as throwing (docs/exception-paths.md): I/O on streams, sockets,
    /// pipes and files, blocking waits on tasks, parsing and deserialization, throw helpers, delegate invocations.
    /// Every other member of the BCL or a package is taken not to throw unless the pairs file lists it.
    /// </summary>
    internal static class KnownThrowingMembers
    {
        /// <summary>A verdict for a method without a body in the compilation.</summary>
        public static ThrowVerdict Judge(IMethodSymbol method)
        {
            if (method.MethodKind == MethodKind.DelegateInvoke)
            {
                // Judged where it is invoked, from where the delegate comes (MayThrowOracle.ForInvocation).
                return ThrowVerdict.No;
            }

            string name = method.Name;
            if (name.StartsWith("Throw", StringComparison.Ordinal))
            {
                // ArgumentNullException.ThrowIfNull, ObjectDisposedException.ThrowIf, token.ThrowIfCancellationRequested,
                // Marshal.ThrowExceptionForHR, ExceptionDispatchInfo.Throw.
                return ThrowVerdict.Because("throws when its check fails");
            }

            if (method.MethodKind == MethodKind.PropertyGet)
            {
                return IsBlockingResult(method) ? ThrowVerdict.Because("blocks on a task") : ThrowVerdict.No;
            }

            if (IsParsing(method))
            {
                return ThrowVerdict.Because("parses its input");
            }

            if (IsBlockingWait(method))
            {
                return ThrowVerdict.Because("blocks on a task");
            }

            if (method.MethodKind != MethodKind.Ordinary || name == "Dispose" || name == "DisposeAsync" || name == "Close")
            {
                // Constructors and setters (a new MemoryStream, Position = 0) do no I/O; cleanup is usually in a finally of its own.
                return ThrowVerdict.No;
            }

            return IOKind(method.ContainingType) is string io ? ThrowVerdict.Because($"does {io} I/O") : ThrowVerdict.No;
        }

        /// <summary>Combinators that await tasks they were given: their exceptions surface at the await.</summary>
        public static bool AwaitsOtherTasks(IMethodSymbol method) =>
            IsType(method.ContainingType, "System.Threading.Tasks", "Task") &&
            (method.Name == "WhenAll" || method.Name == "WhenAny" || method.Name == "WaitAsync");

        /// <summary>Tasks that cannot fault: awaiting them throws nothing.</summary>
        public static bool IsCompletedTask(IMethodSymbol method) =>
            (IsType(method.ContainingType, "System.Threading.Tasks", "Task") || IsType(method.ContainingType, "System.Threading.Tasks", "ValueTask")) &&
            (method.Name == "FromResult" || method.Name == "Yield" || method.Name == "get_CompletedTask");

        private static bool IsBlockingResult(IMethodSymbol getter) =>
            getter.Name == "get_Result" &&
            (IsType(getter.ContainingType, "System.Threading.Tasks", "Task") || IsType(getter.ContainingType, "System.Threading.Tasks", "ValueTask"));

        private static bool IsBlockingWait(IMethodSymbol method)
        {
            var type = method.ContainingType;
            switch (method.Name)
            {
                case "Wait":
                case "WaitAll":
                case "RunSynchronously":
                    return IsType(type, "System.Threading.Tasks", "Task");
                case "GetResult":
                    // task.GetAwaiter().GetResult(), configured or not, of a Task or a ValueTask.
                    return type.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices" && type.Name.EndsWith("Awaiter", StringComparison.Ordinal);
                default:
                    return false;
            }
        }

        private static bool IsParsing(IMethodSymbol method)
        {
            string name = method.Name;
            if (method.IsStatic && (name == "Parse" || name == "ParseExact"))
            {
                return true;
            }

            var type = method.ContainingType;
            string? ns = type.ContainingNamespace?.ToDisplayString();
            switch (ns)
            {
                case "System":
                    return type.Name == "Convert" && (name.StartsWith("FromBase64", StringComparison.Ordinal) || name.StartsWith("FromHex", StringComparison.Ordinal) ||
                        (name.StartsWith("To", StringComparison.Ordinal) && method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_String));
                case "System.Text.Json":
                    return (type.Name == "JsonSerializer" && name.StartsWith("Deserialize", StringComparison.Ordinal)) ||
                        (type.Name == "Utf8JsonReader" && (name == "Read" || name == "Skip" || name.StartsWith("Get", StringComparison.Ordinal)));
                case "Newtonsoft.Json":
                    return name.StartsWith("Deserialize", StringComparison.Ordinal) || name == "Read";
                case "System.Xml":
                case "System.Xml.Linq":
                    return name == "Load" || name == "LoadXml" || name.StartsWith("Read", StringComparison.Ordinal);
                default:
                    return name == "Deserialize" || name == "ReadObject";
            }
        }

        /// <summary>The kind of I/O a type does, from it or its base types; null for a type that does none.</summary>
        private static string? IOKind(INamedTypeSymbol? type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                string? ns = current.ContainingNamespace?.ToDisplayString();
                switch (ns)
                {
                    case "System.IO":
                        switch (current.Name)
                        {
                            case "Stream":
                            case "TextReader":
                            case "TextWriter":
                            case "BinaryReader":
                            case "BinaryWriter":
                                return "stream";
                            case "File":
                            case "Directory":
                            case "FileSystemInfo":
                                return "file";
                        }

                        break;
                    case "System.IO.Pipelines":
                        if (current.Name == "PipeReader" || current.Name == "PipeWriter")
                        {
                            return "pipe";
                        }

                        break;
                    case "System.Net.Sockets":
                        if (current.Name == "Socket" || current.Name == "TcpClient" || current.Name == "UdpClient" || current.Name == "TcpListener")
                        {
                            return "socket";
                        }

                        break;
                    case "System.Net.WebSockets":
                        if (current.Name == "WebSocket")
                        {
                            return "socket";
                        }

                        break;
                    case "System.Net.Http":
                        if (current.Name == "HttpClient" || current.Name == "HttpMessageInvoker" || current.Name == "HttpContent")
                        {
                            return "network";
                        }

                        break;
                }
            }

            return null;
        }

        private static bool IsType(INamedTypeSymbol? type, string ns, string name) =>
            type != null && type.Name == name && type.ContainingNamespace?.ToDisplayString() == ns;
    }
}
