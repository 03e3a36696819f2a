using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
/// Speed: the per-sample recursion of an SVF is latency-bound (each sample waits for the previous state, about
/// 12 cycles a sample). The SIMD path therefore writes each 2-pole stage in state-space form, s' = A·s + B·x,
/// y = C·s + D·x (the same integrator states as Simper's form, so cutoff changes behave identically), and advances
/// 8 samples at once: the 8 outputs are the block's impulse response h (a lower-triangular Toeplitz product with the
/// 8 inputs) plus C·Aʲ·s, and the state after 8 samples is A⁸·s plus a dot product of the inputs with Aⁱ·B. Only
/// the 2×2 state update remains sequential, once per 8 samples. The block coefficients are derived from A, B, C, D
/// whenever the cutoff changes (control rate). <see cref="ProcessScalar"/> is the plain per-sample reference (and the
/// fallback without AVX2/FMA); tests compare the two.
/// </remarks>
internal sealed unsafe class VoiceFilter
{
    private const int MaxStages = 3;
    private const float DenormalFloor = 1e-15f;

    // Per stage, the block coefficients of the 8-sample state-space form (see the remarks), in one array:
    private const int HPad = 0;      // 16: eight zeros, then h[0..7] (h[0] = D, h[j] = C·A^(j-1)·B)
    private const int CA0 = 16;      // 8: (C·A^j)[0], the first state's share of output j
    private const int CA1 = 24;      // 8: (C·A^j)[1]
    private const int P0 = 32;       // 8: (A^(7-i)·B)[0], input i's share of the first state after the block
    private const int P1 = 40;       // 8: (A^(7-i)·B)[1]
    private const int A8 = 48;       // 4: A⁸ row-major
    private const int Ss = 52;       // 4: A row-major (scalar tail)
    private const int Bs = 56;       // 2: B
    private const int Cs = 58;       // 2: C
    private const int Ds = 60;       // 1: D
    private const int Stride = 64;

    // Butterworth stage Q's for 4 and 6 poles (the poles' angles: 1/(2·cos θ)).
    private static readonly float[] Butterworth4 = [0.5411961f, 1.3065630f];
    private static readonly float[] Butterworth6 = [0.5176381f, 0.7071068f, 1.9318517f];

    private readonly float[] _k = new float[MaxStages];
    private readonly float[] _a1 = new float[MaxStages];
    private readonly float[] _a2 = new float[MaxStages];
    private readonly float[] _a3 = new float[MaxStages];
    private readonly float[] _mix = new float[MaxStages * 3]; // per stage: m0, m1, m2
    private readonly float[] _block = new float[MaxStages * Stride];
    private readonly float[] _state = new float[MaxStages * 4]; // per stage: ic1 L, ic2 L, ic1 R, ic2 R
    private FilterType _type;
    private int _stages;
    private bool _onePole;
    private float _gScale = 1;
    private float _shelfA = 1;
    private float _onePoleG;
    private float _lastNormalized = float.NaN;
    private float _gainDb;
    private long _resets;

    /// <summary>Whether <see cref="Process"/> takes the 8-sample SIMD path with AVX and FMA on this CPU.</summary>
    public static bool SimdAvailable => Fma.IsSupported && Avx.IsSupported;

    /// <summary>
    /// Whether <see cref="Process"/> takes the 8-sample block path at all: with AVX and FMA, or else with two 128-bit
    /// halves (NEON on arm64, SSE on x64 without AVX), which <see cref="ProcessVector128"/> runs.
    /// </summary>
    public static bool BlockPathAvailable => SimdAvailable || Vector128.IsHardwareAccelerated;

    /// <summary>True when a filter is set.</summary>
    public bool Enabled => _type != FilterType.None;

    /// <summary>
    /// True after <see cref="Start"/>, <see cref="Retune"/>, <see cref="SetResonance"/> or <see cref="SetEqBand"/> until the
    /// next <see cref="SetCutoff"/>: the new settings take effect only there, so a caller that skips small cutoff moves must
    /// not skip this one. Audio thread.
    /// </summary>
    public bool CutoffPending => float.IsNaN(_lastNormalized);

    /// <summary>Sets the type and resonance at note-on and clears the state.</summary>
    public void Start(FilterType type, float resonanceDb, float gainDb) =>
        StartCore(type, MathF.Max(0.70710678f, Decibels.ToGain(resonanceDb)), gainDb);

    /// <summary>
    /// Changes the type, resonance and gain like <see cref="Start"/> but keeps the integrators' state, so that a bus
    /// effect's controller can move them while sound passes without a click (the TPT form tolerates it). Call
    /// <see cref="SetCutoff"/> after it.
    /// </summary>
    public void Retune(FilterType type, float resonanceDb, float gainDb) =>
        StartCore(type, MathF.Max(0.70710678f, Decibels.ToGain(resonanceDb)), gainDb, clearState: false);

    /// <summary>Forgets the filter's state (its integrators), keeping its settings. Audio thread.</summary>
    public void Reset() => Array.Clear(_state);

    /// <summary>
    /// Times the state went non-finite or out of range and restarted from silence (<see cref="GuardState"/>), since
    /// creation. Written by the audio thread, read by any.
    /// </summary>
    public long Resets => Volatile.Read(ref _resets);

    /// <summary>Where the owner adds up its filters' resets too (a sampler's voices: <c>SamplerStats.FilterResets</c>); null for none.</summary>
    public ResetCounter? SharedResets { get; set; }

    /// <summary>
    /// A peaking bell of <paramref name="bandwidthOctaves"/> between its half-gain (dB) points, as an equaliser band:
    /// Q = 1 / (2·sinh(ln 2 / 2 · bandwidth)), exact after the TPT prewarp (the RBJ cookbook's analogue relation).
    /// </summary>
    public void StartBell(float bandwidthOctaves, float gainDb, bool clearState = true)
    {
        float q = (float)(1 / (2 * Math.Sinh(Math.Log(2) / 2 * Math.Clamp(bandwidthOctaves, 0.001f, 4f))));
        StartCore(FilterType.Peaking, q, gainDb, clearState);
    }

    /// <summary>
    /// A new resonance for a running filter (lfoN_resonance, egN_resonance): the coefficients change, the state stays (a
    /// TPT state-variable filter tolerates that, as it tolerates a moving cutoff). Takes effect at the next
    /// <see cref="SetCutoff"/>. Control rate; no allocation.
    /// </summary>
    public void SetResonance(float resonanceDb)
    {
        if (_type is FilterType.None)
            return;
        Configure(_type, MathF.Max(0.70710678f, Decibels.ToGain(resonanceDb)), _gainDb);
    }

    /// <summary>
    /// New bandwidth and gain for a running equaliser band (lfoN_eqXbw/gain, egN_eqXbw/gain): as <see cref="StartBell"/>
    /// for a peaking band, as <see cref="Start"/> (resonance 0 dB) for a shelf, without clearing the state. Takes effect at
    /// the next <see cref="SetCutoff"/>. Control rate; no allocation.
    /// </summary>
    public void SetEqBand(FilterType shape, float bandwidthOctaves, float gainDb)
    {
        float q = shape is FilterType.LowShelf or FilterType.HighShelf
            ? 1
            : (float)(1 / (2 * Math.Sinh(Math.Log(2) / 2 * Math.Clamp(bandwidthOctaves, 0.001f, 4f))));
        Configure(shape is FilterType.LowShelf or FilterType.HighShelf ? shape : FilterType.Peaking, q, gainDb);
    }

    private void StartCore(FilterType type, float q, float gainDb, bool clearState = true)
    {
        if (clearState)
            Array.Clear(_state);
        Configure(type, q, gainDb);
    }

    private void Configure(FilterType type, float q, float gainDb)
    {
        _type = type;
        _gainDb = gainDb;
        _lastNormalized = float.NaN;
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
        var (m0, m1, m2) = type switch
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
        bool highCascade = type is FilterType.Highpass4Pole or FilterType.Highpass6Pole;
        for (int s = 0; s < _stages; s++)
        {
            // Inner stages of a cascade are plain low/highpass; the type's output mix applies to the last.
            bool last = s == _stages - 1;
            _mix[(s * 3) + 0] = last ? m0 : highCascade ? 1 : 0;
            _mix[(s * 3) + 1] = last ? m1 : highCascade ? -_k[s] : 0;
            _mix[(s * 3) + 2] = last ? m2 : highCascade ? -1 : 1;
        }
    }

    /// <summary>Sets the cutoff as a fraction of the output rate (clamped below Nyquist). Control rate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SetCutoff(float normalized)
    {
        if (normalized == _lastNormalized)
            return; // an unmoved cutoff keeps its coefficients (a modulation source may be idle)
        _lastNormalized = normalized;
        float g = TanTable.Tan(normalized) * _gScale;
        if (_onePole)
        {
            _onePoleG = g / (1 + g);
            return;
        }

        fixed (float* block = _block)
        {
            for (int s = 0; s < _stages; s++)
            {
                float a1 = 1 / (1 + (g * (g + _k[s])));
                float a2 = g * a1;
                float a3 = g * a2;
                _a1[s] = a1;
                _a2[s] = a2;
                _a3[s] = a3;
                BuildBlock(block + (s * Stride), a1, a2, a3, _mix[s * 3], _mix[(s * 3) + 1], _mix[(s * 3) + 2]);
            }
        }
    }

    /// <summary>Filters <paramref name="frames"/> frames in place; <paramref name="right"/> may be null (mono).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Process(float* left, float* right, int frames)
    {
        if (_onePole || !BlockPathAvailable)
        {
            ProcessScalar(left, right, frames);
            return;
        }

        ProcessBlocks(left, right, frames, vector128: !SimdAvailable);
    }

    /// <summary>
    /// A state that went non-finite or out of range (a NaN or a huge value came in) would keep the voice outputting NaN
    /// until it ends: the integrators restart from silence instead, counted in <see cref="Resets"/> (the block just
    /// filtered is left to the engine's output guard, which counts its values). A handful of compares per block.
    /// </summary>
    private void GuardState()
    {
        // Only the stages in use, and one compare: the sum of magnitudes is non-finite or large when any term is (NaN
        // fails the compare). Runs after every filtered run of every voice, so it must cost next to nothing.
        int used = _onePole ? 4 : _stages * 4;
        float sum = 0;
        fixed (float* st = _state)
        {
            for (int i = 0; i < used; i++)
                sum += MathF.Abs(st[i]);
        }

        if (!(sum <= FiniteGuard.MaxHealthyValue))
        {
            Array.Clear(_state);
            Volatile.Write(ref _resets, _resets + 1);
            SharedResets?.Add();
        }
    }

    /// <summary>The plain per-sample reference (Simper's form); the fallback without AVX2/FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ProcessScalar(float* left, float* right, int frames)
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
                    float m0 = _mix[s * 3], m1 = _mix[(s * 3) + 1], m2 = _mix[(s * 3) + 2];
                    float* state = st + (s * 4);
                    Stage(left, frames, ref state[0], ref state[1], _a1[s], _a2[s], _a3[s], m0, m1, m2);
                    if (right != null)
                        Stage(right, frames, ref state[2], ref state[3], _a1[s], _a2[s], _a3[s], m0, m1, m2);
                }
            }

            FlushDenormals(st, _onePole ? 4 : _stages * 4);
        }

        GuardState();
    }

    private static void FlushDenormals(float* st, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (MathF.Abs(st[i]) < DenormalFloor)
                st[i] = 0;
        }
    }

    /// <summary>
    /// The state-space form of one Simper stage and its 8-sample block coefficients. Substituting Simper's
    /// v1 = a1·s1 + a2·(x − s2), v2 = s2 + a2·s1 + a3·(x − s2), s' = 2v − s, y = m0·x + m1·v1 + m2·v2 gives
    /// A = [[2a1−1, −2a2], [2a2, 1−2a3]], B = [2a2, 2a3], C = [m1·a1 + m2·a2, m2·(1−a3) − m1·a2], D = m0 + m1·a2 + m2·a3.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BuildBlock(float* c, float a1, float a2, float a3, float m0, float m1, float m2)
    {
        float a00 = (2 * a1) - 1, a01 = -2 * a2, a10 = 2 * a2, a11 = 1 - (2 * a3);
        float b0 = 2 * a2, b1 = 2 * a3;
        float c0 = (m1 * a1) + (m2 * a2), c1 = (m2 * (1 - a3)) - (m1 * a2);
        float d = m0 + (m1 * a2) + (m2 * a3);
        c[Ss] = a00;
        c[Ss + 1] = a01;
        c[Ss + 2] = a10;
        c[Ss + 3] = a11;
        c[Bs] = b0;
        c[Bs + 1] = b1;
        c[Cs] = c0;
        c[Cs + 1] = c1;
        c[Ds] = d;

        // Powers A², A³, A⁴ (and A⁸ below) let four rows or columns be computed side by side in lanes instead of
        // an 8-step chain: lane j holds A^j for j = 0..3, and lanes 4..7 are the same times A⁴.
        float q00 = (a00 * a00) + (a01 * a10), q01 = (a00 * a01) + (a01 * a11);
        float q10 = (a10 * a00) + (a11 * a10), q11 = (a10 * a01) + (a11 * a11);
        float t00 = (q00 * a00) + (q01 * a10), t01 = (q00 * a01) + (q01 * a11);
        float t10 = (q10 * a00) + (q11 * a10), t11 = (q10 * a01) + (q11 * a11);
        float f00 = (q00 * q00) + (q01 * q10), f01 = (q00 * q01) + (q01 * q11);
        float f10 = (q10 * q00) + (q11 * q10), f11 = (q10 * q01) + (q11 * q11);
        var p00 = Vector128.Create(1f, a00, q00, t00);
        var p01 = Vector128.Create(0f, a01, q01, t01);
        var p10 = Vector128.Create(0f, a10, q10, t10);
        var p11 = Vector128.Create(1f, a11, q11, t11);

        // Rows C·A^j: output j's view of the starting state; h[j+1] = C·A^j·B.
        var r0 = (p00 * c0) + (p10 * c1);
        var r1 = (p01 * c0) + (p11 * c1);
        var ca0 = Vector256.Create(r0, (r0 * f00) + (r1 * f10));
        var ca1 = Vector256.Create(r1, (r0 * f01) + (r1 * f11));
        Vector256.Store((ca0 * b0) + (ca1 * b1), c + HPad + 9); // lanes 0..6 are h[1..7]; lane 7 is overwritten by CA0[0]
        c[HPad + 8] = d;
        Vector256.Store(ca0, c + CA0);
        Vector256.Store(ca1, c + CA1);

        // Columns A^m·B, m = 0..7; input i contributes A^(7-i)·B to the state after the block, hence the reversal.
        var m0v = (p00 * b0) + (p01 * b1);
        var m1v = (p10 * b0) + (p11 * b1);
        var col0 = Vector256.Create(m0v, (m0v * f00) + (m1v * f01));
        var col1 = Vector256.Create(m1v, (m0v * f10) + (m1v * f11));
        var reverse = Vector256.Create(7, 6, 5, 4, 3, 2, 1, 0);
        Vector256.Store(Vector256.Shuffle(col0, reverse), c + P0);
        Vector256.Store(Vector256.Shuffle(col1, reverse), c + P1);

        // A⁸ = (A⁴)².
        float e00 = (f00 * f00) + (f01 * f10), e01 = (f00 * f01) + (f01 * f11);
        float e10 = (f10 * f00) + (f11 * f10), e11 = (f10 * f01) + (f11 * f11);
        c[A8] = e00;
        c[A8 + 1] = e01;
        c[A8 + 2] = e10;
        c[A8 + 3] = e11;
        Vector256.Store(Vector256<float>.Zero, c + HPad);
    }

    /// <summary>
    /// The 8-sample block form on 128-bit vectors: each 8-lane vector of the AVX path as two halves (NEON on a Raspberry
    /// Pi). The path <see cref="Process"/> takes without AVX; tests call it directly on any CPU. Not for a one-pole filter.
    /// </summary>
    internal void ProcessVector128(float* left, float* right, int frames) => ProcessBlocks(left, right, frames, vector128: true);

    /// <summary>Every stage over both channels in the block form, on 256-bit AVX+FMA or on 128-bit halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ProcessBlocks(float* left, float* right, int frames, bool vector128)
    {
        fixed (float* st = _state)
        fixed (float* block = _block)
        {
            for (int s = 0; s < _stages; s++)
            {
                float* state = st + (s * 4);
                float* c = block + (s * Stride);
                for (int side = 0; side < 2; side++)
                {
                    float* x = side == 0 ? left : right;
                    if (x == null)
                        continue;
                    if (vector128)
                        BlockStage128(x, frames, ref state[side * 2], ref state[(side * 2) + 1], c);
                    else
                        BlockStage(x, frames, ref state[side * 2], ref state[(side * 2) + 1], c);
                }
            }
        }

        GuardState();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BlockStage128(float* x, int frames, ref float ic1, ref float ic2, float* c)
    {
        float s1 = ic1, s2 = ic2;
        int i = 0;
        if (frames >= 8)
        {
            // Lane k of output block y is sum_j x[j] * h_j[k] + s1 * CA0[k] + s2 * CA1[k] (see BuildBlock); "L" holds lanes
            // 0..3 and "H" lanes 4..7 of each 8-lane coefficient vector.
            var ca0L = Vector128.Load(c + CA0);
            var ca0H = Vector128.Load(c + CA0 + 4);
            var ca1L = Vector128.Load(c + CA1);
            var ca1H = Vector128.Load(c + CA1 + 4);
            var p0L = Vector128.Load(c + P0);
            var p0H = Vector128.Load(c + P0 + 4);
            var p1L = Vector128.Load(c + P1);
            var p1H = Vector128.Load(c + P1 + 4);
            var h0L = Vector128.Load(c + HPad + 8);
            var h0H = Vector128.Load(c + HPad + 12);
            var h1L = Vector128.Load(c + HPad + 7);
            var h1H = Vector128.Load(c + HPad + 11);
            var h2L = Vector128.Load(c + HPad + 6);
            var h2H = Vector128.Load(c + HPad + 10);
            var h3L = Vector128.Load(c + HPad + 5);
            var h3H = Vector128.Load(c + HPad + 9);
            var h4L = Vector128.Load(c + HPad + 4);
            var h4H = Vector128.Load(c + HPad + 8);
            var h5L = Vector128.Load(c + HPad + 3);
            var h5H = Vector128.Load(c + HPad + 7);
            var h6L = Vector128.Load(c + HPad + 2);
            var h6H = Vector128.Load(c + HPad + 6);
            var h7L = Vector128.Load(c + HPad + 1);
            var h7H = Vector128.Load(c + HPad + 5);
            float e00 = c[A8], e01 = c[A8 + 1], e10 = c[A8 + 2], e11 = c[A8 + 3];
            for (; i <= frames - 8; i += 8)
            {
                float* b = x + i;
                var inL = Vector128.Load(b);
                var inH = Vector128.Load(b + 4);
                Vector128<float> x0 = Vector128.Create(b[0]), x1 = Vector128.Create(b[1]), x2 = Vector128.Create(b[2]), x3 = Vector128.Create(b[3]);
                Vector128<float> x4 = Vector128.Create(b[4]), x5 = Vector128.Create(b[5]), x6 = Vector128.Create(b[6]), x7 = Vector128.Create(b[7]);
                Vector128<float> v1 = Vector128.Create(s1), v2 = Vector128.Create(s2);
                var yL = ((x0 * h0L) + (x1 * h1L)) + ((x2 * h2L) + (x3 * h3L)) + ((x4 * h4L) + (x5 * h5L)) + ((x6 * h6L) + (x7 * h7L))
                    + ((v1 * ca0L) + (v2 * ca1L));
                var yH = ((x0 * h0H) + (x1 * h1H)) + ((x2 * h2H) + (x3 * h3H)) + ((x4 * h4H) + (x5 * h5H)) + ((x6 * h6H) + (x7 * h7H))
                    + ((v1 * ca0H) + (v2 * ca1H));
                float d0 = Vector128.Sum((inL * p0L) + (inH * p0H));
                float d1 = Vector128.Sum((inL * p1L) + (inH * p1H));
                yL.Store(b);
                yH.Store(b + 4);
                float n1 = (e00 * s1) + (e01 * s2) + d0;
                s2 = (e10 * s1) + (e11 * s2) + d1;
                s1 = n1;
            }
        }

        FinishStage(x, i, frames, s1, s2, ref ic1, ref ic2, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BlockStage(float* x, int frames, ref float ic1, ref float ic2, float* c)
    {
        float s1 = ic1, s2 = ic2;
        int i = 0;
        if (frames >= 8)
        {
            var ca0 = Avx.LoadVector256(c + CA0);
            var ca1 = Avx.LoadVector256(c + CA1);
            var p0 = Avx.LoadVector256(c + P0);
            var p1 = Avx.LoadVector256(c + P1);
            var h0 = Avx.LoadVector256(c + HPad + 8);
            var h1 = Avx.LoadVector256(c + HPad + 7);
            var h2 = Avx.LoadVector256(c + HPad + 6);
            var h3 = Avx.LoadVector256(c + HPad + 5);
            var h4 = Avx.LoadVector256(c + HPad + 4);
            var h5 = Avx.LoadVector256(c + HPad + 3);
            var h6 = Avx.LoadVector256(c + HPad + 2);
            var h7 = Avx.LoadVector256(c + HPad + 1);
            float e00 = c[A8], e01 = c[A8 + 1], e10 = c[A8 + 2], e11 = c[A8 + 3];
            for (; i <= frames - 8; i += 8)
            {
                float* b = x + i;
                var input = Avx.LoadVector256(b);
                // Four independent accumulators: the 8 products do not wait on each other.
                var y0 = Fma.MultiplyAdd(Vector256.Create(b[1]), h1, Vector256.Create(b[0]) * h0);
                var y1 = Fma.MultiplyAdd(Vector256.Create(b[3]), h3, Vector256.Create(b[2]) * h2);
                var y2 = Fma.MultiplyAdd(Vector256.Create(b[5]), h5, Vector256.Create(b[4]) * h4);
                var y3 = Fma.MultiplyAdd(Vector256.Create(b[7]), h7, Vector256.Create(b[6]) * h6);
                var fromState = Fma.MultiplyAdd(Vector256.Create(s2), ca1, Vector256.Create(s1) * ca0);
                float d0 = Vector256.Sum(input * p0);
                float d1 = Vector256.Sum(input * p1);
                Avx.Store(b, ((y0 + y1) + (y2 + y3)) + fromState);
                float n1 = (e00 * s1) + (e01 * s2) + d0;
                s2 = (e10 * s1) + (e11 * s2) + d1;
                s1 = n1;
            }
        }

        FinishStage(x, i, frames, s1, s2, ref ic1, ref ic2, c);
    }

    /// <summary>The frames after the last whole block of 8, one by one with the per-sample matrices; then the carried state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishStage(float* x, int i, int frames, float s1, float s2, ref float ic1, ref float ic2, float* c)
    {
        if (i < frames)
        {
            float a00 = c[Ss], a01 = c[Ss + 1], a10 = c[Ss + 2], a11 = c[Ss + 3];
            float b0 = c[Bs], b1 = c[Bs + 1], c0 = c[Cs], c1 = c[Cs + 1], d = c[Ds];
            for (; i < frames; i++)
            {
                float v = x[i];
                x[i] = (c0 * s1) + (c1 * s2) + (d * v);
                float n1 = (a00 * s1) + (a01 * s2) + (b0 * v);
                s2 = (a10 * s1) + (a11 * s2) + (b1 * v);
                s1 = n1;
            }
        }

        // Denormal guard on the carried state (the tail of a decaying note).
        ic1 = MathF.Abs(s1) < DenormalFloor ? 0 : s1;
        ic2 = MathF.Abs(s2) < DenormalFloor ? 0 : s2;
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
