namespace MidiSampler.Dsp.Effects;

/// <summary>
/// A stereo reverb on a bus (SFZ v2 <c>type=fverb</c>, also accepted as <c>reverb</c>): the engine's
/// Freeverb-style <see cref="Reverb"/> with a pre-delay, a tone control and dry/wet/input levels.
/// </summary>
/// <remarks>
/// Design: the bus is summed to mono (L + R)/2, scaled by <c>reverb_input</c>, delayed by <c>reverb_predelay</c>, then fed
/// to the tank; the tank's stereo output passes a one-pole lowpass set by <c>reverb_tone</c> (0 → 500 Hz, 100 → 20 kHz,
/// exponential) and is added at <c>reverb_wet</c> to the bus scaled by <c>reverb_dry</c>. <c>reverb_size</c> sets the tank's
/// feedback (the decay), <c>reverb_damp</c> its in-loop damping; <c>reverb_type</c> only chooses the default size (a
/// "small_room" is short, a "large_hall" long), as sfizz's fverb derives its decay from the type and size. Levels glide
/// linearly across each run, so controllers (<c>*_onccN</c>) never click. All memory is allocated here.
/// Threads: construct on the control thread; process on the audio thread.
/// </remarks>
internal sealed class ReverbEffect : BusEffect
{
    /// <summary>Longest pre-delay, in seconds.</summary>
    public const double MaxPredelaySeconds = 1;

    // Longest comb of the tank at 44.1 kHz (Reverb's): one pass of the loop, for the tail estimate.
    private const double LongestCombSeconds = 1640 / 44100.0;

    private readonly Reverb _tank;
    private readonly ControlledParameter _inputPercent, _dryPercent, _wetPercent, _sizePercent, _dampPercent, _tonePercent, _predelaySeconds;
    private readonly float[] _mono;
    private readonly float[] _wetLeft;
    private readonly float[] _wetRight;
    private readonly float[] _predelay;
    private readonly float _sampleRate;
    private int _predelayWrite;
    private float _input = -1, _dry, _wet, _predelaySmoothed;
    private float _toneLeft, _toneRight;

    /// <summary>Creates the reverb. Control thread.</summary>
    public ReverbEffect(ControlledParameter inputPercent, ControlledParameter dryPercent, ControlledParameter wetPercent, ControlledParameter sizePercent,
        ControlledParameter dampPercent, ControlledParameter tonePercent, ControlledParameter predelaySeconds, int sampleRate, int maxBlockFrames)
    {
        _tank = new Reverb(sampleRate);
        (_inputPercent, _dryPercent, _wetPercent, _sizePercent, _dampPercent, _tonePercent, _predelaySeconds) =
            (inputPercent, dryPercent, wetPercent, sizePercent, dampPercent, tonePercent, predelaySeconds);
        _sampleRate = sampleRate;
        _mono = new float[maxBlockFrames];
        _wetLeft = new float[maxBlockFrames];
        _wetRight = new float[maxBlockFrames];
        _predelay = new float[(int)(MaxPredelaySeconds * sampleRate) + 1];

        // Until the tank's feedback (0.7..0.98, Reverb.SetRoom) has brought the tail 120 dB down, plus the pre-delay.
        double size = sizePercent.HasControllers ? sizePercent.Max : sizePercent.BaseValue;
        double feedback = 0.7 + (0.28 * Math.Clamp(size / 100, 0, 1));
        double passes = Math.Log(1e-6) / Math.Log(feedback);
        double predelay = predelaySeconds.HasControllers ? predelaySeconds.Max : predelaySeconds.BaseValue;
        TailFrames = (long)(((passes * LongestCombSeconds) + Math.Clamp(predelay, 0, MaxPredelaySeconds)) * sampleRate) + 1;
    }

    /// <inheritdoc/>
    public override long TailFrames { get; }

    /// <inheritdoc/>
    public override void Process(Span<float> left, Span<float> right, ReadOnlySpan<byte> controllers)
    {
        int frames = Math.Min(Math.Min(left.Length, right.Length), _mono.Length);
        if (frames == 0)
            return;
        float input = _inputPercent.Target(controllers) / 100, dry = _dryPercent.Target(controllers) / 100, wet = _wetPercent.Target(controllers) / 100;
        float predelaySeconds = _predelaySeconds.Target(controllers);
        if (_input < 0)
            (_input, _dry, _wet, _predelaySmoothed) = (input, dry, wet, predelaySeconds); // first run: no glide from nothing
        else if (_predelaySmoothed != predelaySeconds)
            _predelaySmoothed = EffectSmoothing.Toward(_predelaySmoothed, predelaySeconds, EffectSmoothing.Step(frames, _sampleRate), 1e-5f);
        _tank.SetRoom(_sizePercent.Target(controllers) / 100, _dampPercent.Target(controllers) / 100);
        // A moving pre-delay glides (10 ms) so that the read position steps a little per run rather than jumping.
        int delayFrames = Math.Clamp((int)(_predelaySmoothed * _sampleRate), 0, _predelay.Length - 1);
        float toneHz = 500 * MathF.Pow(40, Math.Clamp(_tonePercent.Target(controllers), 0, 100) / 100);
        float toneCoefficient = 1 - MathF.Exp(-2 * MathF.PI * Math.Min(toneHz, 0.45f * _sampleRate) / _sampleRate);

        float inputGain = _input, inputStep = (input - _input) / frames;
        int write = _predelayWrite, length = _predelay.Length;
        for (int i = 0; i < frames; i++)
        {
            float x = (left[i] + right[i]) * 0.5f * inputGain;
            inputGain += inputStep;
            _predelay[write] = x;
            int read = write - delayFrames;
            if (read < 0)
                read += length;
            _mono[i] = _predelay[read];
            write = write + 1 == length ? 0 : write + 1;
        }

        _predelayWrite = write;
        var wetLeft = _wetLeft.AsSpan(0, frames);
        var wetRight = _wetRight.AsSpan(0, frames);
        wetLeft.Clear();
        wetRight.Clear();
        _tank.Process(_mono.AsSpan(0, frames), wetLeft, wetRight);

        float dryGain = _dry, dryStep = (dry - _dry) / frames, wetGain = _wet, wetStep = (wet - _wet) / frames;
        float toneLeft = _toneLeft, toneRight = _toneRight;
        for (int i = 0; i < frames; i++)
        {
            toneLeft += (wetLeft[i] - toneLeft) * toneCoefficient;
            toneRight += (wetRight[i] - toneRight) * toneCoefficient;
            left[i] = (left[i] * dryGain) + (toneLeft * wetGain);
            right[i] = (right[i] * dryGain) + (toneRight * wetGain);
            dryGain += dryStep;
            wetGain += wetStep;
        }

        // Denormal guard for the tone filter's memory once the tail has died away.
        _toneLeft = MathF.Abs(toneLeft) < 1e-20f ? 0 : toneLeft;
        _toneRight = MathF.Abs(toneRight) < 1e-20f ? 0 : toneRight;
        (_input, _dry, _wet) = (input, dry, wet);
    }

    /// <inheritdoc/>
    public override void Clear()
    {
        _tank.Clear();
        Array.Clear(_predelay);
        _predelayWrite = 0;
        _toneLeft = _toneRight = 0;
        _input = -1;
    }
}
