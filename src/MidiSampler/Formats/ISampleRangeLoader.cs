using MidiSampler.Model;

namespace MidiSampler.Formats;

/// <summary>
/// Where samples stored inside a larger file (<see cref="PcmRange"/>: a SoundFont's) may go instead of RAM: a streaming
/// store keeps those of a large bank as heads in RAM plus streams from the file (see docs/streaming.md). The format's
/// loader decodes the others into RAM itself.
/// </summary>
/// <remarks>
/// Design: as <see cref="ISampleLoader"/> for sample files, the readers sit below the streaming layer, and the streaming
/// layer knows no instrument format: this is how the store serves a bank's samples without either knowing the other.
/// Threads: control or loader thread.
/// </remarks>
public interface ISampleRangeLoader
{
    /// <summary>
    /// Given the ranges an instrument (or a bank of them) plays, returns those it streams, by their index in
    /// <paramref name="ranges"/> (none when they stay in RAM). Throws <see cref="InstrumentLoadException"/>.
    /// </summary>
    IReadOnlyDictionary<int, Sample> StreamRanges(IReadOnlyList<PcmRange> ranges);

    /// <summary>
    /// Called once per <see cref="StreamRanges"/>, when the instruments are built (empty when building them failed): the
    /// store makes each region's start resident and hands the new samples to its streamer.
    /// </summary>
    void Complete(IReadOnlyList<Instrument> instruments);
}
