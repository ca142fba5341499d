namespace VfioAnalyzers.Rules
{
    /// <summary>The one place that turns a rule id into its documentation page.</summary>
    public static class HelpLinks
    {
        private const string RulesBase = "https://github.com/vfioanalyzers/vfioanalyzers/blob/main/docs/rules/";

        public static string For(string id) => RulesBase + id + ".md";
    }
}
