using System.Buffers.Binary;
using System.Text;

namespace MidiSampler.Formats.Midi;

// Design: one pass over the bytes, no copy of them and no allocation sized from a number the file
// declares: chunk and event lengths are only ever compared with the bytes actually present, so a
// 100-byte file claiming a 4 GB track costs nothing. Every event takes at least two bytes, so the
// lists grow at most in proportion to the file. Each loop advances by at least one byte: no hang.
//
// Where the SMF 1.0 spec and real files disagree, the reader is lenient and says so in Warnings:
// - running status after a meta or sysex event (the spec says they cancel it; some sequencers keep
//   using it, and FluidSynth and most players accept it) is accepted;
// - an MTrk chunk longer than the rest of the file (a truncated download) is read up to the end of
//   the file and its incomplete last event dropped;
// - a missing end-of-track event ends the track at its last event;
// - a header track count that disagrees with the MTrk chunks found: every chunk found is read;
// - a format-0 file with several tracks is merged like format 1.
// Anything that makes the bytes mean nothing (no MThd, bad VLQ, a data byte with no status, an event
// running past the end of a complete chunk) is an InstrumentLoadException naming the byte.

/// <summary>Parses Standard MIDI File bytes into a <see cref="MidiFile"/>. Control thread; one instance per parse.</summary>
internal ref struct MidiFileParser
{
    private const int DefaultMicrosecondsPerQuarter = 500_000;
    private const int MaxVlqBytes = 4; // SMF 1.0: "the largest number which is allowed is 0FFFFFFF".

    private readonly ReadOnlySpan<byte> _bytes;
    private readonly string _name;
    private readonly List<string> _warnings = [];
    private readonly List<MidiRawEvent> _events = [];
    private readonly List<MidiRawEvent> _tempos = [];
    private readonly List<MidiRawEvent> _sysex = [];
    private readonly List<byte[]> _sysexData = [];
    private readonly List<string> _trackNames = [];
    private readonly List<long> _trackLengthsTicks = [];

    private MidiFileParser(ReadOnlySpan<byte> bytes, string name)
    {
        _bytes = bytes;
        _name = name;
    }

    private enum VlqResult
    {
        Ok,
        Incomplete,
        TooLong,
    }

    /// <summary>Parses <paramref name="bytes"/>; <paramref name="name"/> names the file in messages.</summary>
    public static MidiFile Parse(ReadOnlySpan<byte> bytes, string name)
    {
        var parser = new MidiFileParser(bytes, name);
        return parser.Run();
    }

    private MidiFile Run()
    {
        ReadOnlySpan<byte> bytes = _bytes;
        if (bytes.Length < 4 || !bytes[..4].SequenceEqual("MThd"u8))
            throw Error("byte 0", "not a Standard MIDI File: it does not start with an 'MThd' header chunk");
        if (bytes.Length < 14)
            throw Error($"byte {bytes.Length}", $"truncated header: the file ends after {bytes.Length} bytes, inside the 14-byte MThd chunk");

        uint headerLength = BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]);
        if (headerLength < 6)
            throw Error("byte 4", $"MThd chunk length is {headerLength}, it must be at least 6");
        if (headerLength > (uint)(bytes.Length - 8))
            throw Error("byte 4", $"truncated header: MThd declares {headerLength} bytes but only {bytes.Length - 8} follow");
        if (headerLength > 6)
            Warn("byte 14", $"MThd is {headerLength} bytes long; the {headerLength - 6} bytes after the first 6 are ignored");

        int format = BinaryPrimitives.ReadUInt16BigEndian(bytes[8..]);
        int declaredTracks = BinaryPrimitives.ReadUInt16BigEndian(bytes[10..]);
        int division = BinaryPrimitives.ReadUInt16BigEndian(bytes[12..]);
        if (format > 2)
            throw Error("byte 8", $"unsupported SMF format {format}: only formats 0, 1 and 2 exist");

        int ticksPerQuarter = 0, framesPerSecond = 0, ticksPerFrame = 0;
        if ((division & 0x8000) != 0)
        {
            // SMF 1.0: the upper byte is minus the SMPTE frame rate (-24, -25, -29, -30), two's complement.
            framesPerSecond = -(sbyte)(division >> 8);
            ticksPerFrame = division & 0xFF;
            if (framesPerSecond is not (24 or 25 or 29 or 30))
                throw Error("byte 12", $"SMPTE division with {framesPerSecond} frames per second: it must be 24, 25, 29 (29.97) or 30");
            if (ticksPerFrame == 0)
                throw Error("byte 13", "SMPTE division with 0 ticks per frame");
        }
        else
        {
            ticksPerQuarter = division;
            if (ticksPerQuarter == 0)
                throw Error("byte 12", "division is 0 ticks per quarter note");
        }

        ReadChunks(8 + (int)headerLength);

        int trackCount = _trackLengthsTicks.Count;
        if (trackCount != declaredTracks)
            Warn("byte 10", $"the header declares {declaredTracks} tracks but the file has {trackCount} MTrk chunks; all {trackCount} are read");
        if (format == 0 && trackCount > 1)
            Warn("byte 8", $"format 0 should have one track but has {trackCount}; they are merged as in format 1");

        long durationTicks = Arrange(format);

        _events.Sort(MidiRawEvent.Compare);
        _tempos.Sort(MidiRawEvent.Compare);
        _sysex.Sort(MidiRawEvent.Compare);
        var timeMap = ticksPerQuarter != 0
            ? MidiTimeMap.ForTicksPerQuarter(ticksPerQuarter, _tempos)
            : MidiTimeMap.ForSmpte(framesPerSecond, ticksPerFrame);

        var events = new MidiFileEvent[_events.Count];
        for (int i = 0; i < events.Length; i++)
        {
            var e = _events[i];
            events[i] = new MidiFileEvent(timeMap.SecondsAt(e.Tick), e.Tick, e.Track, e.Status, e.Data1, e.Data2);
        }

        var sysex = new MidiFileSysEx[_sysex.Count];
        for (int i = 0; i < sysex.Length; i++)
        {
            var e = _sysex[i];
            sysex[i] = new MidiFileSysEx(timeMap.SecondsAt(e.Tick), e.Tick, e.Track, _sysexData[e.MicrosecondsPerQuarter]);
        }

        return new MidiFile
        {
            Format = format,
            SysEx = sysex,
            TicksPerQuarter = ticksPerQuarter,
            SmpteFramesPerSecond = framesPerSecond,
            TicksPerFrame = ticksPerFrame,
            Events = events,
            TimeMap = timeMap,
            TrackNames = [.. _trackNames],
            Warnings = [.. _warnings],
            DurationTicks = durationTicks,
            DurationSeconds = timeMap.SecondsAt(durationTicks),
        };
    }

    /// <summary>Walks the chunks after MThd, reading MTrk chunks and skipping any other kind.</summary>
    private readonly void ReadChunks(int position)
    {
        ReadOnlySpan<byte> bytes = _bytes;
        while (position < bytes.Length)
        {
            int remaining = bytes.Length - position;
            if (remaining < 8)
            {
                Warn($"byte {position}", $"{remaining} trailing bytes, too few for a chunk, are ignored");
                return;
            }

            ReadOnlySpan<byte> id = bytes.Slice(position, 4);
            long declaredLength = BinaryPrimitives.ReadUInt32BigEndian(bytes[(position + 4)..]);
            int dataStart = position + 8;
            int available = bytes.Length - dataStart;
            if (id.SequenceEqual("MTrk"u8))
            {
                int track = _trackLengthsTicks.Count;
                bool truncated = declaredLength > available;
                if (truncated)
                {
                    Warn($"track {track + 1}, byte {position}",
                        $"MTrk declares {declaredLength} bytes but only {available} remain in the file; the track is read up to the end of the file");
                }

                int length = truncated ? available : (int)declaredLength;
                ReadTrack(bytes.Slice(dataStart, length), dataStart, track, truncated);
            }
            else
            {
                // SMF 1.0: "programs should expect alien chunks and treat them as if they weren't there".
                Warn($"byte {position}", $"skipped a chunk of unknown type '{Printable(id)}' ({declaredLength} bytes)");
                if (declaredLength > available)
                {
                    Warn($"byte {position}", "that chunk runs past the end of the file; nothing after it is read");
                    return;
                }
            }

            long next = dataStart + declaredLength;
            if (next >= bytes.Length)
                return;
            position = (int)next;
        }
    }

    /// <summary>Reads one MTrk chunk's data. <paramref name="fileOffset"/> is where it starts in the file, for messages.</summary>
    private readonly void ReadTrack(ReadOnlySpan<byte> data, int fileOffset, int track, bool truncated)
    {
        var (endTick, ended, trackName) = ReadEvents(data, fileOffset, track, truncated);
        if (!ended)
            Warn($"track {track + 1}", "no end-of-track event; the track ends at its last event");
        _trackNames.Add(trackName ?? "");
        _trackLengthsTicks.Add(endTick);
    }

    /// <summary>
    /// Reads a track's events up to its end-of-track event or the end of its data. Returns the tick of its last
    /// complete event, whether it had an end-of-track event, and its name. An event cut short is not counted.
    /// </summary>
    private readonly (long EndTick, bool Ended, string? Name) ReadEvents(ReadOnlySpan<byte> data, int fileOffset, int track, bool truncated)
    {
        long tick = 0; // tick of the last complete event
        int position = 0;
        int order = 0;
        byte runningStatus = 0;
        bool statusCancelled = false; // a meta or sysex event came after the last channel status
        bool warnedRunningStatus = false;
        string? trackName = null;

        while (position < data.Length)
        {
            int eventStart = position;
            switch (ReadVlq(data, ref position, out int delta))
            {
                case VlqResult.TooLong:
                    throw Error(Place(track, fileOffset + eventStart), "bad variable-length delta time: more than 4 bytes");
                case VlqResult.Incomplete:
                    EndOfData(track, fileOffset + eventStart, truncated, "a delta time");
                    return (tick, false, trackName);
            }

            long eventTick = tick + delta;
            if (position >= data.Length)
            {
                EndOfData(track, fileOffset + eventStart, truncated, "an event");
                return (tick, false, trackName);
            }

            int statusPosition = position;
            byte status = data[position];
            if (status < 0x80)
            {
                if (runningStatus == 0)
                    throw Error(Place(track, fileOffset + position), $"data byte 0x{status:X2} with no running status (no channel status byte before it in this track)");
                if (statusCancelled && !warnedRunningStatus)
                {
                    Warn(Place(track, fileOffset + position), "running status used after a meta or sysex event (not allowed by SMF 1.0, accepted)");
                    warnedRunningStatus = true;
                }

                status = runningStatus;
            }
            else
            {
                position++;
            }

            if (status < 0xF0)
            {
                runningStatus = status;
                statusCancelled = false;
                int dataBytes = (status & 0xE0) == 0xC0 ? 1 : 2; // program change 0xC_, channel pressure 0xD_
                if (data.Length - position < dataBytes)
                {
                    EndOfData(track, fileOffset + eventStart, truncated, $"a channel message 0x{status:X2}");
                    return (tick, false, trackName);
                }

                byte data1 = data[position];
                byte data2 = dataBytes == 2 ? data[position + 1] : (byte)0;
                for (int i = 0; i < dataBytes; i++)
                {
                    if (data[position + i] >= 0x80)
                        throw Error(Place(track, fileOffset + position + i), $"expected a data byte for status 0x{status:X2}, found 0x{data[position + i]:X2}");
                }

                position += dataBytes;
                tick = eventTick;
                _events.Add(new MidiRawEvent(tick, track, order++, status, data1, data2, 0));
                continue;
            }

            if (status == 0xFF)
            {
                if (position >= data.Length)
                {
                    EndOfData(track, fileOffset + eventStart, truncated, "a meta event");
                    return (tick, false, trackName);
                }

                byte type = data[position++];
                if (!ReadLength(data, ref position, track, fileOffset, eventStart, truncated, $"meta event 0x{type:X2}", out int length))
                    return (tick, false, trackName);
                ReadOnlySpan<byte> payload = data.Slice(position, length);
                position += length;
                tick = eventTick;
                statusCancelled = true;
                order++;
                switch (type)
                {
                    case 0x2F: // end of track
                        if (position < data.Length)
                            Warn(Place(track, fileOffset + position), $"{data.Length - position} bytes after the end-of-track event are ignored");
                        return (tick, true, trackName);
                    case 0x51: // set tempo: 3 bytes, microseconds per quarter note
                        ReadTempo(payload, tick, track, order, fileOffset + statusPosition);
                        break;
                    case 0x03 when trackName is null: // sequence/track name; SMF text is ASCII, Latin-1 keeps any byte
                        trackName = Encoding.Latin1.GetString(payload);
                        break;
                }

                continue;
            }

            if (status is 0xF0 or 0xF7)
            {
                // Sysex (F0) and escape (F7) both carry a VLQ length and are skipped whole; a split sysex
                // continued by F7 packets is skipped packet by packet just the same.
                if (!ReadLength(data, ref position, track, fileOffset, eventStart, truncated, $"sysex 0x{status:X2}", out int length))
                    return (tick, false, trackName);
                // Complete short system-exclusive messages are kept (with their F0) for the engine's resets (GM system
                // on, GS reset); long ones (sample dumps) and F7 continuation packets are not needed and are skipped.
                if (status == 0xF0 && length is > 0 and <= MidiFileSysEx.MaxBytes - 1 && data[position + length - 1] == 0xF7)
                {
                    var message = new byte[length + 1];
                    message[0] = 0xF0;
                    data.Slice(position, length).CopyTo(message.AsSpan(1));
                    _sysex.Add(new MidiRawEvent(eventTick, track, order, 0xF0, 0, 0, _sysexData.Count));
                    _sysexData.Add(message);
                }

                position += length;
                tick = eventTick;
                statusCancelled = true;
                order++;
                continue;
            }

            throw Error(Place(track, fileOffset + statusPosition),
                $"status byte 0x{status:X2} is a system common or real-time message, which cannot appear in a MIDI file track");
        }


        return (tick, false, trackName);
    }

    /// <summary>Reads a meta or sysex length and checks it against the bytes left; false when a truncated track ends here.</summary>
    private readonly bool ReadLength(ReadOnlySpan<byte> data, ref int position, int track, int fileOffset, int eventStart, bool truncated, string what, out int length)
    {
        int lengthStart = position;
        switch (ReadVlq(data, ref position, out length))
        {
            case VlqResult.TooLong:
                throw Error(Place(track, fileOffset + lengthStart), $"bad variable-length length of {what}: more than 4 bytes");
            case VlqResult.Incomplete:
                EndOfData(track, fileOffset + eventStart, truncated, what);
                return false;
        }

        if (length > data.Length - position)
        {
            if (truncated)
            {
                EndOfData(track, fileOffset + eventStart, truncated, what);
                return false;
            }

            throw Error(Place(track, fileOffset + eventStart),
                $"{what} declares {length} bytes but only {data.Length - position} remain in the track chunk");
        }

        return true;
    }

    private readonly void ReadTempo(ReadOnlySpan<byte> payload, long tick, int track, int order, int fileOffset)
    {
        if (payload.Length < 3)
        {
            Warn(Place(track, fileOffset), $"set-tempo event with {payload.Length} data bytes instead of 3 is ignored");
            return;
        }

        if (payload.Length > 3)
            Warn(Place(track, fileOffset), $"set-tempo event with {payload.Length} data bytes instead of 3: the first 3 are used");
        int microseconds = (payload[0] << 16) | (payload[1] << 8) | payload[2];
        if (microseconds == 0)
        {
            Warn(Place(track, fileOffset), "set-tempo event of 0 microseconds per quarter note is ignored");
            return;
        }

        _tempos.Add(new MidiRawEvent(tick, track, order, 0xFF, 0, 0, microseconds));
    }

    /// <summary>
    /// Puts the tracks on one timeline and returns its length in ticks. Formats 0 and 1: all tracks start at
    /// tick 0 and share one tempo map. Format 2: the tracks are independent sequences played one after the
    /// other, each starting when the previous one ends, each starting at 120 BPM unless it sets its own tempo.
    /// </summary>
    private readonly long Arrange(int format)
    {
        long duration = 0;
        if (format != 2)
        {
            foreach (long length in _trackLengthsTicks)
                duration = Math.Max(duration, length);
            return duration;
        }

        var offsets = new long[_trackLengthsTicks.Count];
        for (int track = 0; track < offsets.Length; track++)
        {
            offsets[track] = duration;
            duration += _trackLengthsTicks[track];
        }

        for (int i = 0; i < _events.Count; i++)
            _events[i] = _events[i] with { Tick = _events[i].Tick + offsets[_events[i].Track] };
        for (int i = 0; i < _tempos.Count; i++)
            _tempos[i] = _tempos[i] with { Tick = _tempos[i].Tick + offsets[_tempos[i].Track] };
        for (int i = 0; i < _sysex.Count; i++)
            _sysex[i] = _sysex[i] with { Tick = _sysex[i].Tick + offsets[_sysex[i].Track] };
        for (int track = 1; track < offsets.Length; track++)
            _tempos.Add(new MidiRawEvent(offsets[track], track, -1, 0xFF, 0, 0, DefaultMicrosecondsPerQuarter));
        return duration;
    }

    /// <summary>The data ended inside an event: a warning when the chunk was cut by the end of the file, else an error.</summary>
    private readonly void EndOfData(int track, int eventOffset, bool truncated, string what)
    {
        if (!truncated)
            throw Error(Place(track, eventOffset), $"{what} runs past the end of the track chunk");
        Warn(Place(track, eventOffset), $"the file ends inside {what}; the rest of the track is lost");
    }

    /// <summary>Reads a variable-length quantity of at most 4 bytes (SMF 1.0), 7 bits a byte, most significant first.</summary>
    private static VlqResult ReadVlq(ReadOnlySpan<byte> data, ref int position, out int value)
    {
        value = 0;
        for (int i = 0; i < MaxVlqBytes; i++)
        {
            if (position >= data.Length)
                return VlqResult.Incomplete;
            byte b = data[position++];
            value = (value << 7) | (b & 0x7F);
            if (b < 0x80)
                return VlqResult.Ok;
        }

        return VlqResult.TooLong;
    }

    private static string Place(int track, int byteOffset) => $"track {track + 1}, byte {byteOffset}";

    private static string Printable(ReadOnlySpan<byte> id)
    {
        var builder = new StringBuilder(id.Length);
        foreach (byte b in id)
            builder.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
        return builder.ToString();
    }

    private readonly void Warn(string place, string message) => _warnings.Add($"{place}: {message}");

    private readonly InstrumentLoadException Error(string place, string reason) => new(_name, place, reason);
}
