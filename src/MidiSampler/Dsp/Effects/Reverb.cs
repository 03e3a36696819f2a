namespace MidiSampler.Dsp.Effects;

/// <summary>
/// A stereo room reverb for the reverb send bus: mono in, stereo wet out (added to the destination).
/// </summary>
/// <remarks>
/// Design: the Schroeder-Moorer structure as Jezar's public-domain Freeverb describes it: eight parallel comb filters
/// with a one-pole lowpass in their feedback (damping: highs die sooner, as in a room) feed four series allpass
/// diffusers, per side; the right side's delays are longer by a fixed spread so the two sides decorrelate. Delay
/// lengths are the published ones (given at 44.1 kHz), scaled to the output rate and chosen mutually prime so the
/// echoes do not pile up. Our own implementation from that description. All delay memory is allocated in the
/// constructor; <see cref="Process"/> allocates nothing and flushes tiny values so no denormal stays in a loop.
/// Threads: construct on the control thread; <see cref="Process"/> and <see cref="Clear"/> on the audio thread.
/// </remarks>
public sealed class Reverb
{
    private static readonly int[] CombLengths44k = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
    private static readonly int[] AllpassLengths44k = [556, 441, 341, 225];
    private const int StereoSpread44k = 23;
    private const float InputGain = 0.015f;
    private const float AllpassFeedback = 0.5f;

    private readonly float[][] _combs;
    private readonly int[] _combPositions;
    private readonly float[] _combFilters;
    private readonly float[][] _allpasses;
    private readonly int[] _allpassPositions;
    private float _feedback;
    private float _damp;
    private long _resets;

    /// <summary>Creates the reverb for <paramref name="sampleRate"/>. Control thread.</summary>
    public Reverb(int sampleRate)
    {
        double scale = sampleRate / 44100.0;
        _combs = new float[16][];
        _allpasses = new float[8][];
        for (int side = 0; side < 2; side++)
        {
            int spread = side * StereoSpread44k;
            for (int i = 0; i < 8; i++)
                _combs[(side * 8) + i] = new float[Math.Max(1, (int)((CombLengths44k[i] + spread) * scale))];
            for (int i = 0; i < 4; i++)
                _allpasses[(side * 4) + i] = new float[Math.Max(1, (int)((AllpassLengths44k[i] + spread) * scale))];
        }

        _combPositions = new int[16];
        _combFilters = new float[16];
        _allpassPositions = new int[8];
        SetRoom(0.5, 0.3);
    }

    /// <summary>Wet gain applied to the output.</summary>
    public float WetGain { get; set; } = 1.5f;

    /// <summary>
    /// Room size 0..1 (comb feedback 0.7..0.98: the tail's length) and damping 0..1 (how fast highs decay).
    /// Control or audio thread between blocks.
    /// </summary>
    public void SetRoom(double roomSize, double damping)
    {
        _feedback = (float)(0.7 + (0.28 * Math.Clamp(roomSize, 0, 1)));
        _damp = (float)(0.4 * Math.Clamp(damping, 0, 1));
    }

    /// <summary>Silences the tail. Audio thread.</summary>
    public void Clear()
    {
        foreach (var c in _combs)
            Array.Clear(c);
        foreach (var a in _allpasses)
            Array.Clear(a);
        Array.Clear(_combFilters);
    }

    /// <summary>
    /// How many times the tail went non-finite or out of range (a NaN or a huge value fed in) and was cleared. Any thread.
    /// </summary>
    public long Resets => Volatile.Read(ref _resets);

    /// <summary>
    /// Adds the reverb of <paramref name="input"/> (the send bus) to <paramref name="left"/> and <paramref name="right"/>.
    /// A tail that went non-finite clears itself (counted in <see cref="Resets"/>) instead of ringing NaN for seconds;
    /// what it added in that run is left for the engine's output guard. Audio thread.
    /// </summary>
    public void Process(ReadOnlySpan<float> input, Span<float> left, Span<float> right)
    {
        int frames = Math.Min(input.Length, Math.Min(left.Length, right.Length));
        float feedback = _feedback, damp = _damp, keep = 1 - _damp, wet = WetGain;
        float peak = 0;
        for (int i = 0; i < frames; i++)
        {
            float x = input[i] * InputGain;
            float l = Side(0, x, feedback, damp, keep), r = Side(1, x, feedback, damp, keep);
            left[i] += l * wet;
            right[i] += r * wet;
            peak = MathF.Max(peak, MathF.Abs(l) + MathF.Abs(r)); // MathF.Max propagates NaN
        }

        if (!FiniteGuard.IsHealthy(peak))
        {
            Clear();
            Interlocked.Increment(ref _resets);
        }
    }

    private float Side(int side, float x, float feedback, float damp, float keep)
    {
        float sum = 0;
        for (int c = side * 8, end = c + 8; c < end; c++)
        {
            var line = _combs[c];
            int p = _combPositions[c];
            float y = line[p];
            // One-pole lowpass in the loop: filter = y·(1 − damp) + filter·damp.
            float filtered = (y * keep) + (_combFilters[c] * damp);
            if (MathF.Abs(filtered) < 1e-20f)
                filtered = 0; // denormal guard: the loop would otherwise decay into subnormals
            _combFilters[c] = filtered;
            line[p] = x + (filtered * feedback);
            _combPositions[c] = p + 1 == line.Length ? 0 : p + 1;
            sum += y;
        }

        for (int a = side * 4, end = a + 4; a < end; a++)
        {
            var line = _allpasses[a];
            int p = _allpassPositions[a];
            float delayed = line[p];
            float stored = sum + (delayed * AllpassFeedback);
            line[p] = MathF.Abs(stored) < 1e-20f ? 0 : stored;
            sum = delayed - sum;
            _allpassPositions[a] = p + 1 == line.Length ? 0 : p + 1;
        }

        return sum;
    }
}
