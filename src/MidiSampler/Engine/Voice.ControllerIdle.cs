using System.Runtime.CompilerServices;
using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// Idling with SFZ controller routes (<see cref="CompiledRegion.CcModulations"/>, <c>*_onccN</c>) and controller
/// crossfades (<see cref="CompiledRegion.CcCrossfades"/>, <c>xfin_loccN</c>…). Audio thread only; nothing here allocates.
/// </summary>
/// <remarks>
/// Design: a tick reads these routes from the channel's controllers, the live extended sources 128–130 (pitch bend,
/// channel and key pressure) and the per-note sources 131–141 fixed at note-on, each through a static curve. Every one
/// of the live inputs increments <see cref="MidiChannelState.ModulationVersion"/> when it moves (SetController,
/// SetPitchBend, ChannelPressure, SetPolyPressure, the resets), so while the version stands still a tick would compute
/// exactly what the last one did: the voice may idle like one whose envelopes rest, and wakes at the frame the version
/// moves, as an SF2 voice with modulator routes does (Voice.Modulators.cs). The gain smoother after a controller jump
/// keeps the voice ticking until it has converged (<c>TryIdle</c>). Only SFZ voices change: SF2 regions carry no
/// controller routes or crossfades, and their modulator routes keep their own wake condition.
/// The same version keeps a ticking voice from redoing work for sources at rest: the routes' sums are kept and read
/// again while it stands still (<see cref="ControllerRouteSums"/>), so two routes on resting controllers cost a compare.
/// </remarks>
internal sealed unsafe partial class Voice
{
    // The region reads channel sources at each tick (SF2 modulator routes, SFZ controller routes or crossfades): an idle
    // voice wakes when the channel's ModulationVersion moves.
    private bool _wakesOnModulation;

    private CcRouteSums _ccSums;
    private int _ccSumsVersion;
    private bool _ccSumsStale;

    /// <summary>True while the voice runs no control ticks (see the class remarks of <see cref="Voice"/>). Audio thread (tests, diagnostics).</summary>
    public bool Idle => _idle;

    /// <summary>Note-on: whether the channel's <see cref="MidiChannelState.ModulationVersion"/> wakes this voice.</summary>
    private void StartControllerIdle(CompiledRegion region)
    {
        _wakesOnModulation = region.ModulatorRoutes.Length > 0 || region.CcModulations.Length > 0 || region.CcCrossfades.Length > 0;
        _ccSumsStale = true;
    }

    /// <summary>
    /// The tick's starting values: the region's v1 LFO depths and rates plus what its controller routes add
    /// (<c>*_onccN</c>). Summed again only when a source may have moved (the channel's version), at the first tick, or
    /// every tick while some route steps or smooths (<c>*_stepccN</c>, <c>*_smoothccN</c>: their state moves per tick);
    /// otherwise the last sums, bit for bit what summing would give.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref readonly CcRouteSums ControllerRouteSums(CompiledRegion region, MidiChannelState channel, bool initial)
    {
        _ccGliding = false;
        if (!_ccSumsStale && !initial && _ccSumsVersion == channel.ModulationVersion)
            return ref _ccSums;
        _ccSumsVersion = channel.ModulationVersion;
        _ccSumsStale = region.CcShaping is not null;
        SumControllerRoutes(region, channel, initial);
        return ref _ccSums;
    }

    private void SumControllerRoutes(CompiledRegion region, MidiChannelState channel, bool initial)
    {
        var cc = channel.Controllers;
        var values = channel.ControllerValues;
        var sums = new CcRouteSums
        {
            Amplitude = 1,
            AmpLfoDepth = region.AmpLfo.Depth, AmpLfoHz = region.AmpLfo.FrequencyHz,
            PitchLfoDepth = region.PitchLfo.Depth, PitchLfoHz = region.PitchLfo.FrequencyHz,
            FilterLfoDepth = region.FilterLfo.Depth, FilterLfoHz = region.FilterLfo.FrequencyHz,
        };
        var modulations = region.CcModulations;
        var curves = region.CcCurves;
        var shaping = region.CcShaping;
        for (int c = 0; c < modulations.Length; c++)
        {
            ref readonly var m = ref modulations[c];
            int controller = m.Controller;
            float v;
            if (controller < 128)
            {
                // *_curveccN: the controller's 7-bit value looks its response up in a <curve> (sfz.org, curves); else
                // linear in its full-precision value (set_hdccN: MidiChannelState.ControllerValues).
                v = (float)m.Amount * (curves[c] is { } curve ? curve[cc[controller]] : (float)values[controller]);
            }
            else
            {
                v = (float)m.Amount * ExtendedTickValue(controller, curves[c], channel); // cc128..141 (Voice.Sources.cs)
            }

            if (shaping is not null)
                v = ShapeCcRoute(in shaping[c], v, initial); // *_stepccN, *_smoothccN (Voice.CcSmoothing.cs)

            switch (m.Target)
            {
                case ModulationTarget.VolumeDb: sums.VolumeDb += v; break;
                case ModulationTarget.AmplitudePercent: sums.Amplitude *= v * 0.01f; break;
                case ModulationTarget.PanPercent: sums.PanPercent += v; break;
                case ModulationTarget.PitchCents: sums.PitchCents += v; break;
                case ModulationTarget.CutoffCents: sums.CutoffCents += v; break;
                case ModulationTarget.AmpLfoDepthDb: sums.AmpLfoDepth += v; break;
                case ModulationTarget.AmpLfoFrequencyHz: sums.AmpLfoHz += v; break;
                case ModulationTarget.PitchLfoDepthCents: sums.PitchLfoDepth += v; break;
                case ModulationTarget.PitchLfoFrequencyHz: sums.PitchLfoHz += v; break;
                case ModulationTarget.FilterLfoDepthCents: sums.FilterLfoDepth += v; break;
                case ModulationTarget.FilterLfoFrequencyHz: sums.FilterLfoHz += v; break;
                case ModulationTarget.WidthPercent: sums.WidthPercent += v; break;
                case ModulationTarget.ResonanceDb: sums.ResonanceDb += v; break;
                case ModulationTarget.PositionPercent: sums.PanPercent += region.Stereo ? v : 0; break; // position moves a stereo image as pan does
                default: break; // amp_veltrack_onccN: read at note-on (Voice.Sources.cs)
            }
        }

        _ccSums = sums;
    }

    /// <summary>What a tick starts from: the controller routes' sums per target and the v1 LFOs' depths and rates.</summary>
    private struct CcRouteSums
    {
        public float VolumeDb, Amplitude, PanPercent, PitchCents, CutoffCents, ResonanceDb, WidthPercent;
        public float AmpLfoDepth, AmpLfoHz, PitchLfoDepth, PitchLfoHz, FilterLfoDepth, FilterLfoHz;
    }

    /// <summary>
    /// Entering idle: the routes were read at this tick's version, which the wake check compares against. (SF2 modulator
    /// routes already noted it when they refreshed this tick; noting it again changes nothing.)
    /// </summary>
    private void NoteControllerVersion(MidiChannelState channel)
    {
        if (_wakesOnModulation)
            _modulationVersion = channel.ModulationVersion;
    }
}
