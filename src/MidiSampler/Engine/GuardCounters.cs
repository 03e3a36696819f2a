using MidiSampler.Dsp;

namespace MidiSampler.Engine;

/// <summary>
/// What the engine's numeric guards repaired (<see cref="SamplerStats.EffectResets"/>,
/// <see cref="SamplerStats.NonFiniteSamples"/>): written by the audio thread, read by any thread.
/// </summary>
internal sealed class GuardCounters
{
    private long _effectResets;
    private long _nonFiniteSamples;

    /// <summary>Effects reset by a rack's guard.</summary>
    public long EffectResets => Volatile.Read(ref _effectResets);

    /// <summary>Voice-filter restarts: every voice's filter and EQ bands add to it (<see cref="SamplerStats.FilterResets"/>).</summary>
    public ResetCounter FilterResets { get; } = new();

    /// <summary>Output values replaced by silence by the final guard.</summary>
    public long NonFiniteSamples => Volatile.Read(ref _nonFiniteSamples);

    /// <summary>Counts one effect reset. Audio thread.</summary>
    public void CountEffectReset() => Volatile.Write(ref _effectResets, _effectResets + 1);

    /// <summary>Counts <paramref name="count"/> repaired output values. Audio thread.</summary>
    public void CountNonFinite(long count) => Volatile.Write(ref _nonFiniteSamples, _nonFiniteSamples + count);
}
