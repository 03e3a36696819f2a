namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The SFZ v2 compressor (<c>type=comp</c>): a feed-forward, hard-knee, peak-sensing compressor with make-up gain and
/// an optional stereo link.
/// </summary>
/// <remarks>
/// Design: the log-domain structure Giannoulis, Massberg and Reiss recommend ("Digital Dynamic Range Compressor
/// Design — A Tutorial and Analysis", JAES 2012): the gain computer turns the input level (dB) into the wanted gain
/// reduction, then a smooth decoupled peak detector shapes that reduction: an inner stage jumps up at once and falls
/// with the release time constant, an outer one-pole follows it with the attack time constant. A step of the input
/// therefore brings the gain reduction to 63 % of its final value after one attack time, and a steady sine settles at
/// its peak level's reduction with a ripple well below 0.1 dB. Threshold and ratio follow sfizz's <c>comp_*</c>
/// opcodes (a peak threshold in dBFS). With the link on, one detector reads the louder side and both sides get its
/// gain. The output is the input times a gain, so silence in gives silence out: no tail. Threads: construct on the
/// control thread; <see cref="Process"/> and <see cref="Clear"/> on the audio thread.
/// </remarks>
public sealed class Compressor : BusEffect
{
    private readonly CompressorSettings _settings;
    private readonly float _attack, _release, _threshold, _slope, _makeupDb;
    private float _peakLeft, _peakRight, _reductionLeft, _reductionRight;

    /// <summary>Creates the compressor for <paramref name="sampleRate"/>. Control thread.</summary>
    public Compressor(CompressorSettings settings, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        _settings = settings;
        _attack = Pole(settings.AttackSeconds, sampleRate);
        _release = Pole(settings.ReleaseSeconds, sampleRate);
        _threshold = (float)settings.ThresholdDb;
        _slope = (float)(1 - (1 / Math.Max(1, settings.Ratio)));
        _makeupDb = (float)settings.GainDb;
    }

    /// <summary>The parameters the compressor was built with. Any thread.</summary>
    public CompressorSettings Settings => _settings;

    /// <summary>The current gain reduction of the left (or linked) detector, in dB (≥ 0). Audio thread, for meters and tests.</summary>
    public float GainReductionDb => _reductionLeft;

    /// <inheritdoc/>
    public override long TailFrames => 0;

    /// <inheritdoc/>
    public override void Clear() => _peakLeft = _peakRight = _reductionLeft = _reductionRight = 0;

    /// <inheritdoc/>
    public override void Process(Span<float> left, Span<float> right, ReadOnlySpan<byte> controllers)
    {
        int frames = Math.Min(left.Length, right.Length);
        bool link = _settings.StereoLink;
        for (int i = 0; i < frames; i++)
        {
            float l = left[i], r = right[i];
            if (link)
            {
                float reduction = Detect(MathF.Max(MathF.Abs(l), MathF.Abs(r)), ref _peakLeft, ref _reductionLeft);
                float gain = DbToGain(_makeupDb - reduction);
                left[i] = l * gain;
                right[i] = r * gain;
            }
            else
            {
                left[i] = l * DbToGain(_makeupDb - Detect(MathF.Abs(l), ref _peakLeft, ref _reductionLeft));
                right[i] = r * DbToGain(_makeupDb - Detect(MathF.Abs(r), ref _peakRight, ref _reductionRight));
            }
        }
    }

    private float Detect(float magnitude, ref float peak, ref float reduction)
    {
        // Gain computer (hard knee): above the threshold, the level rises by 1/ratio of the input's rise.
        float levelDb = 20 * MathF.Log10(MathF.Max(magnitude, 1e-9f));
        float wanted = levelDb > _threshold ? _slope * (levelDb - _threshold) : 0;
        // Smooth decoupled peak detector, in dB of reduction.
        peak = MathF.Max(wanted, _release * peak + ((1 - _release) * wanted));
        reduction = (_attack * reduction) + ((1 - _attack) * peak);
        if (reduction < 1e-6f)
            reduction = 0; // no denormal while nothing is compressed
        if (peak < 1e-6f)
            peak = 0;
        return reduction;
    }

    private static float DbToGain(float db) => MathF.Exp(db * 0.11512925464970229f); // 10^(dB/20)

    private static float Pole(double seconds, int sampleRate) =>
        seconds <= 0 ? 0 : (float)Math.Exp(-1.0 / (seconds * sampleRate));
}
