namespace MidiSampler.Streaming;

/// <summary>How an instrument's samples are held (see docs/streaming.md).</summary>
public enum StreamMode
{
    /// <summary>All in RAM when the instrument decodes to less than <see cref="StreamingOptions.AutoStreamThresholdBytes"/>, else streamed.</summary>
    Auto,

    /// <summary>Every sample decoded whole into memory at load (the classic path).</summary>
    Ram,

    /// <summary>Only each sample's head is decoded at load; the rest is read from disk while voices play.</summary>
    Stream,
}
