using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>SFZ v2 controller-route shaping: <c>*_smoothccN</c> and <c>*_stepccN</c> by (target, controller).</summary>
internal sealed partial class SfzRegionDraft
{
    /// <summary>*_smoothccN: milliseconds of smoothing per (target, controller) route.</summary>
    public SortedDictionary<(ModulationTarget Target, int Controller), double> CcSmoothMs { get; } = [];

    /// <summary>*_stepccN: step size, in the target's unit, per (target, controller) route.</summary>
    public SortedDictionary<(ModulationTarget Target, int Controller), double> CcSteps { get; } = [];

    /// <summary>A route with the smoothing and step its region gives it; a smoothcc or stepcc without an oncc route does nothing.</summary>
    private CcModulation WithSmoothing(CcModulation route)
    {
        var key = (route.Target, route.Controller);
        return route with { SmoothMs = CcSmoothMs.GetValueOrDefault(key), Step = CcSteps.GetValueOrDefault(key) };
    }
}
