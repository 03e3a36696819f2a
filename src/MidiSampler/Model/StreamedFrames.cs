namespace MidiSampler.Model;

/// <summary>
/// The frames of a sample streamed from disk, as the model sees them: the padded layout of an in-RAM sample in a mapping
/// of which only the head and the cached chunks hold memory.
/// </summary>
/// <remarks>
/// Design: the model sits below the streaming layer, which feeds these frames from disk; the streaming layer derives
/// its sample data from this class, so a <see cref="Sample"/> can hold a streamed sample without the model knowing how
/// it is fed (the engine, above both, reaches the streaming data itself). Threads: as <see cref="Sample"/>.
/// </remarks>
internal abstract unsafe class StreamedFrames
{
    /// <summary>Channels per frame (1 or 2).</summary>
    public abstract int Channels { get; }

    /// <summary>Frames of the decoded sample.</summary>
    public abstract long FrameCount { get; }

    /// <summary>Bytes currently backed by memory (the head and the cached chunks).</summary>
    public abstract long ResidentBytes { get; }

    /// <summary>How the values are stored (as an in-RAM sample's).</summary>
    public abstract SampleFormat Format { get; }

    /// <summary>Element 0 of the mapping's guard frames, laid out as <see cref="Sample.Frames"/>.</summary>
    public abstract void* Frames { get; }

    /// <summary>
    /// direction=reverse of <paramref name="forward"/> (whose frames these are): a streamed sample over the same file, read
    /// backwards, or null when this data cannot make one. Control or loader thread.
    /// </summary>
    public abstract Sample? CreateReversed(Sample forward);
}
