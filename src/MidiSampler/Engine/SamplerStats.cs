namespace MidiSampler.Engine;

/// <summary>A snapshot of the engine's statistics (see <see cref="Sampler.GetStats"/>).</summary>
/// <param name="FramesProcessed">Frames rendered since creation.</param>
/// <param name="BlocksProcessed">Blocks rendered since creation.</param>
/// <param name="Xruns">Xruns reported by the host (<see cref="Sampler.ReportXrun"/>).</param>
/// <param name="ActiveVoices">Voices sounding at the end of the last block.</param>
/// <param name="PeakVoices">Most voices sounding at once since creation or <see cref="Sampler.ResetPeaks"/>.</param>
/// <param name="DroppedEvents">Events dropped because the ring was full or a block had too many.</param>
/// <param name="StolenVoices">Voices taken from a sounding note to make room for a new one.</param>
/// <param name="LastBlockMicroseconds">Processing time of the last block.</param>
/// <param name="MeanBlockMicroseconds">Mean processing time per block.</param>
/// <param name="MaxBlockMicroseconds">Longest processing time of a block since creation or <see cref="Sampler.ResetPeaks"/>.</param>
/// <param name="DspLoad">Last block's processing time over the block's duration (0..1 and above when late).</param>
/// <param name="PeakLevel">Highest absolute output sample since creation or <see cref="Sampler.ResetPeaks"/>.</param>
/// <param name="EffectResets">Effects (built-in reverb and chorus, instrument rack effects) whose state went non-finite
/// or out of range and was cleared, since creation.</param>
/// <param name="NonFiniteSamples">Output values that were non-finite or out of range (beyond ±10⁶) and were replaced by
/// silence by the engine's final output guard, since creation; each such block also clears all effect state.</param>
/// <param name="FilterResets">Voice filters and EQ bands whose state went non-finite or out of range and restarted from
/// silence, since creation (the voice plays on; a filter in an effect rack counts in <paramref name="EffectResets"/>).</param>
public readonly record struct SamplerStats(
    long FramesProcessed,
    long BlocksProcessed,
    long Xruns,
    int ActiveVoices,
    int PeakVoices,
    long DroppedEvents,
    long StolenVoices,
    double LastBlockMicroseconds,
    double MeanBlockMicroseconds,
    double MaxBlockMicroseconds,
    double DspLoad,
    float PeakLevel,
    long EffectResets = 0,
    long NonFiniteSamples = 0,
    long FilterResets = 0);
