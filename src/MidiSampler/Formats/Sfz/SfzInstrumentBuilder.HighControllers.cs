using MidiSampler.Model;

namespace MidiSampler.Formats.Sfz;

/// <summary>
/// Controller numbers 142..511 (sfizz keeps 512 controllers; ARIA's extended sources are 128..141). MIDI cannot send
/// them, so only <c>set_ccN</c>/<c>set_hdccN</c>/<c>set_realccN</c> give them a value, which then never changes: a
/// <c>loccN</c>/<c>hiccN</c> condition on one is decided once the whole file is read, with the default at full
/// precision (<c>set_hdcc142=0.1234</c> is 15.67 on the 0..127 scale, not a rounded 16). A region whose condition
/// fails is dropped with a warning; one whose condition holds plays as if it had none. Libraries use such numbers as
/// fixed configuration switches. Routes on them (<c>*_onccN</c> of the region targets, their <c>*_curveccN</c>,
/// <c>offset_onccN</c>, <c>delay_onccN</c>) are folded into the region when it is built: the route's value at the fixed
/// controller value (through its curve, interpolated between the curve's points) is added to the static opcode, which
/// is what sfizz plays for a controller that never moves. Envelope routes (<c>ampeg_/fileg_/pitcheg_*_onccN</c>, their
/// <c>_curveccN</c>, <c>fileg_/pitcheg_depth_onccN</c>) are folded the same way into the envelope's stage or depth;
/// flex-LFO routes on them are refused.
/// </summary>
internal sealed partial class SfzInstrumentBuilder
{
    /// <summary>The highest controller number read (sfizz's config::numCCs is 512).</summary>
    private const int MaxControllerNumber = 511;

    private readonly Dictionary<int, double> _highControllers = [];

    private static bool IsHighController(int controller) => controller is > 141 and <= MaxControllerNumber;

    /// <summary>set_ccN / set_hdccN / set_realccN for N in 142..511: the value on the 0..127 scale, unrounded.</summary>
    private void SetHighController(SfzOpcode op, int controller, bool hd)
    {
        double value = hd ? Clamped(op, 0, 1, double.NaN) * 127 : Clamped(op, 0, 127, double.NaN);
        if (!double.IsNaN(value))
            _highControllers[controller] = value;
    }

    /// <summary>Whether a region's conditions on controllers 142..511 hold for the file's fixed defaults (0 when not set).</summary>
    private bool HighControllerConditionsHold(SfzRegionDraft draft, SfzLocation at)
    {
        foreach (var (controller, (low, high)) in draft.HighCcRanges)
        {
            double value = _highControllers.GetValueOrDefault(controller);
            if (value < low || value > high)
            {
                Warn(at, $"region never plays: controller {controller} is fixed at {value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} "
                    + $"(only set_cc{controller} sets a controller above 127), outside locc{controller}={low}..hicc{controller}={high}; skipped");
                return false;
            }
        }

        return true;
    }

    /// <summary>The route opcodes (without their number) that may name a controller in 142..511.</summary>
    private static readonly HashSet<string> HighRoutePrefixes =
    [
        "volume_oncc", "volume_cc", "gain_oncc", "gain_cc", "amplitude_oncc", "amplitude_cc", "pan_oncc", "pan_cc",
        "pitch_oncc", "tune_oncc", "pitch_cc", "tune_cc", "cutoff_oncc", "cutoff_cc", "resonance_oncc", "resonance_cc",
        "width_oncc", "width_cc", "position_oncc", "position_cc", "amp_veltrack_oncc", "amp_veltrack_cc",
        "amplfo_depthcc", "amplfo_depth_oncc", "amplfo_freqcc", "amplfo_freq_oncc", "pitchlfo_depthcc", "pitchlfo_depth_oncc",
        "pitchlfo_freqcc", "pitchlfo_freq_oncc", "fillfo_depthcc", "fillfo_depth_oncc", "fillfo_freqcc", "fillfo_freq_oncc",
        "volume_curvecc", "amplitude_curvecc", "pan_curvecc", "pitch_curvecc", "tune_curvecc", "cutoff_curvecc",
        "width_curvecc", "position_curvecc", "amp_veltrack_curvecc", "resonance_curvecc",
        "offset_oncc", "offset_cc", "delay_oncc", "delay_cc",
        "fileg_depthcc", "fileg_depth_oncc", "fileg_depth_curvecc", "pitcheg_depthcc", "pitcheg_depth_oncc", "pitcheg_depth_curvecc",
        .. EnvelopeRoutePrefixes(),
    ];

    /// <summary>ampeg_/fileg_/pitcheg_ + delay..release + cc, _oncc, _curvecc: the envelope stage routes.</summary>
    private static IEnumerable<string> EnvelopeRoutePrefixes() =>
        from eg in new[] { "ampeg_", "fileg_", "pitcheg_" }
        from stage in new[] { "delay", "start", "attack", "hold", "decay", "sustain", "release" }
        from form in new[] { "cc", "_oncc", "_curvecc" }
        select eg + stage + form;

    /// <summary>A draft's routes on controllers 142..511, taken out of it (the engine has no such sources).</summary>
    private sealed record FixedRoutes(List<(ModulationTarget Target, double Value)> Targets, long OffsetFrames, double DelaySeconds)
    {
        /// <summary>Envelope routes evaluated: (0 amp, 1 filter, 2 pitch; stage; seconds, percent or cents).</summary>
        public List<(int Envelope, EnvelopeParameter Stage, double Value)> Envelopes { get; } = [];
    }

    /// <summary>Removes the routes on controllers 142..511 from <paramref name="draft"/> and evaluates them at the fixed values.</summary>
    private FixedRoutes? TakeHighControllerRoutes(SfzRegionDraft draft)
    {
        List<(ModulationTarget, double)>? targets = null;
        long offset = 0;
        double delay = 0;
        foreach (var key in draft.CcModulations.Keys.Where(k => IsHighController(k.Controller)).ToList())
        {
            double x = FixedValue(key.Controller, draft.CcCurves.GetValueOrDefault(key, -1));
            (targets ??= []).Add((key.Target, draft.CcModulations[key] * x));
            draft.CcModulations.Remove(key);
        }

        foreach (var key in draft.StartCc.Keys.Where(k => IsHighController(k.Controller)).ToList())
        {
            double v = draft.StartCc[key] * FixedValue(key.Controller, -1);
            if (key.Kind == 0)
                offset += (long)v;
            else
                delay += v;
            draft.StartCc.Remove(key);
            targets ??= [];
        }

        List<(int, EnvelopeParameter, double)>? envelopes = null;
        foreach (var key in draft.EnvelopeCc.Keys.Where(k => IsHighController(k.Controller)).ToList())
        {
            double x = FixedValue(key.Controller, draft.EnvelopeCcCurves.GetValueOrDefault(key, -1));
            (envelopes ??= []).Add((key.Envelope, key.Parameter, draft.EnvelopeCc[key] * x));
            draft.EnvelopeCc.Remove(key);
            targets ??= [];
        }

        foreach (var key in draft.EnvelopeCcCurves.Keys.Where(k => IsHighController(k.Controller)).ToList())
            draft.EnvelopeCcCurves.Remove(key);
        foreach (var key in draft.CcCurves.Keys.Where(k => IsHighController(k.Controller)).ToList())
            draft.CcCurves.Remove(key);
        foreach (var key in draft.CcSmoothMs.Keys.Where(k => IsHighController(k.Controller)).ToList())
            draft.CcSmoothMs.Remove(key); // a fixed value has nothing to glide
        foreach (var key in draft.CcSteps.Keys.Where(k => IsHighController(k.Controller)).ToList())
            draft.CcSteps.Remove(key);
        if (targets is null)
            return null;
        var routes = new FixedRoutes(targets, offset, delay);
        routes.Envelopes.AddRange(envelopes ?? []);
        return routes;
    }

    /// <summary>
    /// Controller <paramref name="controller"/>'s fixed value as a route reads it, 0..1 at full precision, through
    /// <c>&lt;curve&gt;</c> <paramref name="curve"/> (interpolated between its 128 points; -1 for none).
    /// </summary>
    private double FixedValue(int controller, int curve)
    {
        double x = Math.Clamp(_highControllers.GetValueOrDefault(controller) / 127, 0, 1);
        if (curve < 0 || (_curves.GetValueOrDefault(curve) ?? PredefinedCurve(curve)) is not { Length: 128 } table)
            return x;
        double at = x * 127;
        int i = Math.Min((int)at, 126);
        return table[i] + ((table[i + 1] - table[i]) * (at - i));
    }

    /// <summary>Adds the evaluated routes to the region's static opcodes, as the voice would add them at every tick.</summary>
    private static Region FoldHighControllerRoutes(Region region, FixedRoutes? routes)
    {
        if (routes is null)
            return region;
        var r = region with
        {
            Offset = Math.Max(0, region.Offset + routes.OffsetFrames),
            DelaySeconds = Math.Max(0, region.DelaySeconds + routes.DelaySeconds),
        };
        foreach (var (target, v) in routes.Targets)
        {
            r = target switch
            {
                ModulationTarget.VolumeDb => r with { VolumeDb = r.VolumeDb + v },
                ModulationTarget.AmplitudePercent => r with { AmplitudePercent = r.AmplitudePercent * v / 100 },
                ModulationTarget.PanPercent => r with { Pan = Math.Clamp(r.Pan + v, -100, 100) },
                ModulationTarget.PitchCents => r with { TuneCents = r.TuneCents + v },
                ModulationTarget.CutoffCents => r with { CutoffHz = r.CutoffHz * Math.Pow(2, v / 1200) },
                ModulationTarget.ResonanceDb => r with { ResonanceDb = Math.Clamp(r.ResonanceDb + v, 0, 40) },
                ModulationTarget.WidthPercent => r with { WidthPercent = Math.Clamp(r.WidthPercent + v, -100, 100) },
                ModulationTarget.PositionPercent => r with { PositionPercent = Math.Clamp(r.PositionPercent + v, -100, 100) },
                ModulationTarget.AmpVeltrackPercent => r with { AmpVeltrackPercent = Math.Clamp(r.AmpVeltrackPercent + v, -100, 100) },
                ModulationTarget.AmpLfoDepthDb => r with { AmpLfo = r.AmpLfo with { Depth = r.AmpLfo.Depth + v } },
                ModulationTarget.AmpLfoFrequencyHz => r with { AmpLfo = r.AmpLfo with { FrequencyHz = Math.Max(0, r.AmpLfo.FrequencyHz + v) } },
                ModulationTarget.PitchLfoDepthCents => r with { PitchLfo = r.PitchLfo with { Depth = r.PitchLfo.Depth + v } },
                ModulationTarget.PitchLfoFrequencyHz => r with { PitchLfo = r.PitchLfo with { FrequencyHz = Math.Max(0, r.PitchLfo.FrequencyHz + v) } },
                ModulationTarget.FilterLfoDepthCents => r with { FilterLfo = r.FilterLfo with { Depth = r.FilterLfo.Depth + v } },
                ModulationTarget.FilterLfoFrequencyHz => r with { FilterLfo = r.FilterLfo with { FrequencyHz = Math.Max(0, r.FilterLfo.FrequencyHz + v) } },
                _ => r,
            };
        }

        foreach (var (envelope, stage, v) in routes.Envelopes)
        {
            if (stage == EnvelopeParameter.Depth)
            {
                r = envelope == 1 ? r with { FilterEnvelopeDepthCents = r.FilterEnvelopeDepthCents + v }
                    : envelope == 2 ? r with { PitchEnvelopeDepthCents = r.PitchEnvelopeDepthCents + v } : r;
                continue;
            }

            var e = envelope switch { 0 => r.AmpEnvelope, 1 => r.FilterEnvelope, _ => r.PitchEnvelope };
            // As the voice adds a route at note-on (Voice.ModulateEnvelope): seconds, or percent of the level; then bounded.
            e = stage switch
            {
                EnvelopeParameter.Delay => e with { DelaySeconds = Math.Max(0, e.DelaySeconds + v) },
                EnvelopeParameter.Start => e with { StartLevel = Math.Clamp(e.StartLevel + (v / 100), 0, 1) },
                EnvelopeParameter.Attack => e with { AttackSeconds = Math.Max(0, e.AttackSeconds + v) },
                EnvelopeParameter.Hold => e with { HoldSeconds = Math.Max(0, e.HoldSeconds + v) },
                EnvelopeParameter.Decay => e with { DecaySeconds = Math.Max(0, e.DecaySeconds + v) },
                EnvelopeParameter.Sustain => e with { SustainLevel = Math.Clamp(e.SustainLevel + (v / 100), 0, 1) },
                _ => e with { ReleaseSeconds = Math.Max(0, e.ReleaseSeconds + v) },
            };
            r = envelope switch
            {
                0 => r with { AmpEnvelope = e },
                1 => r with { FilterEnvelope = e },
                _ => r with { PitchEnvelope = e },
            };
        }

        return r;
    }
}
