using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// SoundFont 2-style modulator routes (<see cref="CompiledRegion.ModulatorRoutes"/>): evaluated at each control tick
/// from the channel's controllers, pressures and wheel and the note's key and velocity, summed per destination. Audio
/// thread only; nothing here allocates.
/// </summary>
/// <remarks>
/// Design: routes are constant between channel events, so they do not keep a voice ticking: a voice whose routes give
/// its LFOs no depth (the default mod wheel and channel pressure vibrato at rest) idles like one with resting envelopes,
/// and <see cref="MidiChannelState.ModulationVersion"/> wakes it at the frame a source moves (see <c>Render</c>); the
/// LFOs' phases are caught up then (<see cref="SkipLfos"/>), so the vibrato starts in the phase it would have had.
/// </remarks>
internal sealed unsafe partial class Voice
{
    private readonly float[] _routeLfoPitchCents = new float[MaxFlexLfos];
    private readonly float[] _routeLfoCutoffCents = new float[MaxFlexLfos];
    private readonly float[] _routeLfoVolumeDb = new float[MaxFlexLfos];
    private int _modulationVersion;

    // True when, at the last tick, a route gave some LFO a depth: the LFO moves the voice, so it must keep ticking.
    private bool _routesMoveLfos;

    /// <summary>Note-on part: the envelope depths of note-on routes (velocity, key), before the first tick reads them.</summary>
    private void StartModulatorRoutes(CompiledRegion region, MidiChannelState channel)
    {
        _routesMoveLfos = false;
        _modulationVersion = channel.ModulationVersion;
        var routes = region.ModulatorRoutes;
        for (int r = 0; r < routes.Length; r++)
        {
            var route = routes[r];
            if (route.Destination == ModulatorDestination.PitchEnvelopeCents)
                _pitchEnvelopeDepthCents += RouteValue(route, channel);
            else if (route.Destination == ModulatorDestination.FilterEnvelopeCents)
                _filterEnvelopeDepthCents += RouteValue(route, channel);
        }
    }

    /// <summary>
    /// The tick part, after the LFOs ran: adds each route to its destination; an LFO depth multiplies that LFO's value of
    /// this tick (the SF2 LFOs are FlexLfos whose own depths are their generators).
    /// </summary>
    private void ApplyModulatorRoutes(CompiledRegion region, MidiChannelState channel, ref float pitchCents, ref float volumeDb,
        ref float panPercent, ref float cutoffCents)
    {
        int lfos = region.FlexLfos.Length;
        for (int i = 0; i < lfos; i++)
        {
            _routeLfoPitchCents[i] = 0;
            _routeLfoCutoffCents[i] = 0;
            _routeLfoVolumeDb[i] = 0;
        }

        var routes = region.ModulatorRoutes;
        for (int r = 0; r < routes.Length; r++)
        {
            var route = routes[r];
            switch (route.Destination)
            {
                case ModulatorDestination.VolumeDb: volumeDb += RouteValue(route, channel); break;
                case ModulatorDestination.PitchCents: pitchCents += RouteValue(route, channel); break;
                case ModulatorDestination.CutoffCents: cutoffCents += RouteValue(route, channel); break;
                case ModulatorDestination.PanPercent: panPercent += RouteValue(route, channel); break;
                case ModulatorDestination.LfoPitchCents: _routeLfoPitchCents[route.LfoIndex] += RouteValue(route, channel); break;
                case ModulatorDestination.LfoCutoffCents: _routeLfoCutoffCents[route.LfoIndex] += RouteValue(route, channel); break;
                case ModulatorDestination.LfoVolumeDb: _routeLfoVolumeDb[route.LfoIndex] += RouteValue(route, channel); break;
                default: break; // envelope depths: at note-on
            }
        }

        bool moving = false;
        for (int i = 0; i < lfos; i++)
        {
            float pitch = _routeLfoPitchCents[i], cutoff = _routeLfoCutoffCents[i], volume = _routeLfoVolumeDb[i];
            if (pitch == 0 && cutoff == 0 && volume == 0)
                continue;
            moving = true;
            float v = _flexLfoValues[i];
            pitchCents += v * pitch;
            cutoffCents += v * cutoff;
            volumeDb += v * volume;
        }

        _routesMoveLfos = moving;
        _modulationVersion = channel.ModulationVersion;
    }

    /// <summary>After an idle window: the resting LFOs' phases move on by the frames the skipped ticks would have run.</summary>
    private void SkipLfos(CompiledRegion region, int frames)
    {
        var flex = region.FlexLfos;
        for (int i = 0; i < flex.Length; i++)
            _flexLfos[i].Skip(frames, ControlFrames, MathF.Max(0, flex[i].FrequencyHz), _inverseRate);
    }

    /// <summary>Amount × primary × amount source, absolute when the route says so (SF2 section 8.2; fluid_mod_get_value).</summary>
    private float RouteValue(ModulatorRoute route, MidiChannelState channel)
    {
        float primary = SourceValue(route.Primary, channel);
        if (primary == 0)
            return 0;
        float value = (float)route.Amount * primary * SourceValue(route.Secondary, channel);
        return route.Absolute ? MathF.Abs(value) : value;
    }

    private float SourceValue(in ModulatorSource source, MidiChannelState channel)
    {
        int value = source.Kind switch
        {
            ModulatorSourceKind.Controller => channel.Controllers[source.Controller & 127],
            ModulatorSourceKind.Velocity => Velocity,
            ModulatorSourceKind.Key => Math.Clamp(Key, 0, 127),
            ModulatorSourceKind.PolyPressure => Key is >= 0 and < 128 ? channel.PolyPressure[Key] : 0,
            ModulatorSourceKind.ChannelPressure => channel.ChannelPressure,
            ModulatorSourceKind.PitchWheel => channel.PitchBendValue,
            ModulatorSourceKind.PitchWheelSensitivity => (int)(channel.BendRangeCents / 100),
            _ => 0,
        };
        return ModulatorCurve.Evaluate(source, value, source.Kind == ModulatorSourceKind.PitchWheel ? ModulatorCurve.FourteenBit : ModulatorCurve.SevenBit);
    }
}
