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

    /// <summary>Restarts at note-on (phase 0, as SFZ v1 LFOs start in phase with the note).</summary>
    public void Start(int delayFrames, int fadeFrames)
    {
        _phase = 0;
        _delayFrames = Math.Max(0, delayFrames);
        _fadeFrames = Math.Max(0, fadeFrames);
        _fadeDone = 0;
    }

    /// <summary>The value (−1..1, times the fade) at this tick; then advances by <paramref name="frames"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public float Next(int frames, float frequencyHz, float inverseRate)
    {
        if (_delayFrames > 0)
        {
            _delayFrames -= frames;
            return 0;
        }

        float fade = 1;
        if (_fadeDone < _fadeFrames)
        {
            fade = (float)_fadeDone / _fadeFrames;
            _fadeDone += frames;
        }

        float value = SineTable.Sin(_phase) * fade;
        _phase += frequencyHz * frames * inverseRate;
        if (_phase >= 1)
            _phase -= _phase < 2 ? 1 : MathF.Floor(_phase); // one wrap per tick is the usual case (f · 16 / rate < 1)
        return value;
    }
}
