namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The SFZ v2 static effect (<c>type=static</c>): adds record-player noise to the bus: a continuous hiss, a click
/// once per cycle and random crackles, all through one tone filter. The input passes unchanged.
/// </summary>
/// <remarks>
/// Design: sfz.org names the <c>static_*</c> opcodes without describing them; we read them as a vinyl simulator,
/// which their names (level, tone, filter, stereo, a cyclic level and time, a random level with a minimum and maximum
/// time) describe. Noise comes from a xorshift32 generator (Marsaglia 2003) held in the effect, so nothing allocates
/// and runs are repeatable. A click is a 1 ms burst of noise with an exponential decay, so it sounds like a pop rather
/// than a single-sample spike. Random crackles wait a uniformly drawn time between the minimum and maximum. The noise
/// never stops, so <see cref="TailFrames"/> is endless whenever any level is above zero. Threads: construct on the
/// control thread; <see cref="Process"/> and <see cref="Clear"/> on the audio thread.
/// </remarks>
public sealed class StaticNoise : BusEffect
{
    private const float FullHissRms = 0.1f;
    private const float Sqrt3 = 1.7320508f; // a uniform −1..1 value has an RMS of 1/√3

    private readonly StaticNoiseSettings _settings;
    private readonly int _sampleRate;
    private readonly EffectFilter[] _filters = new EffectFilter[2];
    private readonly float _clickDecay;
    private readonly long _cyclicFrames;
    private readonly float _k;
    private uint _random = 0x9E3779B9;
    private ParameterSmoother _level;
    private long _untilCyclic;
    private long _untilRandom;
    private float _clickEnvelope;

    /// <summary>Creates the effect for <paramref name="sampleRate"/>. Control thread.</summary>
    public StaticNoise(StaticNoiseSettings settings, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        _settings = settings;
        _sampleRate = sampleRate;
        var type = settings.Filter == EffectFilterType.None ? EffectFilterType.Lowpass1Pole : settings.Filter;
        float hz = 200f * MathF.Pow(100f, (float)Math.Clamp(settings.TonePercent, 0, 100) / 100);
        _filters[0].Set(type, hz, 0, sampleRate);
        _filters[1].Set(type, hz, 0, sampleRate);
        _clickDecay = (float)Math.Exp(-1.0 / (0.001 * sampleRate));
        _cyclicFrames = Math.Max(1, (long)Math.Round(settings.CyclicTimeSeconds * sampleRate));
        _k = ParameterSmoother.Coefficient(0.01, sampleRate);
        bool audible = settings.LevelPercent.Highest > 0 || settings.CyclicLevelPercent > 0 || settings.RandomLevelPercent > 0;
        TailFrames = audible ? long.MaxValue : 0;
        Clear();
    }

    /// <summary>The parameters the effect was built with. Any thread.</summary>
    public StaticNoiseSettings Settings => _settings;

    /// <inheritdoc/>
    public override long TailFrames { get; }

    /// <inheritdoc/>
    public override void Clear()
    {
        _filters[0].Clear();
        _filters[1].Clear();
        _level.Reset();
        _untilCyclic = _cyclicFrames;
        _untilRandom = NextRandomWait();
        _clickEnvelope = 0;
    }

    /// <inheritdoc/>
    public override void Process(Span<float> left, Span<float> right, ReadOnlySpan<byte> controllers)
    {
        int frames = Math.Min(left.Length, right.Length);
        var s = _settings;
        float levelT = s.LevelPercent.Target(controllers) * 0.01f * FullHissRms * Sqrt3;
        float cyclic = (float)(s.CyclicLevelPercent / 100), randomLevel = (float)(s.RandomLevelPercent / 100);
        bool stereo = s.Stereo;
        for (int i = 0; i < frames; i++)
        {
            float hiss = _level.Next(levelT, _k);
            if (cyclic > 0 && --_untilCyclic <= 0)
            {
                _untilCyclic = _cyclicFrames;
                _clickEnvelope = MathF.Max(_clickEnvelope, cyclic);
            }

            if (randomLevel > 0 && --_untilRandom <= 0)
            {
                _untilRandom = NextRandomWait();
                _clickEnvelope = MathF.Max(_clickEnvelope, randomLevel * (0.5f + (0.5f * Uniform01())));
            }

            float click = _clickEnvelope;
            _clickEnvelope = click < 1e-6f ? 0 : click * _clickDecay;
            float noiseL = Uniform();
            float noiseR = stereo ? Uniform() : noiseL;
            left[i] += _filters[0].Process((hiss * noiseL) + (click * MathF.Sign(noiseL)));
            right[i] += _filters[1].Process((hiss * noiseR) + (click * MathF.Sign(noiseR)));
        }
    }

    private long NextRandomWait()
    {
        double min = Math.Max(0.001, _settings.RandomMinTimeSeconds), max = Math.Max(min, _settings.RandomMaxTimeSeconds);
        return Math.Max(1, (long)((min + ((max - min) * Uniform01())) * _sampleRate));
    }

    /// <summary>Uniform in −1..1.</summary>
    private float Uniform() => (2 * Uniform01()) - 1;

    /// <summary>Uniform in 0..1 from xorshift32.</summary>
    private float Uniform01()
    {
        uint x = _random;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _random = x;
        return (x >> 8) * (1f / 16_777_216f);
    }
}
