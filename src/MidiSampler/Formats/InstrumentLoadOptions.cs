namespace MidiSampler.Formats;

/// <summary>Options for <see cref="InstrumentLoader"/>.</summary>
public sealed record InstrumentLoadOptions
{
    /// <summary>
    /// Root key for an instrument made from a single sample file. When null, the file's own root key (the WAV
    /// <c>smpl</c> chunk) is used, and 60 (middle C) when it has none.
    /// </summary>
    public int? RootKey { get; init; }

    /// <summary>
    /// Where the sample files come from: null decodes each whole into RAM on the calling thread; a streaming
    /// <c>SampleStore</c> decodes them on its loader threads, in RAM or as heads streamed from disk (its mode).
    /// A SoundFont is streamed when the loader is also an <see cref="ISampleRangeLoader"/> (the store is).
    /// </summary>
    public ISampleLoader? Samples { get; init; }

    /// <summary>Reports how far the sample files are (from the loader's threads); null for none.</summary>
    public IProgress<LoadProgress>? Progress { get; init; }
}
