namespace MidiSampler.Streaming;

/// <summary>A snapshot of a <see cref="SampleStore"/>'s streaming figures (see <see cref="SampleStore.GetStats"/>).</summary>
/// <param name="Underruns">Voice blocks that found some of their frames missing and played silence for them.</param>
/// <param name="BytesRead">Decoded bytes the streamer has read from disk since the store was created.</param>
/// <param name="BytesReadPerSecond">Decoded bytes read per second since the previous snapshot.</param>
/// <param name="CacheHits">Chunks a voice reached that were already in memory (heads included).</param>
/// <param name="CacheMisses">Chunks a voice reached that had to be read from disk.</param>
/// <param name="HeadBytes">Bytes held by the preloaded heads (locked when <see cref="HeadsLocked"/>).</param>
/// <param name="CachedBytes">Bytes held by streamed chunks now (at most the memory budget).</param>
/// <param name="MemoryBudgetBytes">The budget for streamed chunks.</param>
/// <param name="ActiveStreams">Voices streaming now.</param>
/// <param name="DroppedRequests">Start requests dropped because the ring was full (the streamer still finds the voice by its slot).</param>
/// <param name="BudgetStalls">Times the streamer could not read a chunk because everything in the budget was in use.</param>
/// <param name="ReadErrors">Chunk reads that failed (the frames stay silent); the first error is kept in <see cref="SampleStore.LastReadError"/>.</param>
/// <param name="StreamedSamples">Samples held as head plus stream.</param>
/// <param name="HeadsLocked">True when every head is locked in RAM (mlock succeeded).</param>
public readonly record struct StreamingStats(
    long Underruns,
    long BytesRead,
    double BytesReadPerSecond,
    long CacheHits,
    long CacheMisses,
    long HeadBytes,
    long CachedBytes,
    long MemoryBudgetBytes,
    int ActiveStreams,
    long DroppedRequests,
    long BudgetStalls,
    long ReadErrors,
    int StreamedSamples,
    bool HeadsLocked);
