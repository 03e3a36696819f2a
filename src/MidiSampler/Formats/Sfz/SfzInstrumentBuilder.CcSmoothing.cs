using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// SFZ v2 / ARIA controller-route shaping: <c>volume_smoothccN</c>, <c>pitch_stepccN</c> and the like, for the routes
/// <c>*_onccN</c> plays (see <see cref="CcModulation.SmoothMs"/> and <see cref="CcModulation.Step"/>).
/// </summary>
internal sealed partial class SfzInstrumentBuilder
{
    // sfz.org gives the smoothing in milliseconds without an upper bound; ten seconds is far past any musical use
    // (sfz.org: "past 100 ms … a noticeable lag", e.g. guitar feedback) and keeps a typo from freezing a route.
    private const double MaxSmoothMs = 10_000;

    /// <summary>
    /// <c>{target}_smoothccN</c> / <c>{target}_stepccN</c>: stored by (target, controller) and joined to the route when the
    /// region is built. False when <paramref name="prefix"/> is neither.
    /// </summary>
    private bool ApplyCcShaping(SfzRegionDraft d, SfzOpcode op, string prefix, int n)
    {
        bool smooth = prefix.EndsWith("_smoothcc", StringComparison.Ordinal);
        if (!smooth && !prefix.EndsWith("_stepcc", StringComparison.Ordinal))
            return false;
        string target = prefix[..prefix.LastIndexOf('_')];
        // The step's bound is the route's own (as sfizz bounds it): a step larger than any depth the route may have
        // would hold it at 0 for good.
        (ModulationTarget Target, double MaxStep)? route = target switch
        {
            "volume" => (ModulationTarget.VolumeDb, 144),
            "amplitude" => (ModulationTarget.AmplitudePercent, 1000),
            "pan" => (ModulationTarget.PanPercent, 200),
            "pitch" or "tune" => (ModulationTarget.PitchCents, 9600),
            "cutoff" => (ModulationTarget.CutoffCents, 9600),
            "resonance" => (ModulationTarget.ResonanceDb, 40),
            "width" => (ModulationTarget.WidthPercent, 200),
            "position" => (ModulationTarget.PositionPercent, 200),
            _ => null,
        };
        if (route is not var (t, maxStep))
            return false;
        if (smooth)
        {
            d.CcSmoothMs[(t, n)] = Clamped(op, 0, MaxSmoothMs, d.CcSmoothMs.GetValueOrDefault((t, n)));
            if (d.CcSmoothMs.Count(p => p.Value > 0) > EngineLimits.MaxSmoothedCcRoutes)
            {
                Warn(op.Location, $"'{op.Name}': a region glides at most {EngineLimits.MaxSmoothedCcRoutes} controller routes; " +
                    "further routes follow their controller at once");
            }
        }
        else
            d.CcSteps[(t, n)] = Clamped(op, 0, maxStep, d.CcSteps.GetValueOrDefault((t, n)));
        return true;
    }
}
