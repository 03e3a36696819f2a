namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The SFZ v2 auto-pan (<c>type=apan</c>): each side's gain follows an LFO, the right side's LFO
/// <c>apan_phase</c> degrees behind the left's.
/// </summary>
/// <remarks>
/// Design: as sfizz's apan, a gain modulation per side with a phase offset between the sides (180° by default, half a
/// cycle as in sfizz), mixed with the dry signal: side gain = <c>dry + wet·(1 − depth·(1 − lfo)/2)</c>. At 180° the
/// sides dip in turn (the image moves), at 0° together (a tremolo). The LFO phase advances by the (smoothed) rate, so
/// a controller on <c>apan_freq</c> changes the speed without a jump. Output is input times a gain: no tail.
/// Threads: construct on the control thread; <see cref="Process"/> and <see cref="Clear"/> on the audio thread.
/// </remarks>
public sealed class AutoPan : BusEffect
{
    private readonly AutoPanSettings _settings;
    private readonly int _sampleRate;
    private readonly float _k;
    private double _phase;
    private ParameterSmoother _frequency, _offset, _depth, _dry, _wet;

    /// <summary>Creates the auto-pan for <paramref name="sampleRate"/>. Control thread.</summary>
    public AutoPan(AutoPanSettings settings, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        _settings = settings;
        _sampleRate = sampleRate;
        _k = ParameterSmoother.Coefficient(0.01, sampleRate);
    }

    /// <summary>The parameters the auto-pan was built with. Any thread.</summary>
    public AutoPanSettings Settings => _settings;

    /// <inheritdoc/>
    public override long TailFrames => 0;

    /// <inheritdoc/>
    public override void Clear()
    {
        _phase = 0;
        _frequency.Reset();
        _offset.Reset();
        _depth.Reset();
        _dry.Reset();
        _wet.Reset();
    }

    /// <inheritdoc/>
    public override void Process(Span<float> left, Span<float> right, ReadOnlySpan<byte> controllers)
    {
        int frames = Math.Min(left.Length, right.Length);
        var s = _settings;
        float frequencyT = s.FrequencyHz.Target(controllers);
        float offsetT = s.PhaseDegrees.Target(controllers) / 360f;
        float depthT = s.DepthPercent.Target(controllers) * 0.01f;
        float dryT = s.DryPercent.Target(controllers) * 0.01f, wetT = s.WetPercent.Target(controllers) * 0.01f;
        int wave = s.Waveform;
        for (int i = 0; i < frames; i++)
        {
            float hz = _frequency.Next(frequencyT, _k), offset = _offset.Next(offsetT, _k);
            float depth = _depth.Next(depthT, _k), dry = _dry.Next(dryT, _k), wet = _wet.Next(wetT, _k);
            float phase = (float)_phase;
            _phase = LfoWaveform.Wrap(_phase + (hz / _sampleRate));
            float lfoLeft = LfoWaveform.Value(wave, phase), lfoRight = LfoWaveform.Value(wave, phase - offset);
            left[i] *= dry + (wet * (1 - (depth * 0.5f * (1 - lfoLeft))));
            right[i] *= dry + (wet * (1 - (depth * 0.5f * (1 - lfoRight))));
        }
    }
}
