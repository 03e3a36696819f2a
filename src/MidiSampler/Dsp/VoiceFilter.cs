using System.Runtime.CompilerServices;
using MidiSampler.Model;

namespace MidiSampler.Dsp;

/// <summary>
/// A voice's filter: up to three cascaded state-variable stages (or one 1-pole stage) for one or two channels.
/// Preallocated in each voice; audio thread only.
/// </summary>
/// <remarks>
/// Design: a topology-preserving-transform (TPT, trapezoidal integration) state-variable filter, after
/// Zavalishin, "The Art of VA Filter Design" (2012), in the form Andrew Simper published ("Linear Trapezoidal
/// Integrated SVF", Cytomic 2013). Chosen over a direct-form biquad because its state variables are the
/// integrators' own, so changing the cutoff every control block (envelopes, LFOs, controllers) neither clicks nor
/// goes unstable, and it stays accurate at low cutoffs in single precision, where a biquad's coefficients lose
/// precision. Lowpass, highpass, bandpass, notch, peaking and shelves are the same two integrators with different
/// output mixes (m0·x + m1·band + m2·low). 4- and 6-pole types cascade 2-pole stages with Butterworth Q's, the
/// resonance going to the last stage, so that at resonance 0 they are maximally flat. Resonance is SFZ's: the
/// gain at the cutoff in dB (sfz.org, resonance), i.e. Q = 10^(dB/20): 0 dB at the cutoff for resonance 0, as sfizz's
/// 2-pole types. The 4- and 6-pole cascades keep Butterworth stages (−3 dB at the cutoff) until the resonance
/// asks for more than the last stage's Q.
/// The cutoff is clamped to 0.45 × the rate (<see cref="TanTable"/>). Tiny states are flushed to zero after each
/// run so that a decaying tail never reaches denormals.
/// </remarks>
internal sealed unsafe class VoiceFilter
{
    private const int MaxStages = 3;
    private const float DenormalFloor = 1e-15f;

    // Butterworth stage Q's for 4 and 6 poles (the poles' angles: 1/(2·cos θ)).
    private static readonly float[] Butterworth4 = [0.5411961f, 1.3065630f];
    private static readonly float[] Butterworth6 = [0.5176381f, 0.7071068f, 1.9318517f];

    private readonly float[] _k = new float[MaxStages];
    private readonly float[] _a1 = new float[MaxStages];
    private readonly float[] _a2 = new float[MaxStages];
    private readonly float[] _a3 = new float[MaxStages];
    private readonly float[] _state = new float[MaxStages * 4]; // per stage: ic1 L, ic2 L, ic1 R, ic2 R
    private FilterType _type;
    private int _stages;
    private bool _onePole;
    private float _m0, _m1, _m2;
    private float _gScale = 1;
    private float _shelfA = 1;
    private float _onePoleG;

    /// <summary>True when a filter is set.</summary>
    public bool Enabled => _type != FilterType.None;

    /// <summary>Sets the type and resonance at note-on and clears the state.</summary>
    public void Start(FilterType type, float resonanceDb, float gainDb)
    {
        _type = type;
        Array.Clear(_state);
        float q = MathF.Max(0.70710678f, Decibels.ToGain(resonanceDb));
        _shelfA = Decibels.ToGain(gainDb * 0.5f); // A = 10^(gain/40): the shelf and peak "amplitude"
        _onePole = type is FilterType.Lowpass1Pole or FilterType.Highpass1Pole;
        _gScale = 1;
        _stages = 1;
        switch (type)
        {
            case FilterType.Lowpass4Pole or FilterType.Highpass4Pole:
                _stages = 2;
                _k[0] = 1 / Butterworth4[0];
                _k[1] = 1 / MathF.Max(Butterworth4[1], q);
                break;
            case FilterType.Lowpass6Pole or FilterType.Highpass6Pole:
                _stages = 3;
                _k[0] = 1 / Butterworth6[0];
                _k[1] = 1 / Butterworth6[1];
                _k[2] = 1 / MathF.Max(Butterworth6[2], q);
                break;
            case FilterType.Peaking:
                _k[0] = 1 / (q * _shelfA);
                break;
            case FilterType.LowShelf:
                _k[0] = 1 / 0.70710678f;
                _gScale = 1 / MathF.Sqrt(_shelfA);
                break;
            case FilterType.HighShelf:
                _k[0] = 1 / 0.70710678f;
                _gScale = MathF.Sqrt(_shelfA);
                break;
            default:
                _k[0] = 1 / q;
                break;
        }

        float k = _k[_stages - 1], a = _shelfA;
        (_m0, _m1, _m2) = type switch
        {
            FilterType.Lowpass2Pole or FilterType.Lowpass4Pole or FilterType.Lowpass6Pole => (0f, 0f, 1f),
            FilterType.Highpass2Pole or FilterType.Highpass4Pole or FilterType.Highpass6Pole => (1f, -k, -1f),
            FilterType.Bandpass2Pole => (0f, k, 0f),
            FilterType.Bandreject2Pole => (1f, -k, 0f),
            FilterType.Peaking => (1f, k * ((a * a) - 1), 0f),
            FilterType.LowShelf => (1f, k * (a - 1), (a * a) - 1),
            FilterType.HighShelf => (a * a, k * (1 - a) * a, 1 - (a * a)),
            _ => (0f, 0f, 1f),
        };
    }

    /// <summary>Sets the cutoff as a fraction of the output rate (clamped below Nyquist). Control rate.</summary>
    public void SetCutoff(float normalized)
    {
        float g = TanTable.Tan(normalized) * _gScale;
        if (_onePole)
        {
            _onePoleG = g / (1 + g);
            return;
        }

        for (int s = 0; s < _stages; s++)
        {
            float a1 = 1 / (1 + (g * (g + _k[s])));
            _a1[s] = a1;
            _a2[s] = g * a1;
            _a3[s] = g * _a2[s];
        }
    }

    /// <summary>Filters <paramref name="frames"/> frames in place; <paramref name="right"/> may be null (mono).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Process(float* left, float* right, int frames)
    {
        fixed (float* st = _state)
        {
            if (_onePole)
            {
                bool high = _type == FilterType.Highpass1Pole;
                OnePole(left, frames, ref st[0], _onePoleG, high);
                if (right != null)
                    OnePole(right, frames, ref st[2], _onePoleG, high);
            }
            else
            {
                for (int s = 0; s < _stages; s++)
                {
                    bool last = s == _stages - 1;
                    // Inner stages of a cascade are plain low/highpass; the output mix applies to the last.
                    float m0 = last ? _m0 : 0, m1 = last ? _m1 : 0, m2 = last ? _m2 : 1;
                    if (!last && _type is FilterType.Highpass4Pole or FilterType.Highpass6Pole)
                        (m0, m1, m2) = (1, -_k[s], -1);
                    float* state = st + (s * 4);
                    Stage(left, frames, ref state[0], ref state[1], _a1[s], _a2[s], _a3[s], m0, m1, m2);
                    if (right != null)
                        Stage(right, frames, ref state[2], ref state[3], _a1[s], _a2[s], _a3[s], m0, m1, m2);
                }
            }

            for (int i = 0; i < _state.Length; i++)
            {
                if (MathF.Abs(st[i]) < DenormalFloor)
                    st[i] = 0;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Stage(float* x, int frames, ref float ic1, ref float ic2, float a1, float a2, float a3, float m0, float m1, float m2)
    {
        float s1 = ic1, s2 = ic2;
        for (int i = 0; i < frames; i++)
        {
            float v0 = x[i];
            float v3 = v0 - s2;
            float v1 = (a1 * s1) + (a2 * v3);
            float v2 = s2 + (a2 * s1) + (a3 * v3);
            s1 = (2 * v1) - s1;
            s2 = (2 * v2) - s2;
            x[i] = (m0 * v0) + (m1 * v1) + (m2 * v2);
        }

        ic1 = s1;
        ic2 = s2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OnePole(float* x, int frames, ref float state, float g, bool high)
    {
        float s = state;
        for (int i = 0; i < frames; i++)
        {
            float v0 = x[i];
            float v = (v0 - s) * g;
            float low = v + s;
            s = low + v;
            x[i] = high ? v0 - low : low;
        }

        state = s;
    }
}
