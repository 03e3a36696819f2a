namespace MidiSampler.Dsp;

/// <summary>
/// The running state of a sine LFO evaluated at control rate: a phase accumulator, a delay and a linear fade-in
/// (SFZ v1 LFOs: *lfo_delay, *lfo_fade, *lfo_freq). Audio thread only (lives inside a voice); no allocation.
/// </summary>
/// <remarks>
/// Design: the phase advances by <c>frequency × frames / rate</c> per tick, so a frequency modulated by a controller
/// changes the rate without a phase jump. The value is read from <see cref="SineTable"/>: no <c>Math.Sin</c>.
/// </remarks>
internal struct LfoState
{
    private float _phase;
    private int _delayFrames;
    private int _fadeFrames;
    private int _fadeDone;
    private int _cyclesLeft;  // lfoN_count: wraps to go before the LFO stops; -1 forever
    private float _smoothed;  // lfoN_smooth: the one-pole's state
    private SubPhases _subPhases; // lfoN_waveX for X ≥ 2: each sub-waveform's own phase (the first uses _phase)

    [System.Runtime.CompilerServices.InlineArray(EngineLimits.MaxLfoSubWaves)]
    private struct SubPhases
    {
        private float _element;
    }

    /// <summary>Restarts at note-on (phase 0, as SFZ v1 LFOs start in phase with the note; SFZ v2 lfoN_phase sets another).</summary>
    public void Start(int delayFrames, int fadeFrames, float phase = 0)
    {
        _phase = phase >= 0 && phase < 1 ? phase : 0;
        ((Span<float>)_subPhases).Fill(_phase); // every sub-waveform starts at lfoN_phase (sfizz adds it to each)
        _delayFrames = Math.Max(0, delayFrames);
        _fadeFrames = Math.Max(0, fadeFrames);
        _fadeDone = 0;
        _cyclesLeft = -1;
        _smoothed = 0;
    }

    /// <summary>
    /// The value of an SFZ v2 LFO at this tick, then advances: <see cref="NextWave"/>, or a step sequence when
    /// <paramref name="steps"/> is given (the cycle cut into equal steps, each holding its level, sfz.org lfoN_steps),
    /// zero once <paramref name="cycles"/> wraps have run (lfoN_count; −1 forever), then one-pole smoothed by
    /// <paramref name="smoothing"/> (the fraction of the way to the new value per tick; 1: none; lfoN_smooth).
    /// </summary>
    public float NextFlex(int frames, float frequencyHz, float inverseRate, int wave, float[]? steps, int cycles, float smoothing, LfoSubWave[]? subs = null)
    {
        float value;
        if (cycles >= 0 && _cyclesLeft < 0)
            _cyclesLeft = cycles + 1; // armed on the first tick: Start knows nothing of counts (the v1 LFOs share it)
        if (_cyclesLeft == 1)
        {
            value = 0;
        }
        else
        {
            float before = _phase;
            value = subs is null ? NextWave(frames, frequencyHz, inverseRate, wave, steps) : NextSum(frames, frequencyHz, inverseRate, steps, subs);
            if (_cyclesLeft > 1 && _phase < before)
                _cyclesLeft--;
        }

        if (smoothing >= 1)
            return value;
        _smoothed += (value - _smoothed) * smoothing;
        return _smoothed;
    }

    /// <summary>
    /// The value of an SFZ v2 waveform (sfz.org, lfoN_wave) at the middle of this tick's <paramref name="frames"/>, −1..1
    /// times the fade, then advances by them: 0 triangle,
    /// 1 sine, 2 pulse 75 %, 3 square, 4 pulse 25 %, 5 pulse 12.5 %, 6 saw rising, 7 saw falling.
    /// </summary>
    public float NextWave(int frames, float frequencyHz, float inverseRate, int wave, float[]? steps = null)
    {
        if (!PastDelay(frames, out float fade))
            return 0;

        // Read at the middle of the tick's window (Voice.ControlFrames), then advance by the whole window.
        float p = _phase + (frequencyHz * (frames >> 1) * inverseRate);
        if (p >= 1)
            p -= MathF.Floor(p);
        float value = steps is not null ? steps[Math.Min((int)(p * steps.Length), steps.Length - 1)] : LfoWaveform.InCycle(wave, p);
        _phase += frequencyHz * frames * inverseRate;
        if (_phase >= 1)
            _phase -= _phase < 2 ? 1 : MathF.Floor(_phase); // one wrap per tick is the usual case (f · 16 / rate < 1)
        return value * fade;
    }

    /// <summary>
    /// The LFO as a sum of sub-waveforms (ARIA lfoN_waveX, _ratioX, _scaleX, _offsetX, as sfizz's LFO.cpp renders them):
    /// each adds <c>offset + scale × wave(phase)</c> read at the middle of the tick's window, its phase advancing at its
    /// ratio times the rate; the first uses the
    /// step sequence when <paramref name="steps"/> is given. The delay holds the whole sum at 0 and the fade scales it.
    /// </summary>
    private float NextSum(int frames, float frequencyHz, float inverseRate, float[]? steps, LfoSubWave[] subs)
    {
        if (!PastDelay(frames, out float fade))
            return 0;

        float value = 0, cycles = frequencyHz * frames * inverseRate;
        int count = Math.Min(subs.Length, EngineLimits.MaxLfoSubWaves);
        for (int k = 0; k < count; k++)
        {
            ref readonly var sub = ref subs[k];
            float p = k == 0 ? _phase : _subPhases[k];
            float at = p + (sub.Ratio * cycles * 0.5f); // the middle of the tick's window, as NextWave reads
            if (at >= 1)
                at -= MathF.Floor(at);
            float w = k == 0 && steps is not null ? steps[Math.Min((int)(at * steps.Length), steps.Length - 1)] : LfoWaveform.InCycle(sub.Wave, at);
            value += sub.Offset + (sub.Scale * w);
            p += sub.Ratio * cycles;
            if (p >= 1)
                p -= MathF.Floor(p);
            if (k == 0)
                _phase = p;
            else
                _subPhases[k] = p;
        }

        return value * fade;
    }

    /// <summary>
    /// A tick's delay and fade (lfoN_delay, lfoN_fade): false while the delay still runs (counted down by the tick's
    /// <paramref name="frames"/>; the LFO reads 0), else true with the fade's share of the depth, which then moves on.
    /// </summary>
    private bool PastDelay(int frames, out float fade)
    {
        fade = 1;
        if (_delayFrames > 0)
        {
            _delayFrames -= frames;
            return false;
        }

        if (_fadeDone < _fadeFrames)
        {
            fade = (float)_fadeDone / _fadeFrames;
            _fadeDone += frames;
        }

        return true;
    }

    /// <summary>
    /// Advances by <paramref name="frames"/> without reading, as that many frames of ticks of <paramref name="tickFrames"/>
    /// would (for a voice that idled while this LFO had no depth): the delay counts down in whole ticks, as
    /// <see cref="NextWave"/> counts it, then the phase moves on. For plain waveforms (no count, steps or smoothing).
    /// </summary>
    public void Skip(int frames, int tickFrames, float frequencyHz, float inverseRate, LfoSubWave[]? subs = null)
    {
        if (_delayFrames > 0)
        {
            int ticks = Math.Min((_delayFrames + tickFrames - 1) / tickFrames, frames / tickFrames);
            _delayFrames -= ticks * tickFrames;
            frames -= ticks * tickFrames;
            if (_delayFrames > 0 || frames <= 0)
                return;
        }

        if (_fadeDone < _fadeFrames)
            _fadeDone += frames;
        double cycles = (double)frequencyHz * frames * inverseRate;
        if (subs is null)
        {
            double phase = _phase + cycles;
            _phase = (float)(phase - Math.Floor(phase));
            return;
        }

        int count = Math.Min(subs.Length, EngineLimits.MaxLfoSubWaves);
        for (int k = 0; k < count; k++)
        {
            double phase = (k == 0 ? _phase : _subPhases[k]) + (subs[k].Ratio * cycles);
            float wrapped = (float)(phase - Math.Floor(phase));
            if (k == 0)
                _phase = wrapped;
            else
                _subPhases[k] = wrapped;
        }
    }

    /// <summary>The sine value (−1..1, times the fade) at this tick; then advances by <paramref name="frames"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public float Next(int frames, float frequencyHz, float inverseRate) => NextWave(frames, frequencyHz, inverseRate, 1);
}
