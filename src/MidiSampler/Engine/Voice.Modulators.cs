using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// SoundFont 2-style modulator routes (<see cref="CompiledRegion.ModulatorRoutes"/>): summed per destination from the
/// channel's controllers, pressures and wheel and the note's key and velocity. Audio thread only; nothing here allocates.
/// </summary>
/// <remarks>
/// Design: routes only change when a channel source moves, so their sums are cached and recomputed when
/// <see cref="MidiChannelState.ModulationVersion"/> changes; a tick then only adds them. An LFO that only routes drive
/// (the SF2 vibrato LFO of the default mod wheel and channel pressure modulators) is deferred while the routes give it no
/// depth: it is not evaluated, the frames it missed are counted and its phase caught up (<see cref="LfoState.Skip"/>)
/// when a route gives it a depth, so the vibrato starts in the phase it would have had. Such a voice also idles like one
/// with resting envelopes, and the version change wakes it at the frame the source moved (see <c>Render</c>).
/// </remarks>
internal sealed unsafe partial class Voice
{
    private readonly float[] _routeLfoPitchCents = new float[EngineLimits.MaxFlexLfos];
    private readonly float[] _routeLfoCutoffCents = new float[EngineLimits.MaxFlexLfos];
    private readonly float[] _routeLfoVolumeDb = new float[EngineLimits.MaxFlexLfos];
    private readonly bool[] _lfoDeferred = new bool[EngineLimits.MaxFlexLfos];
    private readonly int[] _lfoLagFrames = new int[EngineLimits.MaxFlexLfos];
    private float _routeVolumeDb;
    private float _routePitchCents;
    private float _routePanPercent;
    private float _routeCutoffCents;
    private int _modulationVersion;
    private bool _routesStale;

    // True when a route gives some LFO a depth: the LFO moves the voice, so it must keep ticking.
    private bool _routesMoveLfos;

    private float _routeQDb;       // the Q routes' sum (dB) last applied
    private float _qChangeDb;      // the resonance's change it made, after the clamp
    private float _routeQGainDb;   // the voice's gain for it: minus half of the change (the SF2 1/√Q)
    private float _velocityAttenuationDb; // what the note's velocity curve takes off (SF2: part of the attenuation clamped at 0)

    /// <summary>Note-on part: the envelope depths of note-on routes (velocity, key), before the first tick reads them.</summary>
    private void StartModulatorRoutes(CompiledRegion region, MidiChannelState channel)
    {
        _routesMoveLfos = false;
        _routesStale = true;
        _routeQDb = 0;
        _qChangeDb = 0;
        _routeQGainDb = 0;
        float velocityGain = region.VelocityGain(Velocity);
        _velocityAttenuationDb = velocityGain > 0 ? -20 * MathF.Log10(velocityGain) : float.MaxValue;
        for (int i = 0; i < EngineLimits.MaxFlexLfos; i++)
        {
            _lfoDeferred[i] = false;
            _lfoLagFrames[i] = 0;
        }

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

    /// <summary>A Butterworth lowpass's resonance in dB, SF2's Q 0 (FluidSynth's fluid_iir_filter_q_from_dB offset).</summary>
    private const float ButterworthQDb = 3.0103f;

    /// <summary>
    /// The Q routes moved (at the first tick, or when a controller moved them mid-note, as FluidSynth recomputes its
    /// filter): the region's resonance is SF2's Q dB - 3.01 (a Butterworth at Q 0, fluid_iir_filter); FluidSynth clamps
    /// the summed initialFilterQ to 0..96 dB (SFZ regions: the engine's 40 dB of resonance) and scales the voice by 1/√Q,
    /// so the resonance moves by the clamped change and the gain by minus half of it. The filter is re-tuned only when
    /// the clamped sum changes (its coefficients are the costly part, VoiceFilter.SetResonance).
    /// </summary>
    private void ApplyRouteQ(CompiledRegion region, float qDb)
    {
        _routeQDb = qDb;
        if (!_filter.Enabled)
            return;
        float baseQDb = region.ResonanceDb + ButterworthQDb;
        float maxQDb = (region.SoundFontRules ? CompiledRegion.SoundFontMaxResonanceDb : MaxResonanceDb) + ButterworthQDb;
        float change = Math.Clamp(baseQDb + qDb, 0, maxQDb) - baseQDb;
        if (change == _qChangeDb)
            return;
        _qChangeDb = change;
        _routeQGainDb = -change / 2;
        _filter.SetResonance(region.ResonanceDb + change); // applied at this tick's cutoff (VoiceFilter.CutoffPending)
    }

    private const float MaxResonanceDb = 40;

    /// <summary>The channel's gain for the left side: volume × expression, and the channel's balance unless the pan is a route.</summary>
    private float ChannelGainLeft(MidiChannelState channel) => Region!.SoundFontRules ? SoundFontChannelGain(channel) : channel.GainLeft;

    /// <summary>The channel's gain for the right side (see <see cref="ChannelGainLeft"/>).</summary>
    private float ChannelGainRight(MidiChannelState channel) => Region!.SoundFontRules ? SoundFontChannelGain(channel) : channel.GainRight;

    /// <summary>
    /// Tick part, before the LFOs run: when a source moved (or at the first tick), the route sums again, and which LFOs
    /// are deferred; an LFO that leaves deferral catches up the frames it missed.
    /// </summary>
    private void RefreshModulatorRoutes(CompiledRegion region, MidiChannelState channel)
    {
        if (!_routesStale && channel.ModulationVersion == _modulationVersion)
            return;
        _routesStale = false;
        _modulationVersion = channel.ModulationVersion;
        int lfos = region.FlexLfos.Length;
        for (int i = 0; i < lfos; i++)
        {
            _routeLfoPitchCents[i] = 0;
            _routeLfoCutoffCents[i] = 0;
            _routeLfoVolumeDb[i] = 0;
        }

        float volumeDb = 0, pitchCents = 0, panPercent = 0, cutoffCents = 0, qDb = 0;
        var routes = region.ModulatorRoutes;
        int count = channel.SoundFontNrpnActive ? routes.Length : region.NrpnRouteStart; // NRPN routes last: read once NRPN moved
        for (int r = 0; r < count; r++)
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
                case ModulatorDestination.FilterQDb: qDb += RouteValue(route, channel); break;
                default: break; // envelope depths: at note-on
            }
        }

        if (region.SoundFontRules)
        {
            // FluidSynth clamps the summed attenuation (generator, velocity, CC7, CC11 and every other modulator) at 0 dB
            // (fluid_voice.c): the routes' gain may not exceed what velocity and the channel's volume take off.
            float channelGain = SoundFontChannelGain(channel);
            float limitDb = _velocityAttenuationDb + (channelGain > 0 ? -20 * MathF.Log10(channelGain) : float.MaxValue);
            if (volumeDb > limitDb)
                volumeDb = limitDb;
        }

        (_routeVolumeDb, _routePitchCents, _routePanPercent, _routeCutoffCents) = (volumeDb, pitchCents, panPercent, cutoffCents);
        if (qDb != _routeQDb)
            ApplyRouteQ(region, qDb);
        bool moving = false;
        var routeOnly = region.FlexLfoRouteOnly;
        for (int i = 0; i < lfos; i++)
        {
            bool active = _routeLfoPitchCents[i] != 0 || _routeLfoCutoffCents[i] != 0 || _routeLfoVolumeDb[i] != 0;
            moving |= active;
            bool deferred = routeOnly[i] && !active;
            if (_lfoDeferred[i] && !deferred && _lfoLagFrames[i] > 0)
                _flexLfos[i].Skip(_lfoLagFrames[i], ControlFrames, MathF.Max(0, region.FlexLfos[i].FrequencyHz), _inverseRate, region.FlexLfos[i].SubWaves);
            if (!deferred)
                _lfoLagFrames[i] = 0;
            _lfoDeferred[i] = deferred;
        }

        _routesMoveLfos = moving;
    }

    /// <summary>Tick part, after the LFOs ran: adds the route sums; an LFO depth multiplies that LFO's value of this tick.</summary>
    private void ApplyModulatorRoutes(CompiledRegion region, ref float pitchCents, ref float volumeDb, ref float panPercent, ref float cutoffCents)
    {
        pitchCents += _routePitchCents;
        volumeDb += _routeVolumeDb + _routeQGainDb;
        panPercent += _routePanPercent;
        cutoffCents += _routeCutoffCents;
        if (!_routesMoveLfos)
            return;
        int lfos = region.FlexLfos.Length;
        for (int i = 0; i < lfos; i++)
        {
            float v = _flexLfoValues[i];
            pitchCents += v * _routeLfoPitchCents[i];
            cutoffCents += v * _routeLfoCutoffCents[i];
            volumeDb += v * _routeLfoVolumeDb[i];
        }
    }

    /// <summary>
    /// In the LFO loop: true when LFO <paramref name="index"/> is deferred this tick (its value is 0 and its phase waits),
    /// counting the tick's frames it misses.
    /// </summary>
    private bool DeferLfo(int index, int frames)
    {
        if (!_lfoDeferred[index])
            return false;
        _lfoLagFrames[index] = (int)Math.Min((long)_lfoLagFrames[index] + frames, int.MaxValue / 2);
        _flexLfoValues[index] = 0;
        return true;
    }

    /// <summary>After an idle window: the LFOs (all deferred while a voice idles) missed <paramref name="frames"/> more frames.</summary>
    private void SkipLfos(CompiledRegion region, int frames)
    {
        for (int i = 0; i < region.FlexLfos.Length; i++)
        {
            if (_lfoDeferred[i])
                _lfoLagFrames[i] = (int)Math.Min((long)_lfoLagFrames[i] + frames, int.MaxValue / 2);
            else
                _flexLfos[i].Skip(frames, ControlFrames, MathF.Max(0, region.FlexLfos[i].FrequencyHz), _inverseRate, region.FlexLfos[i].SubWaves);
        }
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
        if (source.Kind == ModulatorSourceKind.SoundFontNrpn)
            return channel.SoundFontNrpn[source.Controller]; // generator units; the route's amount converts
        int value = source.Kind switch
        {
            ModulatorSourceKind.Controller => channel.Controllers[source.Controller & 127],
            ModulatorSourceKind.Velocity => Velocity,
            ModulatorSourceKind.Key => Math.Clamp(Key, 0, 127),
            ModulatorSourceKind.PolyPressure => Key is >= 0 and < 128 ? channel.PolyPressure[Key] : 0,
            ModulatorSourceKind.ChannelPressure => channel.ChannelPressure,
            ModulatorSourceKind.PitchWheel => channel.PitchBendValue,
            ModulatorSourceKind.PitchWheelSensitivity when source.Shape == ModulatorCurveShape.Linear && !source.Negative && !source.Bipolar
                => -1, // read exactly below (RPN 0's cents too)
            ModulatorSourceKind.PitchWheelSensitivity => (int)(channel.BendRangeCents / 100),
            _ => 0,
        };
        if (value < 0)
            return (float)(channel.BendRangeCents / 100 / ModulatorCurve.SevenBit); // semitones / 128, as FluidSynth's 7-bit sources
        return source.Evaluate(value, source.Kind == ModulatorSourceKind.PitchWheel ? ModulatorCurve.FourteenBit : ModulatorCurve.SevenBit);
    }
}
