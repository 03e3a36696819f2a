using System.Buffers.Binary;
using System.Runtime.InteropServices;
using MidiSampler.Alsa.Native;
using MidiSampler.Engine;

namespace MidiSampler.Alsa.Tests;

/// <summary>
/// The sequencer input's translation, from raw <c>snd_seq_event_t</c> bytes (laid out here by hand as alsa/seq_event.h
/// defines them, not through our struct) through alsa-lib's <c>snd_midi_event_decode</c> and the engine's decoder.
/// Each kind must give exactly what the same MIDI bytes give the decoder as a raw stream. Runs without /dev/snd.
/// </summary>
public sealed unsafe class SeqEventTranslatorTests
{
    private const byte NoteType = 5, NoteOn = 6, NoteOff = 7, KeyPress = 8, Controller = 10, ProgramChange = 11,
        ChannelPressure = 12, PitchBend = 13, Control14 = 14, NonRegParam = 15, RegParam = 16, Clock = 36, Sensing = 42,
        PortStart = 63, SysEx = 130;

    [Fact]
    public void The_event_struct_has_alsa_libs_size_and_layout()
    {
        Assert.Equal(28, sizeof(snd_seq_event_t));
        Assert.Equal(16, (int)Marshal.OffsetOf<snd_seq_event_t>(nameof(snd_seq_event_t.channel)));
        Assert.Equal(20, (int)Marshal.OffsetOf<snd_seq_event_t>(nameof(snd_seq_event_t.ext_ptr)));
    }

    public static TheoryData<string, byte, byte, int, int, byte[]> ChannelMessages => new()
    {
        { "note on", NoteOn, 3, 64, 100, [0x93, 64, 100] },
        { "note on, velocity 0", NoteOn, 0, 60, 0, [0x90, 60, 0] },
        { "note off", NoteOff, 0, 60, 40, [0x80, 60, 40] },
        { "key pressure", KeyPress, 1, 60, 33, [0xA1, 60, 33] },
    };

    [Theory]
    [MemberData(nameof(ChannelMessages))]
    public void Note_kinds_give_what_their_midi_bytes_give(string kind, byte type, byte channel, int note, int velocity, byte[] midi)
    {
        var raw = Event(type);
        raw[16] = channel;
        raw[17] = (byte)note;
        raw[18] = (byte)velocity;
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(20), 480); // duration, for SND_SEQ_EVENT_NOTE
        AssertSameAsRaw(raw, midi, kind);
    }

    public static TheoryData<string, byte, byte, uint, int, byte[]> ControlMessages => new()
    {
        { "control change", Controller, 2, 7, 100, [0xB2, 7, 100] },
        { "program change", ProgramChange, 9, 0, 5, [0xC9, 5] },
        { "channel pressure", ChannelPressure, 4, 0, 77, [0xD4, 77] },
        { "pitch bend, lowest", PitchBend, 0, 0, -8192, [0xE0, 0, 0] },
        { "pitch bend, centre", PitchBend, 0, 0, 0, [0xE0, 0, 64] },
        { "pitch bend, highest", PitchBend, 5, 0, 8191, [0xE5, 127, 127] },
        { "14-bit controller", Control14, 0, 7, 0x2345, [0xB0, 7, 0x46, 0xB0, 39, 0x45] },
        { "RPN (bend range 12 semitones)", RegParam, 0, 0, 12 << 7, [0xB0, 101, 0, 0xB0, 100, 0, 0xB0, 6, 12, 0xB0, 38, 0] },
        { "NRPN", NonRegParam, 1, (1 << 7) | 8, 0x1234, [0xB1, 99, 1, 0xB1, 98, 8, 0xB1, 6, 0x24, 0xB1, 38, 0x34] },
    };

    [Theory]
    [MemberData(nameof(ControlMessages))]
    public void Control_kinds_give_what_their_midi_bytes_give(string kind, byte type, byte channel, uint param, int value, byte[] midi)
    {
        var raw = Event(type);
        raw[16] = channel;
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(20), param);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(24), value);
        AssertSameAsRaw(raw, midi, kind);
    }

    [Fact]
    public void Each_kind_means_what_it_should_to_the_engine()
    {
        Assert.Equal(MidiEvent.NoteOn(0, 3, 64, 100), Translate(Note(NoteOn, 3, 64, 100)).Single());
        Assert.Equal(MidiEventType.NoteOff, Translate(Note(NoteOn, 0, 60, 0)).Single().Type);
        Assert.Equal(MidiEventType.PolyPressure, Translate(Note(KeyPress, 1, 60, 33)).Single().Type);
        Assert.Equal(8191 + 8192, Translate(Control(PitchBend, 5, 0, 8191)).Single().Value);
        Assert.Equal(5, Translate(Control(ProgramChange, 9, 0, 5)).Single().Data1);
        var rpn = Translate(Control(RegParam, 0, 0, 12 << 7)).Last(e => e.Type == MidiEventType.RegisteredParameter); // MSB, then LSB
        Assert.Equal(0, rpn.ParameterNumber);
        Assert.Equal(12 << 7, rpn.ParameterValue);
        var nrpn = Translate(Control(NonRegParam, 1, (1 << 7) | 8, 0x1234)).Last(e => e.Type == MidiEventType.NonRegisteredParameter);
        Assert.Equal((1 << 7) | 8, nrpn.ParameterNumber);
        Assert.Equal(0x1234, nrpn.ParameterValue);
    }

    [Fact]
    public void SysEx_comes_from_the_events_own_buffer_whatever_its_length()
    {
        byte[] gmOn = [0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7];
        var e = Translate(SysExEvent(gmOn)).Single();
        Assert.Equal(MidiEventType.SysEx, e.Type);
        Assert.Equal((byte)SysExKind.GeneralMidiOn, e.Data1);

        // A 4 KiB dump (longer than the codec's buffer) streams through: nothing for the engine, counted, no failure,
        // and the stream is in a clean state for the next message.
        var dump = new byte[4096];
        dump[0] = 0xF0;
        dump[1] = 0x43;
        dump[^1] = 0xF7;
        using var translator = new SeqEventTranslator(new MidiDecoder());
        Assert.Empty(Translate(translator, SysExEvent(dump)));
        Assert.True(translator.DecoderCounters.Unsupported >= 1);
        Assert.Equal(MidiEvent.NoteOn(0, 0, 60, 100), Translate(translator, Note(NoteOn, 0, 60, 100)).Single());
    }

    [Fact]
    public void Clock_sensing_scheduled_notes_and_port_announcements_reach_nothing_and_are_counted()
    {
        using var translator = new SeqEventTranslator(new MidiDecoder());
        // SND_SEQ_EVENT_NOTE (a note with a duration, for a queue to schedule) has no MIDI bytes: alsa-lib's codec and
        // FluidSynth's sequencer driver ignore it too. Keyboards send NOTEON/NOTEOFF.
        Assert.Empty(Translate(translator, Note(NoteType, 0, 60, 100)));
        Assert.Empty(Translate(translator, Event(Clock)));
        Assert.Empty(Translate(translator, Event(Sensing)));
        Assert.Equal(2, translator.DecoderCounters.Unsupported);
        var announce = Event(PortStart);
        announce[16] = 24; // data.addr: client 24, port 0
        Assert.Empty(Translate(translator, announce));
        Assert.Equal(2, translator.Unsupported);
    }

    private static byte[] Event(byte type)
    {
        var raw = new byte[28];
        raw[0] = type;
        raw[3] = 253; // SND_SEQ_QUEUE_DIRECT
        raw[12] = 24; // source 24:0
        raw[14] = 128; // dest 128:0
        return raw;
    }

    private static byte[] Note(byte type, byte channel, int note, int velocity)
    {
        var raw = Event(type);
        raw[16] = channel;
        raw[17] = (byte)note;
        raw[18] = (byte)velocity;
        return raw;
    }

    private static byte[] Control(byte type, byte channel, uint param, int value)
    {
        var raw = Event(type);
        raw[16] = channel;
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(20), param);
        BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(24), value);
        return raw;
    }

    /// <summary>A variable-length event: flags SND_SEQ_EVENT_LENGTH_VARIABLE, data.ext = { len, ptr } (packed).</summary>
    private static (byte[] Raw, byte[] Data) SysExEvent(byte[] data)
    {
        var raw = Event(SysEx);
        raw[1] = 1 << 2;
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(16), (uint)data.Length);
        return (raw, data);
    }

    private static List<MidiEvent> Translate(byte[] raw) => Translate((raw, []));

    private static List<MidiEvent> Translate((byte[] Raw, byte[] Data) e)
    {
        using var translator = new SeqEventTranslator(new MidiDecoder());
        return Translate(translator, e);
    }

    private static List<MidiEvent> Translate(SeqEventTranslator translator, byte[] raw) => Translate(translator, (raw, []));

    private static List<MidiEvent> Translate(SeqEventTranslator translator, (byte[] Raw, byte[] Data) e)
    {
        var output = new MidiEvent[SeqEventTranslator.MaxEventsPerSeqEvent];
        fixed (byte* data = e.Data)
        fixed (byte* raw = e.Raw)
        {
            if (e.Data.Length > 0)
                BinaryPrimitives.WriteUInt64LittleEndian(new Span<byte>(raw + 20, 8), (ulong)data);
            int n = translator.Translate((snd_seq_event_t*)raw, output);
            return [.. output.AsSpan(0, n)];
        }
    }

    private static void AssertSameAsRaw(byte[] seqEvent, byte[] midi, string kind)
    {
        var expected = new MidiEvent[16];
        int n = new MidiDecoder().Decode(midi, 0, expected);
        var actual = Translate(seqEvent);
        Assert.True(n > 0, $"{kind}: the decoder gives nothing for the raw bytes");
        Assert.Equal(expected.AsSpan(0, n).ToArray(), actual.ToArray());
    }
}
