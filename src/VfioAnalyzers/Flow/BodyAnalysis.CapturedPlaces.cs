using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static VfioAnalyzers.Flow.OperationWrappers;

namespace VfioAnalyzers.Flow
{
    /// <summary>
    /// The lowered graph captures the target of <c>g ??= Get(f)</c> (a local, parameter or field) and assigns through
    /// the capture: a store into that capture is a store into the variable or field it names.
    /// </summary>
    internal sealed partial class BodyAnalysis
    {
        private Dictionary<CaptureId, IOperation>? _capturedPlaces;

        /// <summary>Remembers what a capture names when it captures a variable or field itself, not a value computed from it.</summary>
        private void NoteCapturedPlace(IFlowCaptureOperation capture)
        {
            switch (Strip(capture.Value))
            {
                case ILocalReferenceOperation _:
                case IParameterReferenceOperation _:
                case IFieldReferenceOperation _:
                    (_capturedPlaces ??= new Dictionary<CaptureId, IOperation>())[capture.Id] = capture.Value;
                    break;
            }
        }

        private bool TryGetCapturedPlace(IOperation target, out IOperation place)
        {
            place = null!;
            return target is IFlowCaptureReferenceOperation reference && _capturedPlaces != null && _capturedPlaces.TryGetValue(reference.Id, out place!);
        }
    }
}
