using System;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Flow
{
    /// <summary>Swallows findings: for inlined local functions and helper summaries, whose effects matter but whose findings belong elsewhere.</summary>
    internal sealed class NullFindingSink : IFindingSink
    {
        public static readonly NullFindingSink Instance = new NullFindingSink();

        public void Leak(ResourceSite site, Location exit, string name, BranchNote? branch, ThrowCause? cause = null) { }

        public void ReleasedTwice(ResourceSite site, IOperation release, string name, IOperation? firstRelease) { }

        public void UsedAfterRelease(ResourceSite site, IOperation use, string name) { }

        public void ReleaseNotHeld(string kind, IOperation release, string name, string why) { }

        public void Discarded(ResourceSite site) { }

        public void Overwritten(ResourceSite site, IOperation assignment, string name) { }

        public void FieldStored(ResourceSite site, IFieldSymbol field, IOperation assignment) { }

        public void FieldReleased(IFieldSymbol field) { }

        public void FieldGivenTo(IFieldSymbol field, IMethodSymbol helper, int ordinal) { }

        public void ParameterNotReleased(ResourceSite entry, Location exit, BranchNote? branch) { }

        public void AcquireNotHanded(IMethodSymbol member, ISymbol annotated, string kind, Location exit, string why) { }

        public void HandedOn(ResourceSite site) { }

        public void PathAtExit(Func<Location> exit, FlowState state) { }

        public void PathAt(IOperation place, FlowState state) { }

        public void PathAtJump(Func<Location> jump, FlowState state) { }
    }
}
