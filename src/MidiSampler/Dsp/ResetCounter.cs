namespace MidiSampler.Dsp;

/// <summary>
/// A count of guard resets that many DSP objects add to (a sampler's voice filters: SamplerStats.FilterResets), so
/// that reading the total costs one load however many there are. Written by the audio thread, read by any.
/// </summary>
internal sealed class ResetCounter
{
    private long _count;

    /// <summary>Resets counted since creation.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>Counts one reset. Audio thread (one writer).</summary>
    public void Add() => Volatile.Write(ref _count, _count + 1);
}
