using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace VfioAnalyzers.PackageTests
{
    /// <summary>
    /// The VFIO rule descriptors a SARIF 2.1 log describes, with whether each carries the CompilationEnd tag: the
    /// compiler writes every descriptor of the loaded analyzers (and each other descriptor it reported) with its tags.
    /// </summary>
    internal static class SarifRules
    {
        public static List<(string Id, bool CompilationEnd)> Read(string sarifPath)
        {
            using JsonDocument log = JsonDocument.Parse(File.ReadAllText(sarifPath));
            var rules = new List<(string, bool)>();
            foreach (JsonElement rule in log.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray())
            {
                string id = rule.GetProperty("id").GetString() ?? string.Empty;
                if (!id.StartsWith("VFIO", StringComparison.Ordinal))
                {
                    continue;
                }

                bool compilationEnd = rule.TryGetProperty("properties", out JsonElement properties)
                    && properties.TryGetProperty("tags", out JsonElement tags)
                    && tags.EnumerateArray().Any(t => t.GetString() == "CompilationEnd");
                rules.Add((id, compilationEnd));
            }

            return rules;
        }
    }
}
