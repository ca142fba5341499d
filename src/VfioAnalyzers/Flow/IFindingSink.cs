using System;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Flow
{
    /// <summary>What the flow analysis finds, in its own terms; the reporting side turns findings into diagnostics.</summary>
    internal interface IFindingSink
    {
        void Leak(ResourceSite site, Location exit, string name, BranchNote? branch, ThrowCause? cause = null);

        void ReleasedTwice(ResourceSite site, IOperation release, string name, IOperation? firstRelease);

        void UsedAfterRelease(ResourceSite site, IOperation use, string name);

        void ReleaseNotHeld(string kind, IOperation release, string name, string why);

        void Discarded(ResourceSite site);

        void Overwritten(ResourceSite site, IOperation assignment, string name);

        void FieldStored(ResourceSite site, IFieldSymbol field, IOperation assignment);

        void FieldReleased(IFieldSymbol field);

        /// <summary>
        /// A field's value is given to a helper in source: it counts as released from the field (VFIO007) if the helper
        /// releases or keeps that parameter, which is only asked when the field would otherwise be reported.
        /// </summary>
        void FieldGivenTo(IFieldSymbol field, IMethodSymbol helper, int ordinal);

        void ParameterNotReleased(ResourceSite entry, Location exit, BranchNote? branch);

        void AcquireNotHanded(IMethodSymbol member, ISymbol annotated, string kind, Location exit, string why);

        /// <summary>A path hands the reference on (returns or stores it): a fix must not release it on every path.</summary>
        void HandedOn(ResourceSite site);

        /// <summary>
        /// A path reaches <paramref name="exit"/> (an exit of the body or the end of a scope) in <paramref name="state"/>.
        /// What every path through a reported exit holds tells a fix whether a release added there is right.
        /// </summary>
        void PathAtExit(Func<Location> exit, FlowState state);

        /// <summary>A path reaches <paramref name="place"/> (an assignment to a local, a release) in <paramref name="state"/>, as <see cref="PathAtExit"/>.</summary>
        void PathAt(IOperation place, FlowState state);

        /// <summary>
        /// A path takes the <c>goto</c> at <paramref name="jump"/> in <paramref name="state"/>: a leak at the label's exit
        /// is fixed before the gotos that bring the reference there, when the label is reached otherwise too.
        /// </summary>
        void PathAtJump(Func<Location> jump, FlowState state);
    }
}
