
namespace MidiSampler.Dsp.Effects;

/// <summary>
/// A filter on a bus (SFZ v2 <c>type=filter</c>): the region filter's types (<c>filter_type</c> takes <c>fil_type</c>'s
/// names), cutoff in Hz, resonance in dB, both movable by controllers.
/// </summary>
/// <remarks>
/// Design: the voice filter's state-variable cascade (<see cref="VoiceFilter"/>), shared with the regions so that a bus
/// filter and a region filter of the same type sound alike. <c>filter_cutoff_onccN</c> is in cents, as the region's
/// <c>cutoff_onccN</c>; <c>filter_resonance_onccN</c> in dB. Both glide (10 ms, coefficients stepped every
/// <see cref="EffectSmoothing.GlideFrames"/> frames) toward their controller targets.
/// Threads: construct on the control thread; process on the audio thread.
/// </remarks>
internal sealed unsafe class FilterEffect : BusEffect
{
    private readonly VoiceFilter _filter = new();
    private readonly FilterType _type;
    private readonly float _cutoffHz;
    private readonly ControlledParameter _cutoffCents;
    private readonly ControlledParameter _resonanceDb;
    private readonly float _sampleRate;
    private float _cents = float.NaN;
    private float _resonance;

    /// <summary>Creates the filter. Control thread.</summary>
    /// <param name="type">The response (not <see cref="FilterType.None"/>).</param>
    /// <param name="cutoffHz">Cutoff in Hz without controllers.</param>
    /// <param name="cutoffCents">Controller offset of the cutoff in cents (base 0).</param>
    /// <param name="resonanceDb">Resonance: gain at the cutoff in dB.</param>
    /// <param name="sampleRate">Output rate in Hz.</param>
    public FilterEffect(FilterType type, float cutoffHz, ControlledParameter cutoffCents, ControlledParameter resonanceDb, int sampleRate)
    {
        _type = type == FilterType.None ? FilterType.Lowpass2Pole : type;
        _cutoffHz = Math.Max(cutoffHz, 1f);
        _cutoffCents = cutoffCents;
        _resonanceDb = resonanceDb;
        _sampleRate = sampleRate;
        TailFrames = sampleRate / 2;
    }

    /// <inheritdoc/>
    public override long TailFrames { get; }

    /// <inheritdoc/>
    public override void Process(Span<float> left, Span<float> right, ReadOnlySpan<byte> controllers)
    {
        int frames = Math.Min(left.Length, right.Length);
        if (frames == 0)
            return;
        float centsTarget = _cutoffCents.Target(controllers), resonanceTarget = _resonanceDb.Target(controllers);
        if (float.IsNaN(_cents))
        {
            (_cents, _resonance) = (centsTarget, resonanceTarget);
            _filter.Start(_type, _resonance, 0);
            SetCutoff();
        }

        fixed (float* l = left)
        fixed (float* r = right)
        {
            int done = 0;
            while (done < frames)
            {
                if (centsTarget == _cents && resonanceTarget == _resonance)
                {
                    _filter.Process(l + done, r + done, frames - done);
                    break;
                }

                // Gliding: coefficients step every few frames until the targets are reached.
                int n = Math.Min(EffectSmoothing.GlideFrames, frames - done);
                float step = EffectSmoothing.Step(n, _sampleRate);
                bool resonanceMoved = resonanceTarget != _resonance;
                _cents = EffectSmoothing.Toward(_cents, centsTarget, step, 0.1f);
                _resonance = EffectSmoothing.Toward(_resonance, resonanceTarget, step, 1e-3f);
                if (resonanceMoved)
                    _filter.Retune(_type, _resonance, 0);
                SetCutoff();
                _filter.Process(l + done, r + done, n);
                done += n;
            }
        }
    }

    /// <inheritdoc/>
    public override void Clear()
    {
        _filter.Reset();
        _cents = float.NaN;
    }

    private void SetCutoff() => _filter.SetCutoff(_cutoffHz * MathF.Pow(2, _cents / 1200) / _sampleRate);
}
