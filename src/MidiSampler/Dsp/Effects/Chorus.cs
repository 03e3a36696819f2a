namespace MidiSampler.Dsp.Effects;

/// <summary>
/// A stereo chorus for the chorus send bus: mono in, stereo wet out (added to the destination).
/// </summary>
/// <remarks>
/// Design: the classic modulated delay. Per side, the input is read back from a delay line at 7..13 ms, the delay
/// swept by a slow sine (0.4 Hz), the right side's sweep a quarter period behind the left's so the image widens.
/// Reads interpolate linearly between samples. The delay memory is allocated in the constructor; <see cref="Process"/>
/// allocates nothing. Threads: construct on the control thread; <see cref="Process"/> and <see cref="Clear"/> on the
/// audio thread.
/// </remarks>
public sealed class Chorus
{
    private const double CentreDelaySeconds = 0.010;
    private const double DepthSeconds = 0.003;
    private const double RateHz = 0.4;

    private readonly float[] _line;
    private readonly int _mask;
    private readonly float _centreFrames;
    private readonly float _depthFrames;
    private readonly double _phaseStep;
    private int _write;
    private double _phase;
    private long _resets;

    /// <summary>Creates the chorus for <paramref name="sampleRate"/>. Control thread.</summary>
    public Chorus(int sampleRate)
    {
        int needed = (int)((CentreDelaySeconds + DepthSeconds) * sampleRate) + 4;
        int size = 1;
        while (size < needed)
            size <<= 1;
        _line = new float[size];
        _mask = size - 1;
        _centreFrames = (float)(CentreDelaySeconds * sampleRate);
        _depthFrames = (float)(DepthSeconds * sampleRate);
        _phaseStep = 2 * Math.PI * RateHz / sampleRate;
    }

    /// <summary>Wet gain applied to the output.</summary>
    public float WetGain { get; set; } = 0.7f;

    /// <summary>Silences the delay line. Audio thread.</summary>
    public void Clear() => Array.Clear(_line);

    /// <summary>How many times the line went non-finite or out of range and was cleared. Any thread.</summary>
    public long Resets => Volatile.Read(ref _resets);

    /// <summary>
    /// Adds the chorus of <paramref name="input"/> (the send bus) to <paramref name="left"/> and <paramref name="right"/>.
    /// A line holding a non-finite value clears itself (counted in <see cref="Resets"/>). Audio thread.
    /// </summary>
    public void Process(ReadOnlySpan<float> input, Span<float> left, Span<float> right)
    {
        int frames = Math.Min(input.Length, Math.Min(left.Length, right.Length));
        float wet = WetGain;
        float peak = 0;
        for (int i = 0; i < frames; i++)
        {
            _line[_write] = input[i];
            float sweepLeft = (float)Math.Sin(_phase), sweepRight = (float)Math.Cos(_phase);
            float l = Read(_centreFrames + (_depthFrames * sweepLeft)), r = Read(_centreFrames + (_depthFrames * sweepRight));
            left[i] += l * wet;
            right[i] += r * wet;
            peak = MathF.Max(peak, MathF.Abs(l) + MathF.Abs(r) + MathF.Abs(input[i]));
            _write = (_write + 1) & _mask;
            _phase += _phaseStep;
            if (_phase > 2 * Math.PI)
                _phase -= 2 * Math.PI;
        }

        if (!FiniteGuard.IsHealthy(peak))
        {
            Clear();
            Interlocked.Increment(ref _resets);
        }
    }

    private float Read(float delayFrames)
    {
        float position = _write - delayFrames;
        int whole = (int)MathF.Floor(position);
        float fraction = position - whole;
        float a = _line[whole & _mask], b = _line[(whole + 1) & _mask];
        return a + ((b - a) * fraction);
    }
}
