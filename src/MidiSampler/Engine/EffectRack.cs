using MidiSampler.Dsp.Effects;
using MidiSampler.Model;

namespace MidiSampler.Engine;

/// <summary>
/// The effect buses of one compiled instrument (SFZ v2 <c>&lt;effect&gt;</c>): a main bus and effect buses fx1..fx4, each
/// with its effects in order and its level into the instrument's output.
/// </summary>
/// <remarks>
/// Design: built with all of its memory on the control thread when the instrument is compiled for a sampler, so an
/// instrument swap brings a fresh rack and the old one rings out with the voices that still use it. Per rendered run
/// (the frames between two events), the voices of the instrument <see cref="Feed"/> it (main bus at full level, bus N
/// at the region's <c>effectN</c>), then the sampler <see cref="Run"/>s it once: each bus runs its chain in place and is
/// added to the destination at its level (<c>directtomain</c> for main, <c>fxNtomain + fxNtomix</c> for bus N, as sfizz
/// sums its Mix node into the output). Buses that nothing reaches are not allocated or run. A rack fed nothing for its
/// longest effect tail (at most <see cref="MaxTailSeconds"/>) is cleared and stops running, so a silent rack costs a
/// flag. The controllers its effects follow, and the channel its output joins, are those of the channel of the most
/// recently started voice of the instrument (<see cref="Channel"/>).
/// Threads: construct on the control thread; everything else on the audio thread.
/// </remarks>
internal sealed unsafe class EffectRack
{
    /// <summary>Longest a rack keeps running after its input fell silent (bounds effects that may ring forever), in seconds.</summary>
    public const int MaxTailSeconds = EngineLimits.MaxEffectTailSeconds;

    private const int Buses = EngineLimits.EffectBuses;
    private readonly RackEffect[][] _chains = new RackEffect[Buses][];
    private readonly float[][] _left = new float[Buses][];
    private readonly float[][] _right = new float[Buses][];
    private readonly float[] _outputGain = new float[Buses];
    private readonly bool[] _used = new bool[Buses];
    private readonly long _tailFrames;
    private bool _fed;
    private long _quietFrames;

    /// <summary>Builds the rack for <paramref name="effects"/> at <paramref name="sampleRate"/>. Control thread.</summary>
    public EffectRack(InstrumentEffects effects, int sampleRate, int maxBlockFrames)
    {
        var chains = new List<RackEffect>[Buses];
        for (int b = 0; b < Buses; b++)
            chains[b] = [];
        long tail = 0;
        foreach (var definition in effects.Effects)
        {
            var effect = EffectBuilder.Create(definition.Settings, sampleRate, maxBlockFrames);
            if (effect is null)
                continue;
            chains[(int)definition.Bus].Add(new RackEffect(effect, definition.Bypass, sampleRate, maxBlockFrames));
            tail = Math.Max(tail, effect.TailFrames);
        }

        _tailFrames = Math.Min(tail, (long)MaxTailSeconds * sampleRate);
        _outputGain[0] = (float)(Math.Clamp(effects.DirectToMainPercent, 0, 100) / 100);
        for (int n = 0; n < 4; n++)
            _outputGain[n + 1] = (float)(Math.Clamp(effects.FxToMainPercent[n] + effects.FxToMixPercent[n], 0, 200) / 100);
        for (int b = 0; b < Buses; b++)
        {
            _chains[b] = [.. chains[b]];
            // The main bus always passes (directtomain, even without effects); an effect bus only when it is heard.
            _used[b] = b == 0 || _outputGain[b] > 0;
            _left[b] = _used[b] ? new float[maxBlockFrames] : [];
            _right[b] = _used[b] ? new float[maxBlockFrames] : [];
        }
    }

    /// <summary>The MIDI channel (0..15) of the instrument's most recently started voice. Audio thread.</summary>
    public int Channel { get; set; }

    /// <summary>Where the rack counts the effects it had to reset (the sampler's counters); set when it is enlisted. Audio thread.</summary>
    public GuardCounters? Guards { get; set; }

    /// <summary>Index in the sampler's list of running racks, or -1. Audio thread.</summary>
    public int LiveIndex { get; set; } = -1;

    /// <summary>Adds one voice's run to the buses: all of it to main, <c>effectN</c> of it to bus N. Audio thread.</summary>
    public void Feed(float* left, float* right, int frames, CompiledRegion region)
    {
        if (!_fed)
        {
            for (int b = 0; b < Buses; b++)
            {
                if (_used[b])
                {
                    new Span<float>(_left[b], 0, frames).Clear();
                    new Span<float>(_right[b], 0, frames).Clear();
                }
            }

            _fed = true;
        }

        Add(0, left, right, frames, 1);
        if (_used[1])
            Add(1, left, right, frames, region.ReverbSend);
        if (_used[2])
            Add(2, left, right, frames, region.ChorusSend);
        if (_used[3])
            Add(3, left, right, frames, region.Send3);
        if (_used[4])
            Add(4, left, right, frames, region.Send4);
    }

    /// <summary>
    /// Runs the buses over the run just fed and adds them into <paramref name="outLeft"/>/<paramref name="outRight"/>.
    /// Returns false, without writing, once the rack has been silent for its tail: it is then cleared and may leave the
    /// running list. Audio thread.
    /// </summary>
    public bool Run(int frames, ReadOnlySpan<byte> controllers, double tempoBpm, float* outLeft, float* outRight)
    {
        if (_fed)
        {
            _quietFrames = 0;
        }
        else
        {
            _quietFrames += frames;
            if (_quietFrames > _tailFrames)
            {
                Clear();
                return false;
            }

            for (int b = 0; b < Buses; b++)
            {
                if (_used[b])
                {
                    new Span<float>(_left[b], 0, frames).Clear();
                    new Span<float>(_right[b], 0, frames).Clear();
                }
            }
        }

        _fed = false;
        for (int b = 0; b < Buses; b++)
        {
            float gain = _outputGain[b];
            if (!_used[b] || gain == 0)
                continue; // unheard (directtomain=0): its chain is not run
            var left = new Span<float>(_left[b], 0, frames);
            var right = new Span<float>(_right[b], 0, frames);
            var chain = _chains[b];
            for (int e = 0; e < chain.Length; e++)
            {
                chain[e].Effect.SetTempo(tempoBpm);
                if (!chain[e].Process(left, right, controllers))
                    Guards?.CountEffectReset();
            }
            BusMath.AddScaled(left, new Span<float>(outLeft, frames), gain);
            BusMath.AddScaled(right, new Span<float>(outRight, frames), gain);
        }

        return true;
    }

    /// <summary>Clears every effect's state. Audio thread.</summary>
    public void Clear()
    {
        foreach (var chain in _chains)
        {
            foreach (var effect in chain)
                effect.Clear();
        }

        _quietFrames = 0;
        _fed = false;
    }

    private void Add(int bus, float* left, float* right, int frames, float gain)
    {
        if (gain <= 0)
            return;
        BusMath.AddScaled(new ReadOnlySpan<float>(left, frames), _left[bus], gain);
        BusMath.AddScaled(new ReadOnlySpan<float>(right, frames), _right[bus], gain);
    }
}
