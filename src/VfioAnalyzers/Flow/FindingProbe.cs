using System;
using Microsoft.CodeAnalysis;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// Notes whether a silent run found anything: every finding sets <see cref="Found"/>; a path's own records (where
    /// it passes) are dropped. An exception path is probed with it before the call that raises is judged (see
    /// <c>BodyAnalysis.NeedsVerdict</c>). A release of a field's value is code that releases the field, whichever path
    /// reaches it: that is passed on to the body's sink (VFIO007 asks whether any code releases the field).
    /// </summary>
    internal sealed class FindingProbe : IFindingSink
    {
        private readonly IFindingSink _fields;

        public FindingProbe(IFindingSink fields) => _fields = fields;

        public bool Found { get; private set; }

        public void Leak(ResourceSite site, Location exit, string name, BranchNote? branch, ThrowCause? cause = null) => Found = true;

        public void ReleasedTwice(ResourceSite site, IOperation release, string name, IOperation? firstRelease) => Found = true;

        public void UsedAfterRelease(ResourceSite site, IOperation use, string name) => Found = true;

        public void ReleaseNotHeld(string kind, IOperation release, string name, string why) => Found = true;

        public void Discarded(ResourceSite site) => Found = true;

        public void Overwritten(ResourceSite site, IOperation assignment, string name) => Found = true;

        public void FieldStored(ResourceSite site, IFieldSymbol field, IOperation assignment) => Found = true;

        public void FieldReleased(IFieldSymbol field) => _fields.FieldReleased(field);

        public void FieldGivenTo(IFieldSymbol field, IMethodSymbol helper, int ordinal) => _fields.FieldGivenTo(field, helper, ordinal);

        public void ParameterNotReleased(ResourceSite entry, Location exit, BranchNote? branch) => Found = true;

        public void AcquireNotHanded(IMethodSymbol member, ISymbol annotated, string kind, Location exit, string why) => Found = true;

        public void HandedOn(ResourceSite site) => Found = true;

        public void PathAtExit(Func<Location> exit, FlowState state) { }

        public void PathAt(IOperation place, FlowState state) { }

        public void PathAtJump(Func<Location> jump, FlowState state) { }
    }
}
