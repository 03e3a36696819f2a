using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>The SoundFont 2-style modulator routes of a region (control thread, at compile).</summary>
internal sealed partial class CompiledRegion
{
    /// <summary>
    /// FluidSynth's largest Q, 96 dB (fluid_iir_filter: initialFilterQ clamped to 960 cB), as the engine's resonance: 3.01 dB
    /// less, a Butterworth being Q 0. SFZ regions stop at 40 dB.
    /// </summary>
    public const float SoundFontMaxResonanceDb = 96 - 3.0103f;

    /// <summary>
    /// <see cref="Region.SoundFontRules"/>: the pitch wheel and CC10 reach the voice only through its routes (not as the
    /// channel's bend and balance), and its resonance goes up to <see cref="SoundFontMaxResonanceDb"/>.
    /// </summary>
    public bool SoundFontRules { get; }

    /// <summary><see cref="Region.SoundFontOwnVolume"/>: the channel's CC7 stays off the voice (the bank's own modulator is a route).</summary>
    public bool SoundFontOwnVolume { get; }

    /// <summary><see cref="Region.SoundFontOwnExpression"/>: the channel's CC11 stays off the voice.</summary>
    public bool SoundFontOwnExpression { get; }

    /// <summary>
    /// The region's <see cref="Region.ModulatorRoutes"/> the voice can render (see <see cref="CompileModulatorRoutes"/>), the
    /// SF2 NRPN routes (<see cref="ModulatorSourceKind.SoundFontNrpn"/>) last, from <see cref="NrpnRouteStart"/>.
    /// </summary>
    public ModulatorRoute[] ModulatorRoutes { get; }

    /// <summary>The index of the first NRPN route in <see cref="ModulatorRoutes"/>: a voice reads them only once its channel got an NRPN.</summary>
    public int NrpnRouteStart { get; }

    /// <summary>Some route moves the sample's start offset (SF2 generators 0 and 4), read at note-on.</summary>
    public bool HasStartOffsetRoutes { get; }

    /// <summary>Some route moves the volume envelope's times (SF2 generators 33-38), read at note-on.</summary>
    public bool HasAmpEnvelopeTimeRoutes { get; }

    /// <summary>Some route moves the modulation envelope's times (SF2 generators 25-30), read at note-on.</summary>
    public bool HasModEnvelopeTimeRoutes { get; }

    /// <summary>
    /// True when every <see cref="FlexLfos"/> entry has no depth of its own and no behaviour that needs every tick (no
    /// count, steps, smoothing or LFO routes): its only effect is through modulator routes, so a voice may idle while
    /// those routes give it no depth, its phase caught up on waking (<c>Voice.SkipLfos</c>).
    /// </summary>
    public bool FlexLfosCanRest { get; }

    /// <summary>Per <see cref="FlexLfos"/> entry: no depth or behaviour of its own (see <see cref="FlexLfosCanRest"/>), only routes move it.</summary>
    public bool[] FlexLfoRouteOnly { get; }

    /// <summary>
    /// Keeps the routes the engine can render: finite non-zero amounts, an LFO destination naming an LFO the voice runs,
    /// a cutoff or Q destination only on a filtered region, an envelope depth only from note-on sources (the envelope is not
    /// stepped while its depth is 0, so a depth cannot appear later).
    /// </summary>
    private (ModulatorRoute[] Routes, bool[] RouteOnly) CompileModulatorRoutes(Region region)
    {
        // Shared by the regions with the same route list, filter presence and LFO count (a SoundFont's, CompiledShares).
        var routes = CompiledShares.Derived(region.ModulatorRoutes, FilterType != FilterType.None ? 1 : 0, FlexLfos.Length, () => region.ModulatorRoutes.Where(r => double.IsFinite(r.Amount) && r.Amount != 0 && r.Destination switch
        {
            ModulatorDestination.LfoPitchCents or ModulatorDestination.LfoVolumeDb => r.LfoIndex >= 0 && r.LfoIndex < FlexLfos.Length,
            ModulatorDestination.LfoCutoffCents => FilterType != FilterType.None && r.LfoIndex >= 0 && r.LfoIndex < FlexLfos.Length,
            ModulatorDestination.CutoffCents => FilterType != FilterType.None,
            ModulatorDestination.FilterEnvelopeCents => FilterType != FilterType.None && r.FixedAtNoteOn,
            ModulatorDestination.FilterQDb => FilterType != FilterType.None,
            ModulatorDestination.PitchEnvelopeCents => r.FixedAtNoteOn,
            _ => true,
        }).OrderBy(r => r.Primary.Kind == ModulatorSourceKind.SoundFontNrpn).ToArray()); // stable: the file's order otherwise
        bool noLfoRoutes = VoiceOptions.LfoRoutes.Length == 0;
        bool[] routeOnly = CompiledShares.Derived(FlexLfos, noLfoRoutes ? 1 : 0, 0, () => FlexLfos.Select(l => noLfoRoutes && l.PitchCents == 0 && l.VolumeDb == 0 && l.AmplitudeFraction == 0
            && l.CutoffCents == 0 && l.PanPercent == 0 && l.ResonanceDb == 0 && l.WidthPercent == 0 && l.Cycles < 0 && l.Steps is null
            && l.Smoothing >= 1 && l.CcDepths.Length == 0).ToArray()); // lfoN_*_onccX depths (ARIA) run the LFO as before
        return (routes, routeOnly);
    }
}
