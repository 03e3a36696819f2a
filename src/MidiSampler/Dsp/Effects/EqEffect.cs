
namespace MidiSampler.Dsp.Effects;

/// <summary>
/// One equaliser band on a bus (SFZ v2 <c>type=eq</c>): a peaking bell, a low shelf or a high shelf.
/// </summary>
/// <remarks>
/// Design: the band is the voice filter's state-variable form (<see cref="VoiceFilter"/>), whose bell and shelves
/// match the RBJ cookbook's analogue prototypes (bell Q from the bandwidth in octaves) and whose state survives
/// coefficient changes, so controllers (<c>eq_freq_onccN</c>, <c>eq_gain_onccN</c>, <c>eq_bw_onccN</c>) glide: each run
/// moves the parameters toward their controller targets (time constant 10 ms; frequency in octaves) in steps of
/// <see cref="EffectSmoothing.GlideFrames"/> frames, and recomputes the coefficients only while they move. The shelves ignore the bandwidth (slope fixed at Q = 0.707),
/// as the region equaliser's shelves do. Threads: construct on the control thread; process on the audio thread.
/// </remarks>
internal sealed unsafe class EqEffect : BusEffect
{
    private readonly VoiceFilter _filter = new();
    private readonly FilterType _shape;
    private readonly ControlledParameter _frequencyHz;
    private readonly ControlledParameter _bandwidthOctaves;
    private readonly ControlledParameter _gainDb;
    private readonly float _sampleRate;
    private float _log2Frequency = float.NaN;
    private float _bandwidth;
    private float _gain;

    /// <summary>Creates the band. Control thread.</summary>
    /// <param name="shape"><see cref="FilterType.Peaking"/>, <see cref="FilterType.LowShelf"/> or <see cref="FilterType.HighShelf"/>.</param>
    /// <param name="frequencyHz">Centre (bell) or corner (shelf) frequency in Hz.</param>
    /// <param name="bandwidthOctaves">Bell width in octaves.</param>
    /// <param name="gainDb">Boost (positive) or cut in dB.</param>
    /// <param name="sampleRate">Output rate in Hz.</param>
    public EqEffect(FilterType shape, ControlledParameter frequencyHz, ControlledParameter bandwidthOctaves, ControlledParameter gainDb, int sampleRate)
    {
        _shape = shape is FilterType.LowShelf or FilterType.HighShelf ? shape : FilterType.Peaking;
        _frequencyHz = frequencyHz;
        _bandwidthOctaves = bandwidthOctaves;
        _gainDb = gainDb;
        _sampleRate = sampleRate;
        TailFrames = sampleRate / 2; // a narrow bell rings for a while; half a second covers it
    }

    /// <inheritdoc/>
    public override long TailFrames { get; }

    /// <inheritdoc/>
    public override void Process(Span<float> left, Span<float> right, ReadOnlySpan<byte> controllers)
    {
        int frames = Math.Min(left.Length, right.Length);
        if (frames == 0)
            return;
        float log2Target = MathF.Log2(Math.Max(_frequencyHz.Target(controllers), 1f));
        float bwTarget = _bandwidthOctaves.Target(controllers), gainTarget = _gainDb.Target(controllers);
        if (float.IsNaN(_log2Frequency))
        {
            (_log2Frequency, _bandwidth, _gain) = (log2Target, bwTarget, gainTarget);
            Retune();
        }

        fixed (float* l = left)
        fixed (float* r = right)
        {
            int done = 0;
            while (done < frames)
            {
                if (log2Target == _log2Frequency && bwTarget == _bandwidth && gainTarget == _gain)
                {
                    _filter.Process(l + done, r + done, frames - done);
                    break;
                }

                // Gliding: a bell's output mix moves with its gain, so the coefficients step every few frames (small
                // steps, no audible edge) until the targets are reached.
                int n = Math.Min(EffectSmoothing.GlideFrames, frames - done);
                float step = EffectSmoothing.Step(n, _sampleRate);
                _log2Frequency = EffectSmoothing.Toward(_log2Frequency, log2Target, step, 1e-4f);
                _bandwidth = EffectSmoothing.Toward(_bandwidth, bwTarget, step, 1e-4f);
                _gain = EffectSmoothing.Toward(_gain, gainTarget, step, 1e-3f);
                Retune();
                _filter.Process(l + done, r + done, n);
                done += n;
            }
        }
    }

    /// <inheritdoc/>
    public override void Clear()
    {
        _filter.Reset();
        _log2Frequency = float.NaN; // the next run starts at the targets, not gliding from old values
    }

    private void Retune()
    {
        if (_shape == FilterType.Peaking)
            _filter.StartBell(_bandwidth, _gain, clearState: false);
        else
            _filter.Retune(_shape, 0, _gain);
        _filter.SetCutoff(MathF.Pow(2, _log2Frequency) / _sampleRate);
    }
}
