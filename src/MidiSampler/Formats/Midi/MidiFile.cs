namespace MidiSampler.Formats.Midi;

/// <summary>A Standard MIDI File (format 0 or 1) read into one time-ordered list of channel events. Control thread.</summary>
public sealed class MidiFile
{
    private MidiFile()
    {
    }

    /// <summary>Channel events of all tracks, merged and ordered by time (ties keep track, then file, order).</summary>
    public IReadOnlyList<MidiFileEvent> Events { get; } = [];

    /// <summary>Time of the last event (including meta events such as end-of-track), in seconds.</summary>
    public double DurationSeconds { get; }

    /// <summary>Loads a file. Throws <see cref="InstrumentLoadException"/> naming the file, the place and the reason.</summary>
    public static MidiFile Load(string path) => throw new NotSupportedException("contract stub: " + path);

    /// <summary>Reads a file's bytes; <paramref name="name"/> is used in messages.</summary>
    public static MidiFile Read(ReadOnlySpan<byte> bytes, string name) => throw new NotSupportedException("contract stub: " + name + bytes.Length);
}
