namespace MidiSampler.Streaming;

/// <summary>
/// Every bound of a <see cref="SampleStore"/>, fixed at construction: the one place where the sizes of the stream slot
/// pool, the request ring, the chunk cache and the heads come from.
/// </summary>
public sealed record StreamingOptions
{
    /// <summary>Streaming or all in RAM (per store; an instrument loaded through the store follows it).</summary>
    public StreamMode Mode { get; init; } = StreamMode.Auto;

    /// <summary>In <see cref="StreamMode.Auto"/>, instruments that decode to at least this many bytes are streamed (64 MiB).</summary>
    public long AutoStreamThresholdBytes { get; init; } = 64L << 20;

    /// <summary>
    /// Frames of each sample decoded at load and kept in memory (rounded up to whole chunks). 0 means 200 ms at the
    /// sample's own rate, which covers the first 200 ms of a note played at its recorded pitch.
    /// </summary>
    public int PreloadFrames { get; init; }

    /// <summary>The most memory the streamed (non-head) frames may hold at once, in bytes (256 MiB). Heads come on top.</summary>
    public long MemoryBudgetBytes { get; init; } = 256L << 20;

    /// <summary>Frames per cache chunk, a power of two from 1,024 to 65,536 (4,096: 16 KiB mono, 32 KiB stereo).</summary>
    public int ChunkFrames { get; init; } = 4096;

    /// <summary>
    /// Voices that may stream at once (1 to 10,240); a voice beyond this plays its head, then underruns (and an offline render
    /// does not wait for it). A host sizes it by its sampler's whole voice pool, <c>EngineLimits.VoicePoolSize(polyphony)</c>:
    /// the reserve voices that fade out stolen notes read their samples too.
    /// </summary>
    public int MaxStreams { get; init; } = 256;

    /// <summary>How far ahead of each voice the streamer reads, in seconds of output (scaled by the voice's pitch ratio).</summary>
    public double ReadAheadSeconds { get; init; } = 0.4;

    /// <summary>Capacity of the audio-to-streamer request ring (rounded up to a power of two).</summary>
    public int RequestRingCapacity { get; init; } = 1024;

    /// <summary>Sample files kept open by the streamer at once (decoder state for FLAC/Ogg); the least recent is closed.</summary>
    public int MaxOpenFiles { get; init; } = 64;

    /// <summary>Threads that decode samples at load (default: the processor count).</summary>
    public int LoadThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Offline rendering: a voice whose frames are not there yet waits for the streamer (bounded by
    /// <see cref="OfflineWaitSeconds"/>), so that a render is identical to an all-in-RAM one. Never for a live host.
    /// </summary>
    public bool Offline { get; init; }

    /// <summary>In offline mode, the longest one voice waits for its frames before it counts an underrun and goes on.</summary>
    public double OfflineWaitSeconds { get; init; } = 30;

    /// <summary>Lock the heads in RAM (mlock) so that a note's start never page-faults; failures are reported, not fatal.</summary>
    public bool LockHeads { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a value is out of range. Control thread.</summary>
    public void Validate()
    {
        if (PreloadFrames is < 0 or > (1 << 24))
            throw new ArgumentOutOfRangeException(nameof(PreloadFrames), PreloadFrames, "must be between 0 and 16,777,216");
        if (MemoryBudgetBytes < (1L << 20))
            throw new ArgumentOutOfRangeException(nameof(MemoryBudgetBytes), MemoryBudgetBytes, "must be at least 1 MiB");
        if (ChunkFrames is < 1024 or > 65_536 || (ChunkFrames & (ChunkFrames - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(ChunkFrames), ChunkFrames, "must be a power of two from 1,024 to 65,536");
        if (MaxStreams < 1 || MaxStreams > EngineLimits.VoicePoolSize(8192))
            throw new ArgumentOutOfRangeException(nameof(MaxStreams), MaxStreams, "must be between 1 and 10,240");
        if (!(ReadAheadSeconds is >= 0.02 and <= 10))
            throw new ArgumentOutOfRangeException(nameof(ReadAheadSeconds), ReadAheadSeconds, "must be between 0.02 and 10 s");
        if (RequestRingCapacity is < EngineLimits.MinRingCapacity or > EngineLimits.MaxRingCapacity)
            throw new ArgumentOutOfRangeException(nameof(RequestRingCapacity), RequestRingCapacity, $"must be between {EngineLimits.MinRingCapacity} and {EngineLimits.MaxRingCapacity}");
        if (MaxOpenFiles is < 1 or > 4096)
            throw new ArgumentOutOfRangeException(nameof(MaxOpenFiles), MaxOpenFiles, "must be between 1 and 4,096");
        if (LoadThreads is < 1 or > 256)
            throw new ArgumentOutOfRangeException(nameof(LoadThreads), LoadThreads, "must be between 1 and 256");
        if (!(OfflineWaitSeconds is > 0 and <= 3600))
            throw new ArgumentOutOfRangeException(nameof(OfflineWaitSeconds), OfflineWaitSeconds, "must be above 0 and at most 3,600 s");
    }
}
