namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The SFZ v2 gate (<c>type=gate</c>): silences the signal while its level stays below a threshold.
/// </summary>
/// <remarks>
/// Design: a peak follower (instant rise, 20 ms fall, so a low note's zero crossings do not close the gate) compared
/// with the threshold gives the gate's target, fully open or closed; the gate's gain glides to it with the attack time
/// constant when opening and the release time constant when closing, so it never clicks. <c>gate_onccN</c> is "gate
/// manual control" on sfz.org: a controller that holds the gate open by its amount, gliding like any controlled
/// parameter. The output is the input times a gain: no tail. Threads: construct on the control thread;
/// <see cref="Process"/> and <see cref="Clear"/> on the audio thread.
/// </remarks>
public sealed class NoiseGate : BusEffect
{
    private const double FollowerFallSeconds = 0.02;

    private readonly GateSettings _settings;
    private readonly float _openK, _closeK, _fall, _threshold, _manualK;
    private float _peakLeft, _peakRight, _gainLeft, _gainRight;
    private ParameterSmoother _manual;

    /// <summary>Creates the gate for <paramref name="sampleRate"/>. Control thread.</summary>
    public NoiseGate(GateSettings settings, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        _settings = settings;
        _openK = ParameterSmoother.Coefficient(settings.AttackSeconds, sampleRate);
        _closeK = ParameterSmoother.Coefficient(settings.ReleaseSeconds, sampleRate);
        _fall = (float)Math.Exp(-1.0 / (FollowerFallSeconds * sampleRate));
        _threshold = (float)Math.Pow(10, settings.ThresholdDb / 20);
        _manualK = ParameterSmoother.Coefficient(0.01, sampleRate);
    }

    /// <summary>The parameters the gate was built with. Any thread.</summary>
    public GateSettings Settings => _settings;

    /// <inheritdoc/>
    public override long TailFrames => 0;

    /// <inheritdoc/>
    public override void Clear()
    {
        _peakLeft = _peakRight = _gainLeft = _gainRight = 0;
        _manual.Reset();
    }

    /// <inheritdoc/>
    public override void Process(Span<float> left, Span<float> right, ReadOnlySpan<byte> controllers)
    {
        int frames = Math.Min(left.Length, right.Length);
        float manualTarget = _settings.ManualPercent.Target(controllers) * 0.01f;
        bool link = _settings.StereoLink;
        for (int i = 0; i < frames; i++)
        {
            float manual = _manual.Next(manualTarget, _manualK);
            float l = left[i], r = right[i];
            if (link)
            {
                float g = Step(MathF.Max(MathF.Abs(l), MathF.Abs(r)), manual, ref _peakLeft, ref _gainLeft);
                left[i] = l * g;
                right[i] = r * g;
            }
            else
            {
                left[i] = l * Step(MathF.Abs(l), manual, ref _peakLeft, ref _gainLeft);
                right[i] = r * Step(MathF.Abs(r), manual, ref _peakRight, ref _gainRight);
            }
        }
    }

    private float Step(float magnitude, float manual, ref float peak, ref float gain)
    {
        peak = MathF.Max(magnitude, peak * _fall);
        if (peak < 1e-20f)
            peak = 0;
        float target = MathF.Max(peak >= _threshold ? 1 : 0, manual);
        gain += (target - gain) * (target > gain ? _openK : _closeK);
        if (gain < 1e-7f)
            gain = 0;
        return gain;
    }
}
