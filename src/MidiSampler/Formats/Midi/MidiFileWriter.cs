using System.Buffers.Binary;
using System.Text;

namespace MidiSampler.Formats.Midi;

/// <summary>
/// Builds Standard MIDI Files (format 0, 1 or 2, ticks per quarter note): channel messages and meta
/// events (tempo, names) at absolute ticks; each track ends with an end-of-track event. Used to make
/// real .mid fixtures for tests and for exporting. Control thread; not thread-safe.
/// </summary>
/// <remarks>
/// Within a track, events are written in tick order; events added at the same tick keep the order in
/// which they were added. Ticks are limited to 0..0x0FFFFFFF, the largest delta time a variable-length
/// quantity can hold (SMF 1.0), so every delta is representable.
/// </remarks>
public sealed class MidiFileWriter
{
    /// <summary>The largest tick accepted: the largest 4-byte variable-length quantity.</summary>
    public const long MaxTick = 0x0FFF_FFFF;

    private readonly List<List<MidiWriterEvent>> _tracks = [];
    private readonly List<long> _endTicks = [];

    /// <summary>Starts an empty file. Control thread.</summary>
    /// <param name="format">0 (exactly one track), 1 (simultaneous tracks) or 2 (sequential sequences).</param>
    /// <param name="ticksPerQuarter">Division: 1..32767 ticks per quarter note.</param>
    public MidiFileWriter(int format = 1, int ticksPerQuarter = 480)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(format, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(format, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(ticksPerQuarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ticksPerQuarter, 0x7FFF);
        Format = format;
        TicksPerQuarter = ticksPerQuarter;
    }

    /// <summary>The SMF format written in the header.</summary>
    public int Format { get; }

    /// <summary>Ticks per quarter note written in the header.</summary>
    public int TicksPerQuarter { get; }

    /// <summary>Number of tracks added so far.</summary>
    public int TrackCount => _tracks.Count;

    /// <summary>When true, a channel status equal to the previous one is omitted (running status). Meta events always re-arm the status.</summary>
    public bool UseRunningStatus { get; set; }

    /// <summary>Adds a track, with a track-name meta event at tick 0 when <paramref name="name"/> is given; returns its index. Control thread.</summary>
    public int AddTrack(string? name = null)
    {
        _tracks.Add([]);
        _endTicks.Add(0);
        int track = _tracks.Count - 1;
        if (name is not null)
            AddMeta(track, 0, 0x03, Encoding.Latin1.GetBytes(name));
        return track;
    }

    /// <summary>Adds a channel message (status 0x80..0xEF; program change and channel pressure ignore <paramref name="data2"/>). Control thread.</summary>
    public void AddChannelMessage(int track, long tick, byte status, byte data1, byte data2 = 0)
    {
        if (status is < 0x80 or > 0xEF)
            throw new ArgumentOutOfRangeException(nameof(status), status, "a channel status byte is 0x80..0xEF");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(data1, (byte)0x7F);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(data2, (byte)0x7F);
        bool oneDataByte = (status & 0xE0) == 0xC0;
        Track(track).Add(new MidiWriterEvent(CheckTick(tick), status, data1, oneDataByte ? (byte)0 : data2, null));
    }

    /// <summary>Adds a note-on (velocity 0 is written as is: a note-off by convention). Control thread.</summary>
    public void AddNoteOn(int track, long tick, int channel, int key, int velocity) =>
        AddChannelMessage(track, tick, Status(0x90, channel), DataByte(key), DataByte(velocity));

    /// <summary>Adds a note-off (status 0x8n). Control thread.</summary>
    public void AddNoteOff(int track, long tick, int channel, int key, int velocity = 64) =>
        AddChannelMessage(track, tick, Status(0x80, channel), DataByte(key), DataByte(velocity));

    /// <summary>Adds a note-on at <paramref name="tick"/> and its note-off <paramref name="durationTicks"/> later. Control thread.</summary>
    public void AddNote(int track, long tick, long durationTicks, int channel, int key, int velocity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(durationTicks);
        AddNoteOn(track, tick, channel, key, velocity);
        AddNoteOff(track, tick + durationTicks, channel, key);
    }

    /// <summary>Adds a control change. Control thread.</summary>
    public void AddControlChange(int track, long tick, int channel, int controller, int value) =>
        AddChannelMessage(track, tick, Status(0xB0, channel), DataByte(controller), DataByte(value));

    /// <summary>Adds a program change. Control thread.</summary>
    public void AddProgramChange(int track, long tick, int channel, int program) =>
        AddChannelMessage(track, tick, Status(0xC0, channel), DataByte(program));

    /// <summary>Adds a pitch bend of 0..16383 (8192 is the centre). Control thread.</summary>
    public void AddPitchBend(int track, long tick, int channel, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 0x3FFF);
        AddChannelMessage(track, tick, Status(0xE0, channel), (byte)(value & 0x7F), (byte)(value >> 7));
    }

    /// <summary>Adds a set-tempo meta event (0x51) of 1..0xFFFFFF microseconds per quarter note. Control thread.</summary>
    public void AddTempo(int track, long tick, int microsecondsPerQuarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(microsecondsPerQuarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(microsecondsPerQuarter, 0xFF_FFFF);
        AddMeta(track, tick, 0x51, [(byte)(microsecondsPerQuarter >> 16), (byte)(microsecondsPerQuarter >> 8), (byte)microsecondsPerQuarter]);
    }

    /// <summary>Adds a set-tempo meta event in beats per minute, rounded to whole microseconds per quarter. Control thread.</summary>
    public void AddTempoBpm(int track, long tick, double beatsPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beatsPerMinute);
        AddTempo(track, tick, (int)Math.Clamp(Math.Round(60_000_000.0 / beatsPerMinute), 1, 0xFF_FFFF));
    }

    /// <summary>Adds any meta event except end-of-track (0x2F), which is written for every track. Control thread.</summary>
    public void AddMeta(int track, long tick, byte type, ReadOnlySpan<byte> data)
    {
        if (type is 0x2F or >= 0x80)
            throw new ArgumentOutOfRangeException(nameof(type), type, "meta type must be 0x00..0x7F and not end-of-track (0x2F), which is written automatically");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(data.Length, (int)MaxTick);
        Track(track).Add(new MidiWriterEvent(CheckTick(tick), 0xFF, type, 0, data.ToArray()));
    }

    /// <summary>Adds a system-exclusive message given from its F0 to its F7 inclusive (written as F0, length, the rest). Control thread.</summary>
    public void AddSysEx(int track, long tick, ReadOnlySpan<byte> message)
    {
        if (message.Length < 2 || message[0] != 0xF0 || message[^1] != 0xF7)
            throw new ArgumentException("a sysex message starts with F0 and ends with F7", nameof(message));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(message.Length, (int)MaxTick);
        Track(track).Add(new MidiWriterEvent(CheckTick(tick), 0xF0, 0, 0, message[1..].ToArray()));
    }

    /// <summary>Places the track's end-of-track event at least at <paramref name="tick"/> (by default it follows the last event). Control thread.</summary>
    public void SetEndOfTrack(int track, long tick)
    {
        _ = Track(track);
        _endTicks[track] = CheckTick(tick);
    }

    /// <summary>The file's bytes. Control thread.</summary>
    /// <exception cref="InvalidOperationException">Format 0 with other than one track, or no track at all.</exception>
    public byte[] ToArray()
    {
        if (_tracks.Count == 0)
            throw new InvalidOperationException("a MIDI file needs at least one track");
        if (Format == 0 && _tracks.Count != 1)
            throw new InvalidOperationException($"format 0 has exactly one track, not {_tracks.Count}");

        var output = new List<byte>(64);
        output.AddRange("MThd"u8);
        AppendUInt32(output, 6);
        AppendUInt16(output, Format);
        AppendUInt16(output, _tracks.Count);
        AppendUInt16(output, TicksPerQuarter);
        for (int track = 0; track < _tracks.Count; track++)
            AppendTrack(output, track);
        return [.. output];
    }

    /// <summary>Writes the file to <paramref name="path"/>. Control thread.</summary>
    public void Save(string path) => File.WriteAllBytes(path, ToArray());

    private void AppendTrack(List<byte> output, int track)
    {
        // A stable sort by tick: events added at the same tick keep their order.
        var events = _tracks[track];
        var order = new int[events.Count];
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            int c = events[a].Tick.CompareTo(events[b].Tick);
            return c != 0 ? c : a.CompareTo(b);
        });

        output.AddRange("MTrk"u8);
        int lengthAt = output.Count;
        AppendUInt32(output, 0); // patched below
        long previousTick = 0;
        byte runningStatus = 0;
        foreach (int index in order)
        {
            var e = events[index];
            AppendVlq(output, e.Tick - previousTick);
            previousTick = e.Tick;
            if (e.Payload is not null && e.Status == 0xF0)
            {
                output.Add(0xF0);
                AppendVlq(output, e.Payload.Length);
                output.AddRange(e.Payload);
                runningStatus = 0; // SMF 1.0: sysex events cancel running status
                continue;
            }

            if (e.Payload is not null)
            {
                output.Add(0xFF);
                output.Add(e.Data1);
                AppendVlq(output, e.Payload.Length);
                output.AddRange(e.Payload);
                runningStatus = 0; // SMF 1.0: meta events cancel running status
                continue;
            }

            if (!UseRunningStatus || e.Status != runningStatus)
                output.Add(e.Status);
            runningStatus = e.Status;
            output.Add(e.Data1);
            if ((e.Status & 0xE0) != 0xC0)
                output.Add(e.Data2);
        }

        AppendVlq(output, Math.Max(0, _endTicks[track] - previousTick));
        output.Add(0xFF);
        output.Add(0x2F);
        output.Add(0x00);

        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)(output.Count - lengthAt - 4));
        for (int i = 0; i < 4; i++)
            output[lengthAt + i] = length[i];
    }

    private List<MidiWriterEvent> Track(int track)
    {
        if ((uint)track >= (uint)_tracks.Count)
            throw new ArgumentOutOfRangeException(nameof(track), track, $"no such track: {_tracks.Count} tracks were added");
        return _tracks[track];
    }

    private static long CheckTick(long tick)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tick);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tick, MaxTick);
        return tick;
    }

    private static byte Status(int kind, int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channel, 15);
        return (byte)(kind | channel);
    }

    private static byte DataByte(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 127);
        return (byte)value;
    }

    private static void AppendVlq(List<byte> output, long value)
    {
        // Most significant 7-bit group first; every byte but the last has bit 7 set.
        int shift = 21;
        while (shift > 0 && (value >> shift) == 0)
            shift -= 7;
        for (; shift > 0; shift -= 7)
            output.Add((byte)(0x80 | ((value >> shift) & 0x7F)));
        output.Add((byte)(value & 0x7F));
    }

    private static void AppendUInt32(List<byte> output, uint value)
    {
        output.Add((byte)(value >> 24));
        output.Add((byte)(value >> 16));
        output.Add((byte)(value >> 8));
        output.Add((byte)value);
    }

    private static void AppendUInt16(List<byte> output, int value)
    {
        output.Add((byte)(value >> 8));
        output.Add((byte)value);
    }
}
