using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Rules
{
    /// <summary>Every diagnostic the package reports, built where release tracking can see it.</summary>
    public static class Descriptors
    {
        private const string Category = "Reliability";

        public static readonly DiagnosticDescriptor NotReleasedOnPath = new DiagnosticDescriptor(
            RuleIds.NotReleasedOnPath,
            "Reference not released on this path",
            "The {0} reference in '{1}', acquired by '{2}', is not released on this path{3}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Every path out of a method must release the reference it acquired, or hand it on (return it, store it, pass it to a releasing member).",
            helpLinkUri: HelpLinks.For(RuleIds.NotReleasedOnPath));

        public static readonly DiagnosticDescriptor ReleasedTwice = new DiagnosticDescriptor(
            RuleIds.ReleasedTwice,
            "Reference released twice",
            "The {0} reference in '{1}' is released a second time{2}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A reference is released once; a second release gives back a reference that somebody else holds.",
            helpLinkUri: HelpLinks.For(RuleIds.ReleasedTwice));

        public static readonly DiagnosticDescriptor UsedAfterRelease = new DiagnosticDescriptor(
            RuleIds.UsedAfterRelease,
            "Reference used after release",
            "'{1}' is used after its {0} reference was released{2}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Once released, the object may be freed or reused; it must not be touched again.",
            helpLinkUri: HelpLinks.For(RuleIds.UsedAfterRelease));

        public static readonly DiagnosticDescriptor ReleaseNotHeld = new DiagnosticDescriptor(
            RuleIds.ReleaseNotHeld,
            "Release of a reference that is not held",
            "'{1}' holds no {0} reference here ({2}); releasing it is an error",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Releasing after a failed acquire, or releasing null, underflows the count or throws.",
            helpLinkUri: HelpLinks.For(RuleIds.ReleaseNotHeld));

        public static readonly DiagnosticDescriptor Discarded = new DiagnosticDescriptor(
            RuleIds.Discarded,
            "Acquired reference discarded",
            "The {0} reference acquired by '{1}' is discarded and can never be released",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A reference that is not stored anywhere can never be released.",
            helpLinkUri: HelpLinks.For(RuleIds.Discarded));

        public static readonly DiagnosticDescriptor OverwrittenWhileHeld = new DiagnosticDescriptor(
            RuleIds.OverwrittenWhileHeld,
            "Variable holding an unreleased reference is overwritten",
            "'{1}' is overwritten while it holds the unreleased {0} reference acquired by '{2}'",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Overwriting the only variable that holds a reference loses it for good.",
            helpLinkUri: HelpLinks.For(RuleIds.OverwrittenWhileHeld));

        public static readonly DiagnosticDescriptor FieldNeverReleased = new DiagnosticDescriptor(
            RuleIds.FieldNeverReleased,
            "Reference stored in a field is never released",
            "The {0} reference stored in '{1}' is never released by any code in the compilation",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A type that keeps a reference in a field needs a member (release, close, dispose) that releases it.",
            helpLinkUri: HelpLinks.For(RuleIds.FieldNeverReleased),
            customTags: WellKnownDiagnosticTags.CompilationEnd); // every release in the compilation must be seen first

        public static readonly DiagnosticDescriptor AnnotationBroken = new DiagnosticDescriptor(
            RuleIds.AnnotationBroken,
            "Member breaks its own acquire/release annotation",
            "'{0}' breaks its annotation: {1}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A wrapper annotated [Releases] must release that parameter on every path; one annotated [Acquires] must hand a held reference to its caller whenever it reports success.",
            helpLinkUri: HelpLinks.For(RuleIds.AnnotationBroken));

        public static readonly DiagnosticDescriptor InferredContract = new DiagnosticDescriptor(
            RuleIds.InferredContract,
            "Public wrapper's contract is only inferred",
            "'{0}' {1}; callers in other assemblies see this only if it is declared: {2}",
            Category,
            DiagnosticSeverity.Info,
            isEnabledByDefault: true,
            description: "The analyzer infers the contract of a wrapper from its body for callers in the same compilation; callers in other assemblies see only declared contracts.",
            helpLinkUri: HelpLinks.For(RuleIds.InferredContract));

        public static readonly DiagnosticDescriptor BadConfiguration = new DiagnosticDescriptor(
            RuleIds.BadConfiguration,
            "Invalid acquire/release configuration",
            "{0}: {1}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A line of vfio_analyzers.pairs.txt that cannot be read, or names a member or parameter that does not exist, declares nothing; the pair it meant is not checked.",
            helpLinkUri: HelpLinks.For(RuleIds.BadConfiguration));

        /// <summary>
        /// VFIO900 for an option value: an .editorconfig value has no location the compiler knows, so it is reported
        /// without one, when the compilation ends (IDEs show it only with full-solution analysis).
        /// </summary>
        public static readonly DiagnosticDescriptor BadOption = new DiagnosticDescriptor(
            RuleIds.BadConfiguration,
            "Invalid acquire/release configuration",
            "{0}: {1}",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "A vfio_analyzers.* option value that cannot be read is ignored and the option's default applies.",
            helpLinkUri: HelpLinks.For(RuleIds.BadConfiguration),
            customTags: WellKnownDiagnosticTags.CompilationEnd);
    }
}
