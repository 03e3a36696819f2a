namespace MidiSampler.Dsp.Effects;

/// <summary>
/// Bit reduction and sample-rate reduction on a bus (SFZ v2 <c>type=lofi</c>: <c>bitred</c>, <c>decim</c>, 0..100 each).
/// </summary>
/// <remarks>
/// Design: our own mapping, documented so that it can be checked: <c>bitred=B</c> (B &gt; 0) rounds each sample to a step
/// of 2^(1 − bits) with bits = 16 − 15·B/100, so B = 80 leaves 4 bits (a step of 1/8) and B = 100 one bit (−1, 0, 1);
/// B = 0 leaves the signal alone. <c>decim=D</c> (D &gt; 0) holds each sample for fs / rate frames, with
/// rate = fs·(1 − D/100) (at least 50 Hz): D = 50 holds each input sample for two frames. The hold is a phase
/// accumulator, so fractional ratios stay in time. Decimation runs before bit reduction, as in a sampler's converter.
/// No anti-alias filtering: the aliasing is the point. Threads: construct on the control thread; process on the audio thread.
/// </remarks>
internal sealed class LofiEffect : BusEffect
{
    private const float MinRateHz = 50;
    private readonly ControlledParameter _bitred;
    private readonly ControlledParameter _decim;
    private readonly float _sampleRate;
    private float _phase = 1;
    private float _heldLeft;
    private float _heldRight;

    /// <summary>Creates the effect. Control thread.</summary>
    public LofiEffect(ControlledParameter bitred, ControlledParameter decim, int sampleRate)
    {
        _bitred = bitred;
        _decim = decim;
        _sampleRate = sampleRate;
    }

    /// <inheritdoc/>
    public override long TailFrames => (long)(_sampleRate / MinRateHz) + 1; // a held sample outlives the input by one hold

    /// <summary>The quantisation step for <paramref name="bitred"/> (0 when off). Any thread.</summary>
    public static float Step(float bitred) => bitred <= 0 ? 0 : MathF.Pow(2, 1 - (16 - (15 * Math.Min(bitred, 100) / 100)));

    /// <inheritdoc/>
    public override void Process(Span<float> left, Span<float> right, ReadOnlySpan<byte> controllers)
    {
        int frames = Math.Min(left.Length, right.Length);
        float decim = _decim.Target(controllers);
        if (decim > 0)
        {
            float increment = Math.Max(1 - (Math.Min(decim, 100) / 100), MinRateHz / _sampleRate);
            float phase = _phase, heldLeft = _heldLeft, heldRight = _heldRight;
            for (int i = 0; i < frames; i++)
            {
                if (phase >= 1)
                {
                    phase -= 1;
                    heldLeft = left[i];
                    heldRight = right[i];
                }

                phase += increment;
                left[i] = heldLeft;
                right[i] = heldRight;
            }

            (_phase, _heldLeft, _heldRight) = (phase, heldLeft, heldRight);
        }

        float step = Step(_bitred.Target(controllers));
        if (step > 0)
        {
            float inverse = 1 / step;
            for (int i = 0; i < frames; i++)
            {
                left[i] = MathF.Round(left[i] * inverse) * step;
                right[i] = MathF.Round(right[i] * inverse) * step;
            }
        }
    }

    /// <inheritdoc/>
    public override void Clear()
    {
        _phase = 1;
        _heldLeft = _heldRight = 0;
    }
}
