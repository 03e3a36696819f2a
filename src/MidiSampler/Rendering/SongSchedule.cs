using MidiSampler.Engine;
using MidiSampler.Formats.Midi;

namespace MidiSampler.Rendering;

/// <summary>
/// A Standard MIDI File as engine events at absolute frames, in time order: what <see cref="SongRenderer"/> renders
/// offline and what a live host plays (<c>play --song</c>), so both time every event the same way.
/// </summary>
/// <remarks>
/// Design: song times become absolute frames once, on the control thread (rounded to the nearest frame); a block
/// then takes the events inside it with <see cref="Fill"/>, which only copies preallocated structs and so is safe on
/// the audio thread. The read position is a cursor the caller owns (an index), so one schedule can be played by
/// several players. Known system-exclusive messages (GM/GS/XG resets, the GS rhythm part) come before the channel
/// messages of the same tick: a song resets first and then sets up its channels.
/// </remarks>
public sealed class SongSchedule
{
    private readonly MidiEvent[] _events;
    private readonly long[] _frames;

    // The song's tempo map at frames: _tempoBpm[i] holds from _tempoFrames[i] on (the first at frame 0). Empty for an
    // SMPTE-timed file, which has no beats.
    private readonly long[] _tempoFrames;
    private readonly double[] _tempoBpm;

    private SongSchedule(MidiEvent[] events, long[] frames, long endFrame, bool heldAtEnd, int sampleRate, long[] tempoFrames, double[] tempoBpm)
    {
        _events = events;
        _frames = frames;
        _tempoFrames = tempoFrames;
        _tempoBpm = tempoBpm;
        EndFrame = endFrame;
        HeldAtEnd = heldAtEnd;
        SampleRate = sampleRate;
    }

    /// <summary>The frame at which the song ends (its last event, or its end-of-track time if later).</summary>
    public long EndFrame { get; }

    /// <summary>True when the song leaves a note or a sustain pedal down at its end.</summary>
    public bool HeldAtEnd { get; }

    /// <summary>The rate the frames are counted at, in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Number of events.</summary>
    public int Count => _events.Length;

    /// <summary>The events that <see cref="ReleaseEverything"/> writes at most.</summary>
    public const int ReleaseEventCount = 32;

    /// <summary>
    /// Converts <paramref name="song"/> at <paramref name="sampleRate"/>: its channel messages and SysEx, each through the
    /// engine's one <see cref="MidiDecoder"/> as a live host's are, so RPN/NRPN data entry and SysEx act alike offline
    /// and live. Control thread: allocates.
    /// </summary>
    public static SongSchedule FromSong(MidiFile song, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(song);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        var down = new int[16 * 128];
        var pedal = new bool[16];
        var events = new List<MidiEvent>(song.Events.Count);
        var frames = new List<long>(song.Events.Count);
        var decoder = new MidiDecoder();
        Span<byte> message = stackalloc byte[3];
        Span<MidiEvent> decoded = stackalloc MidiEvent[MidiDecoder.MaxEventsPerMessage];
        int sysex = 0;
        foreach (var e in song.Events)
        {
            // SysEx (GM/GS/XG resets, GS rhythm part, master volume) go before the channel messages of the same tick: a
            // song resets first and then sets up its channels, and the file's interleaving of the two is not kept.
            for (; sysex < song.SysEx.Count && song.SysEx[sysex].Tick <= e.Tick; sysex++)
                Add(decoder, song.SysEx[sysex].Message.Span, song.SysEx[sysex].TimeSeconds, sampleRate, decoded, events, frames);
            message[0] = e.Status;
            message[1] = e.Data1;
            message[2] = e.Data2;
            // Program change and channel pressure carry one data byte: a third would run on the status.
            int length = (e.Status & 0xF0) is 0xC0 or 0xD0 ? 2 : 3;
            int first = events.Count;
            Add(decoder, message[..length], e.TimeSeconds, sampleRate, decoded, events, frames);
            for (int i = first; i < events.Count; i++)
                Track(events[i], down, pedal);
        }

        for (; sysex < song.SysEx.Count; sysex++)
            Add(decoder, song.SysEx[sysex].Message.Span, song.SysEx[sysex].TimeSeconds, sampleRate, decoded, events, frames);
        // The end is the last event, plus at most SongRenderer.MaxTrailingSilenceSeconds of the silence the end-of-track
        // declares (issue 20: a valid 40-byte file can declare a 17.8-year song).
        long lastEvent = frames.Count > 0 ? frames[^1] + 1 : 0;
        long declared = (long)Math.Min(Math.Round(song.DurationSeconds * sampleRate), long.MaxValue / 4);
        long end = Math.Max(lastEvent, Math.Min(declared, lastEvent + (long)(SongRenderer.MaxTrailingSilenceSeconds * sampleRate)));
        var tempoFrames = new long[song.Tempos.Count];
        var tempoBpm = new double[song.Tempos.Count];
        for (int i = 0; i < tempoFrames.Length; i++)
        {
            tempoFrames[i] = i == 0 ? 0 : (long)Math.Round(song.Tempos[i].TimeSeconds * sampleRate);
            tempoBpm[i] = song.Tempos[i].BeatsPerMinute;
        }

        return new SongSchedule(events.ToArray(), frames.ToArray(), end, Array.Exists(down, n => n > 0) || Array.Exists(pedal, p => p), sampleRate,
            tempoFrames, tempoBpm);
    }

    /// <summary>
    /// This schedule cut at <paramref name="capFrames"/>: the events before it, ending there, with whatever is held at
    /// the cut released. Control thread: allocates.
    /// </summary>
    public SongSchedule Truncate(long capFrames)
    {
        int playable = Array.FindIndex(_frames, f => f >= capFrames);
        if (playable < 0)
            playable = _frames.Length;
        return new SongSchedule(_events[..playable], _frames[..playable], Math.Min(EndFrame, capFrames), heldAtEnd: true, SampleRate,
            _tempoFrames, _tempoBpm);
    }

    /// <summary>True once the cursor <paramref name="next"/> has passed the last event. Any thread.</summary>
    public bool IsPast(int next) => next >= _events.Length;

    /// <summary>
    /// Copies the events at frames <paramref name="position"/> .. <paramref name="position"/> + <paramref name="lengthFrames"/>
    /// − 1 from the cursor <paramref name="next"/> on into <paramref name="destination"/>, each with its offset from
    /// <paramref name="position"/>, and advances the cursor. When <paramref name="destination"/> fills up before the block's
    /// events are all taken, <paramref name="lengthFrames"/> is shortened to end at the first event that did not fit (the
    /// caller renders that shorter block and asks again). Returns the count. Audio thread safe: no allocation.
    /// </summary>
    public int Fill(ref int next, long position, ref int lengthFrames, Span<MidiEvent> destination)
    {
        // A block never spans a tempo change, so that the tempo the caller sets at its start (TempoAt) holds for all of it.
        long nextTempo = NextTempoChange(position);
        if (nextTempo > position && nextTempo < position + lengthFrames)
            lengthFrames = (int)(nextTempo - position);
        int count = 0;
        while (next < _events.Length && _frames[next] < position + lengthFrames)
        {
            if (count == destination.Length)
            {
                if (_frames[next] > position)
                    lengthFrames = (int)(_frames[next] - position);
                break;
            }

            destination[count++] = _events[next] with { OffsetFrames = (int)Math.Max(0, _frames[next] - position) };
            next++;
        }

        return count;
    }

    /// <summary>
    /// The song's tempo at <paramref name="position"/>, in BPM, from its tempo map (SMF Set Tempo events; 120 until the
    /// first); NaN for an SMPTE-timed song, which has no beats. Audio thread safe: no allocation.
    /// </summary>
    public double TempoAt(long position)
    {
        if (_tempoFrames.Length == 0)
            return double.NaN;
        int i = Array.BinarySearch(_tempoFrames, position);
        if (i < 0)
            i = ~i - 1;
        // Equal frames (two changes rounded to one frame): the last one there is in force.
        while (i + 1 < _tempoFrames.Length && _tempoFrames[i + 1] <= position)
            i++;
        return _tempoBpm[Math.Max(i, 0)];
    }

    /// <summary>The first frame after <paramref name="position"/> where the tempo changes, or long.MaxValue.</summary>
    private long NextTempoChange(long position)
    {
        int i = Array.BinarySearch(_tempoFrames, position + 1);
        if (i < 0)
            i = ~i;
        else
            while (i > 0 && _tempoFrames[i - 1] == position + 1)
                i--;
        return i < _tempoFrames.Length ? _tempoFrames[i] : long.MaxValue;
    }

    /// <summary>Pedal up and all notes off on every channel at offset 0: what a well-formed song does before it ends. Returns the count (32).</summary>
    public static int ReleaseEverything(Span<MidiEvent> destination)
    {
        int count = 0;
        for (int c = 0; c < 16 && count + 2 <= destination.Length; c++)
        {
            destination[count++] = MidiEvent.ControlChange(0, c, 64, 0);
            destination[count++] = MidiEvent.ControlChange(0, c, 123, 0);
        }

        return count;
    }

    private static void Add(MidiDecoder decoder, ReadOnlySpan<byte> bytes, double timeSeconds, int rate, Span<MidiEvent> decoded,
        List<MidiEvent> events, List<long> frames)
    {
        long frame = (long)Math.Round(timeSeconds * rate);
        while (!bytes.IsEmpty)
        {
            int count = decoder.Decode(bytes, 0, decoded, out int consumed);
            for (int i = 0; i < count; i++)
            {
                events.Add(decoded[i]);
                frames.Add(frame);
            }

            bytes = bytes[consumed..];
        }
    }

    /// <summary>Keeps count of the keys and pedals the song holds, to release what it leaves held at its end.</summary>
    private static void Track(in MidiEvent e, int[] down, bool[] pedal)
    {
        int slot = (e.Channel * 128) + e.Data1;
        switch (e.Type)
        {
            case MidiEventType.NoteOn:
                down[slot]++;
                break;
            case MidiEventType.NoteOff:
                down[slot] = 0; // a note-off releases every voice of the key
                break;
            case MidiEventType.ControlChange when e.Data1 == 64:
                pedal[e.Channel] = e.Data2 >= 64;
                break;
            case MidiEventType.ControlChange when e.Data1 is 120 or >= 123:
                Array.Clear(down, e.Channel * 128, 128);
                break;
            default:
                break;
        }
    }
}
