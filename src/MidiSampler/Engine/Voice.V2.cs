using MidiSampler.Dsp;
using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// The SFZ v2 voice options (<see cref="CompiledVoiceOptions"/>): delay_beats, stop_beats, bend_smooth, sample_fadeout,
/// the sostenuto latch, and the LFO/EG routes into LFOs. Audio thread only; nothing here allocates.
/// </summary>
internal sealed unsafe partial class Voice
{
    private readonly float[] _flexLfoValues = new float[EngineLimits.MaxFlexLfos];
    private readonly float[] _flexEnvelopeValues = new float[EngineLimits.MaxFlexEnvelopes];
    private readonly float[] _lfoRateAddHz = new float[EngineLimits.MaxFlexLfos];
    private readonly float[] _lfoDepth = new float[EngineLimits.MaxFlexLfos];
    private readonly float[] _lfoDepthAdd = new float[EngineLimits.MaxFlexLfos];
    private float _bendTargetCents;
    private int _stopFrames;
    private bool _fadeoutStarted;
    private float _widthDirect = 1;
    private float _widthCross;
    private float _resonanceDb = float.NaN;
    private readonly float[] _eqGainDb = new float[EngineLimits.MaxEqBands];
    private readonly float[] _eqBandwidthOctaves = new float[EngineLimits.MaxEqBands];

    /// <summary>
    /// The sostenuto pedal (CC 66) went down while this voice's key was held: a note-off now leaves it sounding until the
    /// pedal comes up (MIDI 1.0 sostenuto; sfz.org, sostenuto_sw). Set and cleared by the sampler. Audio thread.
    /// </summary>
    public bool HeldBySostenuto { get; set; }

    /// <summary>Note-on part: delay_beats adds to the delay, stop_beats arms its countdown, the LFO route state resets.</summary>
    private void StartVoiceOptions(CompiledRegion region, double tempoBpm)
    {
        var o = region.VoiceOptions;
        HeldBySostenuto = false;
        _fadeoutStarted = false;
        _widthDirect = region.WidthDirect;
        _widthCross = region.WidthCross;
        _resonanceDb = float.NaN;
        for (int b = 0; b < EngineLimits.MaxEqBands; b++)
        {
            _eqGainDb[b] = float.NaN;
            _eqBandwidthOctaves[b] = float.NaN;
        }

        double framesPerBeat = tempoBpm > 0 && double.IsFinite(tempoBpm) ? 60 / tempoBpm * region.OutputRate : 0;
        if (o.DelayBeats > 0)
            _delayFrames = (int)Math.Min(_delayFrames + (o.DelayBeats * framesPerBeat), int.MaxValue / 4); // delay_beats: from note-on, as delay
        // stop_beats counts the frames that sound: the control ticks run only once the delay has passed.
        _stopFrames = o.StopBeats > 0 ? (int)Math.Clamp(o.StopBeats * framesPerBeat, 1, int.MaxValue / 4) : 0;
        _flexEnvelopeValues.AsSpan().Clear();
        for (int i = 0; i < EngineLimits.MaxFlexLfos; i++)
        {
            _flexLfoValues[i] = 0;
            _lfoRateAddHz[i] = 0;
            _lfoDepth[i] = 1;
            _lfoDepthAdd[i] = 0;
        }
    }

    /// <summary>
    /// The rate and depth of each LFO from the routes' sources, read as of their last evaluation (an LFO before its target
    /// in this tick, the EGs and later LFOs one tick, 0.67 ms, earlier). Depth: the product of the multiplying routes
    /// (1 when none) plus the sum of the adding ones.
    /// </summary>
    private void ApplyLfoRoutes(CompiledLfoRoute[] routes)
    {
        for (int i = 0; i < EngineLimits.MaxFlexLfos; i++)
        {
            _lfoRateAddHz[i] = 0;
            _lfoDepth[i] = 1;
            _lfoDepthAdd[i] = 0;
        }

        for (int r = 0; r < routes.Length; r++)
        {
            ref readonly var route = ref routes[r];
            float v = route.FromEnvelope ? _flexEnvelopeValues[route.Source] : _flexLfoValues[route.Source];
            switch (route.Kind)
            {
                case LfoModulationKind.FrequencyHz: _lfoRateAddHz[route.Target] += v * route.Amount; break;
                case LfoModulationKind.Depth: _lfoDepth[route.Target] *= v * route.Amount * 0.01f; break;
                default: _lfoDepthAdd[route.Target] += v * route.Amount * 0.01f; break;
            }
        }

        for (int i = 0; i < EngineLimits.MaxFlexLfos; i++)
            _lfoDepth[i] += _lfoDepthAdd[i];
    }

    /// <summary>
    /// lfoN_/egN_resonance: the filter's resonance moves (re-tuned only when it changed); lfoN_/egN_width: the width matrix
    /// follows <c>width</c> plus the sources, clamped to ±100 % (sfz.org, width: L' = M + w·S, R' = M − w·S).
    /// </summary>
    private void ApplyResonanceAndWidth(CompiledRegion region, float resonanceDb, float widthPercent)
    {
        if (region.VoiceOptions.ResonanceModulated && _filter.Enabled)
        {
            float db = Math.Clamp(region.ResonanceDb + resonanceDb, 0, 40);
            if (db != _resonanceDb)
            {
                _resonanceDb = db;
                _filter.SetResonance(db);
            }
        }

        if (region.VoiceOptions.WidthModulated)
        {
            float width = Math.Clamp(((region.WidthDirect - region.WidthCross) * 100) + widthPercent, -100, 100) * 0.01f;
            _widthDirect = (1 + width) * 0.5f;
            _widthCross = (1 - width) * 0.5f;
        }
    }

    /// <summary>
    /// lfoN_eqX*, egN_eqX*: each band's frequency, bandwidth and gain are its own plus the sources' values times their
    /// depths (sources as of this tick); the band is re-tuned without clearing its state, its shape only when bandwidth
    /// or gain moved.
    /// </summary>
    private void ApplyEqRoutes(CompiledRegion region, CompiledEqRoute[] routes)
    {
        Span<float> sum = stackalloc float[EngineLimits.MaxEqBands * 3];
        sum.Clear();
        for (int r = 0; r < routes.Length; r++)
        {
            ref readonly var route = ref routes[r];
            float v = route.FromEnvelope ? _flexEnvelopeValues[route.Source] : _flexLfoValues[route.Source];
            sum[route.Band * 3] += v * route.FrequencyHz;
            sum[(route.Band * 3) + 1] += v * route.BandwidthOctaves;
            sum[(route.Band * 3) + 2] += v * route.GainDb;
        }

        for (int b = 0; b < _eqBands; b++)
        {
            var band = region.EqBands[b];
            float bandwidth = Math.Clamp((float)band.BandwidthOctaves + sum[(b * 3) + 1], 0.001f, 4f);
            float gainDb = Math.Clamp((float)band.GainDb + sum[(b * 3) + 2], -96f, 24f);
            if (bandwidth != _eqBandwidthOctaves[b] || gainDb != _eqGainDb[b])
            {
                _eqBandwidthOctaves[b] = bandwidth;
                _eqGainDb[b] = gainDb;
                _eq[b].SetEqBand(band.Shape, bandwidth, gainDb);
            }

            float hz = MathF.Max(1, (float)band.FrequencyHz + sum[b * 3]);
            _eq[b].SetCutoff(hz * _inverseRate);
        }
    }

    /// <summary>loop_tune: the play position is inside the loop while the loop is active (read at each control tick).</summary>
    private bool InLoop(CompiledRegion region)
    {
        long frame = _position >> 32;
        return LoopActive && frame >= region.LoopStart && frame <= region.LoopEnd;
    }

    /// <summary>bend_smooth: a one-pole glide of the bend towards the wheel, snapped once within a hundredth of a cent.</summary>
    private void SmoothBend(float smoothing)
    {
        _bendCents += (_bendTargetCents - _bendCents) * smoothing;
        if (MathF.Abs(_bendTargetCents - _bendCents) < 0.01f)
            _bendCents = _bendTargetCents;
    }

    /// <summary>Per control tick: the stop_beats countdown and the sample_fadeout trigger.</summary>
    private void TickVoiceOptions(CompiledRegion region, int frames)
    {
        var o = region.VoiceOptions;
        if (_stopFrames > 0)
        {
            _stopFrames -= frames;
            if (_stopFrames <= 0 && !NoteReleased)
            {
                // stop_beats: the voice releases as at a note-off, with its own release (no click), whatever the pedals.
                NoteReleased = true;
                ReleaseOrder = StartOrder;
                HeldByPedal = false;
                HeldBySostenuto = false;
                ReleaseEnvelopes();
            }
        }

        if (o.FadeoutStartFrame >= 0 && !_fadeoutStarted && (_position >> 32) >= o.FadeoutStartFrame && !LoopActive)
        {
            // sample_fadeout: fade to silence over what remains of the sample at the current pitch.
            _fadeoutStarted = true;
            long remaining = ((region.End + 1) << 32) - _position;
            int fadeFrames = (int)Math.Clamp(remaining / Math.Max(1, _increment), 1, int.MaxValue / 4);
            _envelope.Fade(fadeFrames);
        }
    }
}
