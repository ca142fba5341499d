using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using VfioAnalyzers.Reporting;

namespace VfioAnalyzers.CodeFixes.Editing
{
    /// <summary>
    /// What the analyzer saw the paths through the reported place hold in the variable (the <c>Paths</c> property):
    /// whether a release added there is right for every path, right under a null test, or wrong for some path.
    /// </summary>
    internal sealed class PathsHere
    {
        private readonly HashSet<string> _kinds;

        private PathsHere(IEnumerable<string> kinds) => _kinds = new HashSet<string>(kinds);

        public static PathsHere From(Diagnostic diagnostic) =>
            Parse(diagnostic.Properties.TryGetValue(ReleaseHint.PathsKey, out var text) ? text : null);

        /// <summary>The paths as the analyzer writes them (<c>held,null</c>).</summary>
        public static PathsHere Parse(string? text) =>
            new PathsHere(!string.IsNullOrEmpty(text) ? text!.Split(',') : Enumerable.Empty<string>());

        /// <summary>Some path holds the reference here.</summary>
        public bool SomeHeld => _kinds.Contains(ReleaseHint.PathHeld);

        /// <summary>Some path holds null, or the result of an acquire that failed.</summary>
        public bool SomeNullOrFailed => _kinds.Contains(ReleaseHint.PathNull) || _kinds.Contains(ReleaseHint.PathFailed);

        /// <summary>Some path holds the result of a failed acquire: only the compiler's null state tells it from a held one.</summary>
        public bool SomeFailed => _kinds.Contains(ReleaseHint.PathFailed);

        /// <summary>Every path holds the reference, null or a failed acquire's result: nothing released, handed on or unknown.</summary>
        public bool OnlyHeldOrNull => _kinds.Count > 0 && _kinds.All(k => k == ReleaseHint.PathHeld || k == ReleaseHint.PathNull || k == ReleaseHint.PathFailed);

        /// <summary>Every path holds the reference already released.</summary>
        public bool OnlyReleased => _kinds.Count == 1 && _kinds.Contains(ReleaseHint.PathReleased);

        /// <summary>Every path holds the reference released, or held: a release here is the first on some path, the second on others.</summary>
        public bool OnlyReleasedOrHeld => _kinds.Count > 0 && _kinds.All(k => k == ReleaseHint.PathReleased || k == ReleaseHint.PathHeld);

        /// <summary>No path holds the reference: every one holds null or a failed acquire's result.</summary>
        public bool OnlyNullOrFailed => _kinds.Count > 0 && !SomeHeld && _kinds.All(k => k == ReleaseHint.PathNull || k == ReleaseHint.PathFailed);
    }
}
