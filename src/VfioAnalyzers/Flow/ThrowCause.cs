namespace VfioAnalyzers.Flow
{
    /// <summary>The call (getter, await) whose exception leaves the body, and why it may throw: for the message.</summary>
    internal sealed class ThrowCause
    {
        public ThrowCause(string call, string? reason)
        {
            Call = call;
            Reason = reason;
        }

        public string Call { get; }

        /// <summary>Why it may throw ("it throws 'IOException'"); null where every call counts.</summary>
        public string? Reason { get; }

        /// <summary>The message's closing words, with the branch taken if there is one: " (when 'ok' is true, if 'Send()' throws: ...)".</summary>
        public string Describe(BranchNote? branch)
        {
            string clause = Reason == null ? $"if '{Call}' throws" : $"if '{Call}' throws: {Reason}";
            string? taken = branch?.Describe();
            return string.IsNullOrEmpty(taken) ? $" ({clause})" : $"{taken!.Substring(0, taken.Length - 1)}, {clause})";
        }
    }
}
