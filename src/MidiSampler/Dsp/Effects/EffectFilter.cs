namespace MidiSampler.Dsp.Effects;

/// <summary>
/// One channel of a small filter used inside effects: a one-pole or an RBJ-cookbook biquad, with coefficients set at
/// control rate and tiny state values flushed to zero. Audio thread (lives inside an effect); no allocation.
/// </summary>
/// <remarks>
/// Design: transposed direct form II biquad with the coefficient formulas of Robert Bristow-Johnson's "Audio EQ
/// Cookbook"; the one-pole forms use the exact pole e^(−2π·f/rate) (lowpass y += (1 − p)(x − y), highpass x − lowpass).
/// Resonance is in dB as for SFZ's <c>resonance</c> (0 dB gives Q = 1/√2, a flat Butterworth response).
/// </remarks>
internal struct EffectFilter
{
    private const float Tiny = 1e-20f;
    private EffectFilterType _type;
    private float _b0, _b1, _b2, _a1, _a2;
    private float _s1, _s2;

    /// <summary>Sets the type and response; keeps the state so a moving cutoff does not click.</summary>
    public void Set(EffectFilterType type, float cutoffHz, float resonanceDb, int sampleRate)
    {
        _type = type;
        if (type == EffectFilterType.None)
            return;
        float nyquistSafe = 0.49f * sampleRate;
        float f = Math.Clamp(cutoffHz, 1f, nyquistSafe);
        if (type is EffectFilterType.Lowpass1Pole or EffectFilterType.Highpass1Pole)
        {
            _a1 = MathF.Exp(-2 * MathF.PI * f / sampleRate);
            return;
        }

        float w = 2 * MathF.PI * f / sampleRate;
        float cos = MathF.Cos(w), sin = MathF.Sin(w);
        float q = 0.70710678f * MathF.Pow(10, Math.Clamp(resonanceDb, 0, 40) / 20);
        float alpha = sin / (2 * q);
        float a0 = 1 + alpha;
        float b0, b1, b2;
        switch (type)
        {
            case EffectFilterType.Lowpass2Pole:
                b1 = 1 - cos;
                b0 = b2 = b1 / 2;
                break;
            case EffectFilterType.Highpass2Pole:
                b1 = -(1 + cos);
                b0 = b2 = (1 + cos) / 2;
                break;
            case EffectFilterType.Bandpass2Pole:
                b0 = alpha;
                b1 = 0;
                b2 = -alpha;
                break;
            default:
                b0 = b2 = 1;
                b1 = -2 * cos;
                break;
        }

        _b0 = b0 / a0;
        _b1 = b1 / a0;
        _b2 = b2 / a0;
        _a1 = -2 * cos / a0;
        _a2 = (1 - alpha) / a0;
    }

    /// <summary>Forgets the state.</summary>
    public void Clear() => _s1 = _s2 = 0;

    /// <summary>Filters one sample.</summary>
    public float Process(float x)
    {
        switch (_type)
        {
            case EffectFilterType.None:
                return x;
            case EffectFilterType.Lowpass1Pole:
            case EffectFilterType.Highpass1Pole:
            {
                float y = _s1 + ((1 - _a1) * (x - _s1));
                _s1 = MathF.Abs(y) < Tiny ? 0 : y;
                return _type == EffectFilterType.Lowpass1Pole ? y : x - y;
            }

            default:
            {
                float y = (_b0 * x) + _s1;
                float s1 = (_b1 * x) - (_a1 * y) + _s2;
                float s2 = (_b2 * x) - (_a2 * y);
                _s1 = MathF.Abs(s1) < Tiny ? 0 : s1;
                _s2 = MathF.Abs(s2) < Tiny ? 0 : s2;
                return y;
            }
        }
    }
}
