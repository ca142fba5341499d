using System;
using System.Collections.Generic;
using System.Text;

namespace VfioAnalyzers.Benchmarks
{
    /// <summary>
    /// Writes realistic corpora: methods that acquire and release a VFIO group in the shapes real drivers use
    /// (clean and leaking), the same shapes with an IDisposable handle for CA2000, and ordinary filler methods.
    /// </summary>
    internal static class CorpusGenerator
    {
        public const int Shapes = 6;

        public const string Api = """
            #nullable enable
            using System;
            using System.Diagnostics.CodeAnalysis;
            using Vfio.Annotations;
            namespace Vfio.Annotations
            {
                [AttributeUsage(AttributeTargets.Method | AttributeTargets.ReturnValue | AttributeTargets.Parameter)]
                internal sealed class AcquiresAttribute : Attribute { public AcquiresAttribute(string kind) { } }
                [AttributeUsage(AttributeTargets.Parameter)]
                internal sealed class ReleasesAttribute : Attribute { public ReleasesAttribute(string kind) { } }
            }
            namespace Vfio
            {
                public enum Errno { EINVAL = 22 }
                public sealed class VfioGroup { public int Id { get; } }
                public sealed class VfioGroupFile { }
                public sealed class VfioException : Exception { public VfioException(Errno e) { } }
                public sealed class VfioCore
                {
                    [Acquires("vfio-group")] public VfioGroup GetExternalUser(VfioGroupFile file) => new VfioGroup();
                    public bool TryGetExternalUser(VfioGroupFile file, [Acquires("vfio-group")][NotNullWhen(true)] out VfioGroup? group, out Errno error) { group = new VfioGroup(); error = 0; return true; }
                    public void PutExternalUser([Releases("vfio-group")] VfioGroup group) { }
                    public int ExternalUserIommuId(VfioGroup group) => group.Id;
                }
                public sealed class Handle : IDisposable
                {
                    public Handle(VfioGroupFile file) { }
                    public int Id => 1;
                    public static Handle? TryOpen(VfioGroupFile file) => new Handle(file);
                    public void Dispose() { }
                }
            }
            """;

        /// <summary>The same types with no annotation anywhere: what a project that uses no annotated API compiles.</summary>
        public static string PlainApi =>
            System.Text.RegularExpressions.Regex.Replace(
                Api.Replace("using Vfio.Annotations;", string.Empty),
                @"namespace Vfio\.Annotations\s*\{.*?\n\}\s*\n|\[(Acquires|Releases)\(""[^""]*""\)\]",
                string.Empty,
                System.Text.RegularExpressions.RegexOptions.Singleline);

        /// <summary>
        /// <paramref name="methods"/> methods, one class of a hundred per file as real projects are laid out; every
        /// <paramref name="acquireEvery"/>th method acquires (0: none).
        /// </summary>
        public static string[] Corpus(int methods, int acquireEvery, bool disposable)
        {
            var files = new List<string>();
            for (int first = 0; first < methods; first += 100)
            {
                var text = new StringBuilder(100 * 400);
                text.AppendLine("using System; using System.Collections.Generic; using Vfio;");
                text.AppendLine($"namespace Corpus {{ public sealed class Driver{first / 100} {{ private readonly List<int> _log = new List<int>();");
                for (int i = first; i < Math.Min(first + 100, methods); i++)
                {
                    if (acquireEvery > 0 && i % acquireEvery == 0)
                    {
                        int shape = i / acquireEvery;
                        text.AppendLine(disposable ? DisposableShape(i, shape) : AcquireShape(i, shape));
                    }
                    else
                    {
                        text.AppendLine(Filler(i));
                    }
                }

                text.AppendLine("}}");
                files.Add(text.ToString());
            }

            return files.ToArray();
        }

        private static string AcquireShape(int i, int shape) => (shape % Shapes) switch
        {
            0 => $$"""
                public int M{{i}}(VfioCore core, VfioGroupFile file) {
                    var group = core.GetExternalUser(file);
                    try { int id = core.ExternalUserIommuId(group); if (id < 0) return -22; _log.Add(id); return id; }
                    finally { core.PutExternalUser(group); } }
                """,
            1 => $$"""
                public int M{{i}}(VfioCore core, VfioGroupFile file) {
                    if (!core.TryGetExternalUser(file, out var group, out var error)) return -(int)error;
                    int id = core.ExternalUserIommuId(group);
                    core.PutExternalUser(group);
                    return id; }
                """,
            2 => $$"""
                public int M{{i}}(VfioCore core, VfioGroupFile file, int mode) {
                    int ret = 0;
                    var group = core.GetExternalUser(file);
                    if (mode == 1) { ret = -22; goto out_put; }
                    if (mode == 2) { ret = -16; goto out_put; }
                    _log.Add(core.ExternalUserIommuId(group));
                out_put:
                    core.PutExternalUser(group);
                    return ret; }
                """,
            3 => $$"""
                public int M{{i}}(VfioCore core, VfioGroupFile file, bool ok) {
                    var group = core.GetExternalUser(file);
                    if (!ok) return -19;
                    int id = core.ExternalUserIommuId(group);
                    core.PutExternalUser(group);
                    return id; }
                """,
            4 => $$"""
                public int M{{i}}(VfioCore core, VfioGroupFile file, int[] items) {
                    var group = core.GetExternalUser(file);
                    int sum = 0;
                    foreach (var item in items) { if (item < 0) continue; sum += item * core.ExternalUserIommuId(group); }
                    core.PutExternalUser(group);
                    return sum; }
                """,
            _ => $$"""
                public int M{{i}}(VfioCore core, VfioGroupFile file, int limit) {
                    var group = core.GetExternalUser(file);
                    int id = core.ExternalUserIommuId(group);
                    if (id > limit) throw new VfioException(Errno.EINVAL);
                    core.PutExternalUser(group);
                    return id; }
                """,
        };

        private static string DisposableShape(int i, int shape) => (shape % Shapes) switch
        {
            0 => $$"""
                public int M{{i}}(VfioGroupFile file) {
                    var handle = new Handle(file);
                    try { int id = handle.Id; if (id < 0) return -22; _log.Add(id); return id; }
                    finally { handle.Dispose(); } }
                """,
            1 => $$"""
                public int M{{i}}(VfioGroupFile file) {
                    var handle = Handle.TryOpen(file);
                    if (handle == null) return -22;
                    int id = handle.Id;
                    handle.Dispose();
                    return id; }
                """,
            2 => $$"""
                public int M{{i}}(VfioGroupFile file, int mode) {
                    int ret = 0;
                    var handle = new Handle(file);
                    if (mode == 1) { ret = -22; goto out_put; }
                    if (mode == 2) { ret = -16; goto out_put; }
                    _log.Add(handle.Id);
                out_put:
                    handle.Dispose();
                    return ret; }
                """,
            3 => $$"""
                public int M{{i}}(VfioGroupFile file, bool ok) {
                    var handle = new Handle(file);
                    if (!ok) return -19;
                    int id = handle.Id;
                    handle.Dispose();
                    return id; }
                """,
            4 => $$"""
                public int M{{i}}(VfioGroupFile file, int[] items) {
                    var handle = new Handle(file);
                    int sum = 0;
                    foreach (var item in items) { if (item < 0) continue; sum += item * handle.Id; }
                    handle.Dispose();
                    return sum; }
                """,
            _ => $$"""
                public int M{{i}}(VfioGroupFile file, int limit) {
                    var handle = new Handle(file);
                    int id = handle.Id;
                    if (id > limit) throw new VfioException(Errno.EINVAL);
                    handle.Dispose();
                    return id; }
                """,
        };

        private static string Filler(int i) => (i % 4) switch
        {
            0 => $$"""
                public string M{{i}}(string name, int count) {
                    var text = new System.Text.StringBuilder();
                    for (int k = 0; k < count; k++) { if (k % 3 == 0) text.Append(name); else text.Append(k); }
                    return text.ToString(); }
                """,
            1 => $$"""
                public int M{{i}}(int[] values) {
                    int best = int.MinValue;
                    foreach (var v in values) { if (v > best) best = v; else if (v == best) _log.Add(v); }
                    return best; }
                """,
            2 => $$"""
                public double M{{i}}(double x, double y) {
                    switch ((int)x % 3) { case 0: return Math.Sqrt(x * x + y * y); case 1: return x - y; default: return y > 0 ? x / y : 0; }
                }
                """,
            _ => $$"""
                public bool M{{i}}(Dictionary<string, int> map, string key) {
                    if (!map.TryGetValue(key, out var value)) { map[key] = 1; return false; }
                    map[key] = value + 1;
                    return value > 10; }
                """,
        };

        /// <summary>
        /// Like <see cref="Corpus"/>, but every filler method also calls members of an unrelated type of its own,
        /// named like the dotnet preset's (<c>Rent</c>, <c>Return</c>, <c>Release</c>, <c>Wait</c>, <c>Enter</c>,
        /// <c>Exit</c>, <c>Free</c>) when <paramref name="lookAlikeNames"/> is set, or named otherwise: the names alone
        /// must not make the analyzer bind those bodies. The calls are spelled every way real code spells them.
        /// </summary>
        public static string[] LookAlikeCorpus(int methods, int acquireEvery, bool lookAlikeNames)
        {
            string[] names = lookAlikeNames
                ? new[] { "Rent", "Return", "Release", "Wait", "Enter", "Exit", "Free" }
                : new[] { "Take", "Give", "Drop", "Poll", "Join", "Leave", "Clear" };
            var files = new List<string>();
            for (int first = 0; first < methods; first += 100)
            {
                int file = first / 100;
                var text = new StringBuilder(100 * 400);
                text.AppendLine("using System; using System.Collections.Generic; using Vfio;");
                text.AppendLine($$"""
                    namespace Corpus {
                    public sealed class Stash{{file}} {
                        public int[] {{names[0]}}(int size) => new int[size];
                        public void {{names[1]}}(int[] array) { }
                        public int {{names[2]}}() => 1;
                        public bool {{names[3]}}(int timeout) => timeout > 0;
                        public static void {{names[4]}}(object gate) { }
                        public static void {{names[5]}}(object gate) { }
                        public void {{names[6]}}() { }
                    }
                    public sealed class Driver{{file}} {
                        private readonly List<int> _log = new List<int>();
                        private readonly Stash{{file}} _stash = new Stash{{file}}();
                        private Stash{{file}} Current => _stash;
                        private void {{names[6]}}() { _log.Clear(); }
                    """);
                for (int i = first; i < Math.Min(first + 100, methods); i++)
                {
                    text.AppendLine(acquireEvery > 0 && i % acquireEvery == 0 ? AcquireShape(i, i / acquireEvery) : LookAlikeFiller(i, file, names));
                }

                text.AppendLine("}}");
                files.Add(text.ToString());
            }

            return files.ToArray();
        }

        private static string LookAlikeFiller(int i, int file, string[] n) => (i % 4) switch
        {
            0 => $$"""
                public int M{{i}}(int count) {
                    var buffer = _stash.{{n[0]}}(count);
                    for (int k = 0; k < buffer.Length; k++) { buffer[k] = k * count; }
                    int sum = buffer.Length > 0 ? buffer[0] : 0;
                    _stash.{{n[1]}}(buffer);
                    return sum; }
                """,
            1 => $$"""
                public int M{{i}}(Stash{{file}} stash, int timeout) {
                    if (!stash.{{n[3]}}(timeout)) { _log.Add(timeout); return -1; }
                    try { return _log.Count; }
                    finally { stash.{{n[2]}}(); } }
                """,
            2 => $$"""
                public void M{{i}}(object gate, int value) {
                    Stash{{file}}.{{n[4]}}(gate);
                    try { if (value > 0) _log.Add(value); else {{n[6]}}(); }
                    finally { Stash{{file}}.{{n[5]}}(gate); } }
                """,
            _ => $$"""
                public int M{{i}}(int size) {
                    var local = new Stash{{file}}();
                    var taken = local.{{n[0]}}(size);
                    Current.{{n[1]}}(taken);
                    local.{{n[6]}}();
                    return taken.Length; }
                """,
        };

        /// <summary>One body with <paramref name="count"/> sequential branches between an acquire and its put.</summary>
        public static string SequentialBranches(int count)
        {
            var text = new StringBuilder("using Vfio; class P { int M(VfioCore core, VfioGroupFile file, int[] v) { var g = core.GetExternalUser(file); int s = 0;\n");
            for (int i = 0; i < count; i++)
            {
                text.AppendLine($"if (v[{i % 16}] > {i}) s += {i}; else s -= 1;");
            }

            return text.Append("core.PutExternalUser(g); return s; } }").ToString();
        }

        /// <summary>One body with <paramref name="depth"/> nested loops and try blocks around an acquire.</summary>
        public static string NestedLoopsAndTries(int depth)
        {
            var text = new StringBuilder("using Vfio; class P { int M(VfioCore core, VfioGroupFile file, int n) { int s = 0;\n");
            for (int i = 0; i < depth; i++)
            {
                text.AppendLine(i % 2 == 0 ? $"for (int i{i} = 0; i{i} < n; i{i}++) {{" : "try {");
            }

            text.AppendLine("var g = core.GetExternalUser(file); if (n > 3) { core.PutExternalUser(g); continue; } s += core.ExternalUserIommuId(g); core.PutExternalUser(g);");
            for (int i = depth - 1; i >= 0; i--)
            {
                text.AppendLine(i % 2 == 0 ? "}" : "} finally { s++; }");
            }

            return text.Append("return s; } }").ToString();
        }

        /// <summary>One body with <paramref name="labels"/> goto labels, kernel unwind style.</summary>
        public static string GotoLabels(int labels)
        {
            var text = new StringBuilder("using Vfio; class P { int M(VfioCore core, VfioGroupFile file, int[] v) { int ret = 0; var g = core.GetExternalUser(file);\n");
            for (int i = 0; i < labels; i++)
            {
                text.AppendLine($"if (v[{i % 16}] == {i}) {{ ret = -{i}; goto err{i}; }}");
            }

            text.AppendLine("return core.ExternalUserIommuId(g) + 0 * ret;");
            for (int i = labels - 1; i >= 0; i--)
            {
                text.AppendLine($"err{i}: ret -= 1;");
            }

            return text.Append("core.PutExternalUser(g); return ret; } }").ToString();
        }
    }
}
