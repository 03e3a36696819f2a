namespace MidiSampler.Model;

/// <summary>
/// Decoded sample data, immutable once built: interleaved 32-bit float frames with
/// <see cref="PadFrames"/> silent guard frames before the first and after the last frame, so that
/// 4-point interpolation can read its taps without bounds branches.
/// </summary>
/// <remarks>
/// Design: one managed array allocated once at load (never on the audio thread). Voices read it
/// through <see cref="Data"/>; frame <c>i</c> of channel <c>c</c> lives at
/// <c>(PadFrames + i) * Channels + c</c>. A streamed sample (<see cref="IsStreamed"/>, made by a
/// streaming store) has the same layout in a mapping of which only the head and the cached chunks hold
/// memory (<see cref="Stream"/>); its <see cref="Data"/> is empty. Threads: built on a loader or control thread,
/// then read-only from any thread, including the audio thread.
/// </remarks>
public sealed class Sample
{
    /// <summary>
    /// Silent guard frames stored before and after the audio: 4-point interpolation needs 2, the windowed SIMD kernel
    /// reads a 16-sample window from a frame's tap -1 (VoiceKernels.WindowMaxIncrement).
    /// </summary>
    public const int PadFrames = 16;

    private Sample(string name, int sampleRate, int channels, int frameCount, float[] data, SampleMetadata metadata, StreamedFrames? stream = null)
    {
        Name = name;
        SampleRate = sampleRate;
        Channels = channels;
        FrameCount = frameCount;
        Data = data;
        Metadata = metadata;
        Stream = stream;
    }

    /// <summary>Where the sample came from (a path, or a generator name such as <c>*sine</c>).</summary>
    public string Name { get; }

    /// <summary>The rate the sample was recorded at, in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>1 (mono) or 2 (stereo).</summary>
    public int Channels { get; }

    /// <summary>Number of audio frames, excluding the guard frames.</summary>
    public int FrameCount { get; }

    /// <summary>Interleaved frames with guard frames at both ends (see the type remarks for the layout); empty when streamed.</summary>
    internal float[] Data { get; }

    /// <summary>For a streamed sample, its mapping, head and cache state; null for an in-RAM sample.</summary>
    internal StreamedFrames? Stream { get; }

    /// <summary>True when only the head is in memory and the rest is streamed from disk while voices play.</summary>
    public bool IsStreamed => Stream is not null;

    /// <summary>Frames held in memory for good: all of them in RAM, the head (and preloaded offsets) when streamed.</summary>
    public long ResidentBytes => Stream is { } s ? s.ResidentBytes : (long)Data.Length * sizeof(float);

    /// <summary>Bytes the whole sample takes decoded (what an all-in-RAM load holds).</summary>
    public long DecodedBytes => (long)FrameCount * Channels * sizeof(float);

    /// <summary>Root key, tuning and loop points read from the file (the WAV <c>smpl</c> chunk), if any.</summary>
    public SampleMetadata Metadata { get; }

    /// <summary>Duration in seconds.</summary>
    public double DurationSeconds => (double)FrameCount / SampleRate;

    /// <summary>Reads one value: channel <paramref name="channel"/> of frame <paramref name="frame"/> (0-based, without padding).</summary>
    /// <remarks>
    /// Any thread. For tests and analysis; the audio path reads <see cref="Data"/> directly. A streamed sample reads its
    /// mapping: frames outside the head and the cache read as 0.
    /// </remarks>
    public float this[int frame, int channel]
    {
        get
        {
            if (Stream is not { } s)
                return Data[((PadFrames + frame) * Channels) + channel];
            if ((uint)frame >= (uint)FrameCount || (uint)channel >= (uint)Channels)
                throw new ArgumentOutOfRangeException(nameof(frame));
            unsafe
            {
                return s.Frames[((PadFrames + frame) * Channels) + channel];
            }
        }
    }

    /// <summary>
    /// A time-reversed copy (SFZ direction=reverse), made once per sample by the loader. A streamed sample gives a
    /// streamed reversal over the same file, read backwards. Control or loader thread: allocates.
    /// </summary>
    public Sample CreateReversed()
    {
        if (Stream?.CreateReversed(this) is { } streamed)
            return streamed;
        int channels = Channels, frames = FrameCount;
        var data = AllocatePadded(frames, channels);
        for (int f = 0; f < frames; f++)
        {
            int from = (PadFrames + frames - 1 - f) * channels, to = (PadFrames + f) * channels;
            for (int c = 0; c < channels; c++)
                data[to + c] = Data[from + c];
        }

        return new Sample(Name + " (reversed)", SampleRate, channels, frames, data, SampleMetadata.None);
    }

    /// <summary>Wraps a streamed sample's frames. Loader thread.</summary>
    internal static Sample FromStream(string name, int sampleRate, StreamedFrames stream, SampleMetadata metadata) =>
        new(name, sampleRate, stream.Channels, (int)stream.FrameCount, [], metadata, stream);

    /// <summary>
    /// Builds a sample from interleaved frames; NaN values become 0 and values beyond ±16 (+24 dBFS) are clamped.
    /// Control or loader thread: allocates.
    /// </summary>
    /// <param name="name">A path or a descriptive name, used in messages.</param>
    /// <param name="sampleRate">Sample rate in Hz (1 to 1,536,000).</param>
    /// <param name="channels">1 or 2.</param>
    /// <param name="interleaved">Frames, channel values interleaved; its length must be a multiple of <paramref name="channels"/>.</param>
    /// <param name="metadata">Loop points and root key from the file, or <c>null</c>.</param>
    public static Sample FromInterleaved(string name, int sampleRate, int channels, ReadOnlySpan<float> interleaved, SampleMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (channels is < 1 or > 2)
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "only mono and stereo samples are supported");
        if (sampleRate is < 1 or > 1_536_000)
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "sample rate out of range");
        if (interleaved.Length % channels != 0)
            throw new ArgumentException("the data is not a whole number of frames", nameof(interleaved));
        int frames = interleaved.Length / channels;
        var data = new float[(frames + (2 * PadFrames)) * channels];
        interleaved.CopyTo(data.AsSpan(PadFrames * channels));
        // As every file decoder does: NaN to silence, values clamped to ±16 (+24 dBFS), so that no caller of the API can
        // hand the engine a value that overflows in its first gain stage.
        Dsp.SampleSanitizer.Sanitize(data.AsSpan(PadFrames * channels, frames * channels));
        return new Sample(name, sampleRate, channels, frames, data, metadata ?? SampleMetadata.None);
    }

    /// <summary>Builds a sample whose <paramref name="data"/> array already has the padded layout; no copy is made.</summary>
    internal static Sample FromPaddedArray(string name, int sampleRate, int channels, int frameCount, float[] data, SampleMetadata? metadata)
    {
        if (data.Length != (frameCount + (2 * PadFrames)) * channels)
            throw new ArgumentException("padded array has the wrong length", nameof(data));
        return new Sample(name, sampleRate, channels, frameCount, data, metadata ?? SampleMetadata.None);
    }

    /// <summary>Allocates a padded array for <paramref name="frameCount"/> frames; fill it from <see cref="PadFrames"/> × channels on.</summary>
    internal static float[] AllocatePadded(int frameCount, int channels) => new float[(frameCount + (2 * PadFrames)) * channels];
}
