using MidiSampler.Model;

namespace MidiSampler.Formats;

/// <summary>
/// Where an instrument's sample files come from: decoded whole into RAM, or (a streaming store) a head in RAM plus a
/// stream from disk. <see cref="InstrumentLoader"/> asks for all the files of an instrument at once, after one parse,
/// so a loader can decode them in parallel.
/// </summary>
/// <remarks>
/// Design: the format readers sit below the streaming layer; this is how a loader above them (the streaming
/// <c>SampleStore</c>) serves their samples without the readers knowing it. Threads: control or loader thread.
/// </remarks>
public interface ISampleLoader
{
    /// <summary>
    /// Loads every file of <paramref name="fullPaths"/> (distinct full paths). Returns, per path, the sample or the error
    /// that names the file and the reason; what the files' readers warn about goes to <paramref name="warnings"/>.
    /// </summary>
    IReadOnlyDictionary<string, SampleLoadResult> LoadAll(IReadOnlyList<string> fullPaths, ICollection<string> warnings, IProgress<LoadProgress>? progress);

    /// <summary>
    /// Called once per <see cref="LoadAll"/>, when the instrument that uses the samples is built (null when building it
    /// failed): a streaming loader makes each region's start resident and hands the new samples to its streamer.
    /// </summary>
    void Complete(Instrument? instrument);
}
