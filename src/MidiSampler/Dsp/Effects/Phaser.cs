namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The SFZ v2 phaser (<c>type=phaser</c>): a chain of first-order allpass filters swept by an LFO, mixed with the dry
/// signal so that notches appear where the chain's phase reaches odd multiples of 180°, with feedback around the chain.
/// </summary>
/// <remarks>
/// Design: the classic analog-style phaser (the Univox/MXR structure, as described in Zölzer, "DAFX", chapter on
/// phasers): N identical first-order allpasses <c>(a + z⁻¹)/(1 + a·z⁻¹)</c> whose break frequency moves exponentially
/// with the LFO, so the sweep sounds even across octaves. N stages give N/2 notches. The allpass coefficient
/// <c>a = (tan(π·f/rate) − 1)/(tan(π·f/rate) + 1)</c> is recomputed every frame, so the sweep has no steps. Mixing
/// <c>(1 − w/2)·dry + (w/2)·chain</c> keeps the level between notches and gives perfect notches at w = 100 %.
/// Feedback is capped at 95 % (the allpass chain has unity gain, so the loop stays stable). Each side has its own
/// chain; the right LFO lags by <c>phaser_phase_onccN</c>. Threads: construct on the control thread;
/// <see cref="Process"/> and <see cref="Clear"/> on the audio thread.
/// </remarks>
public sealed class Phaser : BusEffect
{
    private const float CentreHz = 800;
    private const float OctavesAtFullDepth = 3;
    private const float MaxFeedback = 0.95f;

    private readonly PhaserSettings _settings;
    private readonly int _sampleRate;
    private readonly int _stages;
    private readonly float[] _state; // per side and stage
    private readonly float _k;
    private float _lastLeft, _lastRight;
    private double _phase;
    private ParameterSmoother _depth, _feedback, _frequency, _wet, _stereoPhase;

    /// <summary>Creates the phaser for <paramref name="sampleRate"/>. Control thread.</summary>
    public Phaser(PhaserSettings settings, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        _settings = settings;
        _sampleRate = sampleRate;
        _stages = Math.Clamp(settings.Stages, 1, PhaserSettings.MaxStages);
        _state = new float[2 * _stages];
        _k = ParameterSmoother.Coefficient(0.01, sampleRate);
        TailFrames = ComputeTail(settings, _stages, sampleRate);
    }

    /// <summary>The parameters the phaser was built with. Any thread.</summary>
    public PhaserSettings Settings => _settings;

    /// <inheritdoc/>
    public override long TailFrames { get; }

    /// <inheritdoc/>
    public override void Clear()
    {
        Array.Clear(_state);
        _lastLeft = _lastRight = 0;
        _phase = 0;
        _depth.Reset();
        _feedback.Reset();
        _frequency.Reset();
        _wet.Reset();
        _stereoPhase.Reset();
    }

    /// <inheritdoc/>
    public override void Process(Span<float> left, Span<float> right, ReadOnlySpan<byte> controllers)
    {
        int frames = Math.Min(left.Length, right.Length);
        var s = _settings;
        float depthT = s.DepthPercent.Target(controllers) * 0.01f;
        float feedbackT = MathF.Min(s.FeedbackPercent.Target(controllers) * 0.01f, MaxFeedback);
        float frequencyT = s.FrequencyHz.Target(controllers);
        float wetT = s.WetPercent.Target(controllers) * 0.01f;
        float stereoT = s.StereoPhasePercent.Target(controllers) * 0.005f; // 100 % = half a cycle
        int wave = s.Waveform;
        float piOverRate = MathF.PI / _sampleRate;
        float maxHz = 0.45f * _sampleRate;
        for (int i = 0; i < frames; i++)
        {
            float depth = _depth.Next(depthT, _k), feedback = _feedback.Next(feedbackT, _k);
            float hz = _frequency.Next(frequencyT, _k), wet = _wet.Next(wetT, _k), lag = _stereoPhase.Next(stereoT, _k);
            float phase = (float)_phase;
            _phase = LfoWaveform.Wrap(_phase + (hz / _sampleRate));
            float octaves = depth * OctavesAtFullDepth;
            float fLeft = MathF.Min(CentreHz * ControlMath.Exp2(octaves * LfoWaveform.Value(wave, phase)), maxHz);
            float fRight = MathF.Min(CentreHz * ControlMath.Exp2(octaves * LfoWaveform.Value(wave, phase - lag)), maxHz);
            float dryGain = 1 - (0.5f * wet), chainGain = 0.5f * wet;

            float xl = left[i], xr = right[i];
            float yl = Chain(xl + (feedback * _lastLeft), Coefficient(fLeft * piOverRate), 0);
            float yr = Chain(xr + (feedback * _lastRight), Coefficient(fRight * piOverRate), _stages);
            _lastLeft = MathF.Abs(yl) < 1e-20f ? 0 : yl;
            _lastRight = MathF.Abs(yr) < 1e-20f ? 0 : yr;
            left[i] = (dryGain * xl) + (chainGain * yl);
            right[i] = (dryGain * xr) + (chainGain * yr);
        }
    }

    /// <summary>The allpass coefficient for the break frequency <paramref name="omegaHalf"/> = π·f/rate.</summary>
    private static float Coefficient(float omegaHalf)
    {
        float t = MathF.Tan(omegaHalf);
        return (t - 1) / (t + 1);
    }

    private float Chain(float x, float a, int first)
    {
        for (int st = first, end = first + _stages; st < end; st++)
        {
            // Transposed direct form: y = a·x + s; s = x − a·y.
            float y = (a * x) + _state[st];
            float next = x - (a * y);
            _state[st] = MathF.Abs(next) < 1e-20f ? 0 : next;
            x = y;
        }

        return x;
    }

    private static long ComputeTail(PhaserSettings s, int stages, int sampleRate)
    {
        // The chain's longest group delay is at its lowest break frequency: about rate/(π·f) frames per stage.
        double lowestHz = CentreHz * Math.Pow(2, -OctavesAtFullDepth * s.DepthPercent.Highest / 100);
        double trip = 1 + (stages * sampleRate / (Math.PI * lowestHz));
        double fb = Math.Min(s.FeedbackPercent.Highest / 100, MaxFeedback);
        double trips = fb > 0 ? Math.Ceiling(Math.Log(1e-6) / Math.Log(fb)) : 1;
        // Each allpass itself rings for a few of its time constants: allow ten.
        return (long)Math.Ceiling(trip * (trips + 10));
    }
}
