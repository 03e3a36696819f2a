namespace MidiSampler.Formats.Midi;

/// <summary>
/// A Standard MIDI File read into one time-ordered list of channel events, with times in seconds.
/// Immutable once read; build on the control thread, read from any thread.
/// </summary>
/// <remarks>
/// <para>Formats 0 and 1 play all tracks together over one global tempo map: a set-tempo event in any
/// track applies to every track (SMF 1.0; format-1 files normally keep tempo in the first track).
/// Format 2 is read as independent sequences played one after the other: each track starts where the
/// previous one ends (at its last event, end-of-track included), and each starts at 120 BPM until it
/// sets its own tempo.</para>
/// <para>Timing comes from the header's division: ticks per quarter note with the tempo map (default
/// 120 BPM), or SMPTE frames per second and ticks per frame, when tempo events do not change timing.
/// Times are exact up to one rounding of a double (see <c>MidiTimeMap</c>).</para>
/// <para>Lenient where real files differ from the spec, each time with an entry in <see cref="Warnings"/>:
/// running status after meta/sysex events, a last MTrk chunk cut short by the end of the file (read up
/// to the end), a missing end-of-track, a header track count that disagrees with the chunks, chunks of
/// unknown type (skipped).</para>
/// <para>Places in messages and warnings count tracks from 1 ("track 1" is the first MTrk chunk) and bytes from
/// 0 at the start of the file; <see cref="MidiFileEvent.Track"/> counts tracks from 0.</para>
/// </remarks>
public sealed class MidiFile
{
    /// <summary>Files larger than this are refused before reading: far beyond any real song (the largest are a few MB).</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    internal MidiFile()
    {
    }

    /// <summary>
    /// Channel messages (status 0x80..0xEF) of all tracks, merged and ordered by tick; events at the same tick
    /// keep the order of their track (lower track index first), then their order within the track.
    /// A note-on with velocity 0 is kept as such (status 0x9n, Data2 0): the engine treats it as a note-off.
    /// Any thread.
    /// </summary>
    public IReadOnlyList<MidiFileEvent> Events { get; internal init; } = [];

    /// <summary>
    /// Complete system-exclusive messages (F0 ... F7, at most <see cref="MidiFileSysEx.MaxBytes"/> bytes) of all tracks,
    /// in the same merge order as <see cref="Events"/>; longer ones and continuation packets are skipped. The renderer
    /// applies the ones the engine knows (GM system on, GS reset). Any thread.
    /// </summary>
    public IReadOnlyList<MidiFileSysEx> SysEx { get; internal init; } = [];

    /// <summary>Time of the last event of any kind (end-of-track included) over all tracks, in seconds. Any thread.</summary>
    public double DurationSeconds { get; internal init; }

    /// <summary>Tick of the last event of any kind over all tracks (for format 2, the end of the last sequence). Any thread.</summary>
    public long DurationTicks { get; internal init; }

    /// <summary>The header's format: 0 (one track), 1 (simultaneous tracks) or 2 (sequential sequences). Any thread.</summary>
    public int Format { get; internal init; }

    /// <summary>Number of MTrk chunks read (may differ from the header's count; see <see cref="Warnings"/>). Any thread.</summary>
    public int TrackCount => TrackNames.Count;

    /// <summary>Ticks per quarter note, or 0 when the division is SMPTE. Any thread.</summary>
    public int TicksPerQuarter { get; internal init; }

    /// <summary>SMPTE frames per second (24, 25, 29 meaning 29.97, or 30), or 0 when the division is ticks per quarter. Any thread.</summary>
    public int SmpteFramesPerSecond { get; internal init; }

    /// <summary>Ticks per SMPTE frame, or 0 when the division is ticks per quarter. Any thread.</summary>
    public int TicksPerFrame { get; internal init; }

    /// <summary>The first track-name meta event (0x03) of each track, decoded as Latin-1, or "" when it has none. Any thread.</summary>
    public IReadOnlyList<string> TrackNames { get; internal init; } = [];

    /// <summary>
    /// The global tempo map: the tempo at tick 0 (120 BPM unless the file sets one there), then each change,
    /// with its time. Several changes at one tick collapse to the last. Empty for an SMPTE division. Any thread.
    /// </summary>
    public IReadOnlyList<MidiTempoChange> Tempos => TimeMap.Tempos;

    /// <summary>What was odd but tolerated, each as "place: what", e.g. "track 2, byte 1234: ...". Any thread.</summary>
    public IReadOnlyList<string> Warnings { get; internal init; } = [];

    internal MidiTimeMap TimeMap { get; init; } = MidiTimeMap.ForSmpte(25, 40);

    /// <summary>The time in seconds of a tick on this file's timeline, with every tempo change applied. Any thread.</summary>
    public double SecondsAtTick(long tick) => TimeMap.SecondsAt(tick);

    /// <summary>
    /// Loads a file. Throws <see cref="InstrumentLoadException"/> naming the file, the place (e.g. "track 2, byte 1234")
    /// and the reason when it cannot be read or is not a usable Standard MIDI File. Control thread.
    /// </summary>
    public static MidiFile Load(string path) => Load(path, MaxFileBytes);

    /// <summary>As <see cref="Load(string)"/>, refusing files of more than <paramref name="maxBytes"/> bytes.</summary>
    internal static MidiFile Load(string path, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
            throw new InstrumentLoadException(path, "is a directory, not a MIDI file");
        if (!File.Exists(path))
            throw new InstrumentLoadException(path, "no such file");
        RegularFile.Require(path, maxBytes, "a MIDI file"); // a FIFO would block the open below
        byte[] bytes;
        try
        {
            bytes = ReadBounded(path, maxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            throw new InstrumentLoadException(path, "", "cannot be read: " + e.Message, e);
        }

        return Read(bytes, path);
    }

    /// <summary>
    /// Reads the whole file, but never more than <paramref name="maxBytes"/>: the length is checked while reading,
    /// not taken from the file system, so a device or pipe (/dev/zero, a FIFO) cannot make it read forever.
    /// </summary>
    private static byte[] ReadBounded(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        using var content = new MemoryStream();
        byte[] chunk = new byte[64 * 1024];
        int count;
        while ((count = stream.Read(chunk)) > 0)
        {
            if (content.Length + count > maxBytes)
                throw new InstrumentLoadException(path, $"is more than {maxBytes} bytes long, more than any MIDI file needs");
            content.Write(chunk, 0, count);
        }

        return content.ToArray();
    }

    /// <summary>
    /// Reads a file's bytes; <paramref name="name"/> is used in messages. Throws <see cref="InstrumentLoadException"/>
    /// as <see cref="Load(string)"/> does. Control thread.
    /// </summary>
    public static MidiFile Read(ReadOnlySpan<byte> bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (bytes.Length > MaxFileBytes)
            throw new InstrumentLoadException(name, $"is more than {MaxFileBytes} bytes long, more than any MIDI file needs");
        return MidiFileParser.Parse(bytes, name);
    }
}
