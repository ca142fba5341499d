namespace VfioAnalyzers.Options
{
    /// <summary>
    /// An option value that cannot be read. It has no place in a file the compiler knows (editorconfig sections and
    /// global configs are not locations), so it becomes a VFIO900 without a location, made when the compilation ends;
    /// <see cref="Subject"/> says where the value was set instead.
    /// </summary>
    internal readonly struct OptionProblem
    {
        public OptionProblem(string subject, string message)
        {
            Subject = subject;
            Message = message;
        }

        /// <summary>The option and where it was set: <c>option 'KEY' (set for 'File.cs')</c>.</summary>
        public string Subject { get; }

        /// <summary>As the user's input made it: escaped and cut once, where the diagnostic is made.</summary>
        public string Message { get; }

        /// <summary>The subject of a problem with <paramref name="key"/>, set for <paramref name="treePath"/>, or in a global config when null.</summary>
        public static string SubjectFor(string key, string? treePath) =>
            treePath == null
                ? $"option '{key}' (set in a global analyzer config)"
                : $"option '{key}' (set by an .editorconfig section for '{System.IO.Path.GetFileName(treePath)}')";
    }
}
