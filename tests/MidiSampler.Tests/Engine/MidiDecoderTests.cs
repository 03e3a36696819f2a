using FsCheck;
using FsCheck.Fluent;
using MidiSampler.Engine;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Engine;

/// <summary>
/// The one MIDI decoder (<see cref="MidiDecoder"/>): running status, real-time bytes anywhere, SysEx of any length,
/// RPN/NRPN data entry, 14-bit controller pairs, what it counts, and that it never allocates.
/// </summary>
public sealed class MidiDecoderTests
{
    private static List<MidiEvent> Decode(MidiDecoder decoder, params byte[] bytes)
    {
        var output = new MidiEvent[1024];
        int n = decoder.Decode(bytes, 7, output);
        return [.. output.AsSpan(0, n)];
    }

    private static List<MidiEvent> Decode(params byte[] bytes) => Decode(new MidiDecoder(), bytes);

    [Fact]
    public void Channel_messages_decode_with_their_offset_and_running_status_repeats_the_last_status()
    {
        var events = Decode(0x92, 60, 100, 62, 90, 64, 0, 0xC3, 5, 6, 0xE0, 0x00, 0x40, 0xD1, 33, 0xA4, 60, 70);
        Assert.Equal(
            [
                new MidiEvent(7, MidiEventType.NoteOn, 2, 60, 100, 0, 0),
                new MidiEvent(7, MidiEventType.NoteOn, 2, 62, 90, 0, 0),
                new MidiEvent(7, MidiEventType.NoteOff, 2, 64, 64, 0, 0), // note-on velocity 0 is a note-off
                MidiEvent.ProgramChange(7, 3, 5),
                MidiEvent.ProgramChange(7, 3, 6),                         // one data byte runs on too
                MidiEvent.PitchBend(7, 0, 8192),
                new MidiEvent(7, MidiEventType.ChannelPressure, 1, 33, 0, 0, 0),
                new MidiEvent(7, MidiEventType.PolyPressure, 4, 60, 70, 0, 0),
            ],
            events);
    }

    [Fact]
    public void Real_time_bytes_inside_a_message_or_a_sysex_are_skipped_and_counted_without_breaking_it()
    {
        var decoder = new MidiDecoder();
        var events = Decode(decoder, 0x90, 0xF8, 60, 0xFE, 100, 0xF0, 0x7E, 0x7F, 0xF8, 0x09, 0x01, 0xF7);
        Assert.Equal([MidiEventType.NoteOn, MidiEventType.SysEx], events.Select(e => e.Type));
        Assert.Equal(SysExKind.GeneralMidiOn, (SysExKind)events[1].Data1);
        Assert.Equal(new MidiDecoderCounters(2, 3, 0, 0), decoder.Counters);
    }

    [Fact]
    public void A_system_reset_byte_resets_like_gm_system_on()
    {
        var events = Decode(0xFF);
        Assert.Equal(MidiEvent.SysEx(7, SysExKind.SystemReset), Assert.Single(events));
    }

    [Fact]
    public void A_sysex_of_any_length_streams_through_and_the_known_ones_are_recognised()
    {
        var decoder = new MidiDecoder();
        // A 100,000-byte dump (unsupported), fed in 1,000-byte pieces, then a GS reset split across two calls.
        var dump = new byte[100_000];
        dump[0] = 0xF0;
        dump[^1] = 0xF7;
        for (int i = 1; i < dump.Length - 1; i++)
            dump[i] = (byte)(i % 128);
        var output = new MidiEvent[4];
        for (int at = 0; at < dump.Length; at += 1000)
            Assert.Equal(0, decoder.Decode(dump.AsSpan(at, Math.Min(1000, dump.Length - at)), 0, output));
        byte[] gsReset = [0xF0, 0x41, 0x10, 0x42, 0x12, 0x40, 0x00, 0x7F, 0x00, 0x41, 0xF7];
        Assert.Equal(0, decoder.Decode(gsReset.AsSpan(0, 5), 0, output));
        Assert.Equal(1, decoder.Decode(gsReset.AsSpan(5), 3, output));
        Assert.Equal(MidiEvent.SysEx(3, SysExKind.GsReset), output[0]);
        Assert.Equal(new MidiDecoderCounters(1, 1, 0, 0), decoder.Counters);
    }

    [Fact]
    public void Gs_rhythm_part_and_master_volumes_are_recognised_and_a_bad_gs_checksum_is_malformed()
    {
        var decoder = new MidiDecoder();
        var events = Decode(decoder,
            0xF0, 0x41, 0x10, 0x42, 0x12, 0x40, 0x11, 0x15, 0x01, 0x19, 0xF7,  // part 1 (channel 0) to rhythm
            0xF0, 0x7F, 0x7F, 0x04, 0x01, 0x00, 0x40, 0xF7,                    // GM master volume 8192
            0xF0, 0x41, 0x10, 0x42, 0x12, 0x40, 0x00, 0x04, 0x40, 0x7C, 0xF7,  // GS master volume 64
            0xF0, 0x43, 0x10, 0x4C, 0x00, 0x00, 0x04, 0x20, 0xF7,              // XG master volume 32
            0xF0, 0x41, 0x10, 0x42, 0x12, 0x40, 0x11, 0x15, 0x01, 0x18, 0xF7); // checksum off by one
        Assert.Equal(
            [
                MidiEvent.SysEx(7, SysExKind.GsRhythmPart, 0, 1),
                MidiEvent.SysEx(7, SysExKind.MasterVolume, value: 8192),
                MidiEvent.SysEx(7, SysExKind.MasterVolume, value: 64 << 7),
                MidiEvent.SysEx(7, SysExKind.MasterVolume, value: 32 << 7),
            ],
            events);
        Assert.Equal(1, decoder.Counters.Malformed);
    }

    [Fact]
    public void Rpn_data_entry_becomes_one_parameter_event_with_msb_resetting_lsb_and_increments_stepping_it()
    {
        var decoder = new MidiDecoder();
        // RPN 0 (bend range) = 12 semitones 50 cents, then data increment, then RPN 0 MSB alone: LSB back to 0.
        var events = Decode(decoder, 0xB1, 101, 0, 100, 0, 6, 12, 38, 50, 96, 0, 6, 3)
            .Where(e => e.Type == MidiEventType.RegisteredParameter).ToList();
        Assert.Equal([(12 << 7) | 0, (12 << 7) | 50, (12 << 7) | 51, 3 << 7], events.Select(e => e.ParameterValue));
        Assert.All(events, e => Assert.Equal((1, 0), (e.Channel, e.ParameterNumber)));
    }

    [Fact]
    public void Control_changes_pass_on_as_such_beside_the_parameter_event()
    {
        var events = Decode(0xB0, 101, 0, 100, 0, 6, 2);
        Assert.Equal([101, 100, 6], events.Where(e => e.Type == MidiEventType.ControlChange).Select(e => (int)e.Data1));
        Assert.Equal(MidiEvent.Parameter(7, 0, false, 0, 2 << 7), events[^1]);
    }

    [Fact]
    public void Nrpn_selects_its_own_parameter_and_increments_wait_for_a_known_value()
    {
        var events = Decode(0xB0, 99, 1, 98, 32, 96, 0, 6, 64, 97, 0)
            .Where(e => e.Type is MidiEventType.NonRegisteredParameter or MidiEventType.RegisteredParameter).ToList();
        Assert.Equal([MidiEvent.Parameter(7, 0, true, (1 << 7) | 32, 64 << 7), MidiEvent.Parameter(7, 0, true, 160, (64 << 7) - 1)], events);
    }

    [Fact]
    public void The_null_parameter_a_reset_all_controllers_and_a_gm_reset_deselect()
    {
        foreach (byte[] deselect in new byte[][] { [0xB0, 101, 127, 100, 127], [0xB0, 121, 0], [0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7] })
        {
            var decoder = new MidiDecoder();
            Decode(decoder, 0xB0, 101, 0, 100, 0);
            Decode(decoder, deselect);
            Assert.DoesNotContain(Decode(decoder, 0xB0, 6, 12, 96, 0), e => e.Type == MidiEventType.RegisteredParameter);
        }
    }

    [Fact]
    public void Fourteen_bit_pairs_carry_their_value_and_an_msb_zeroes_the_lsb()
    {
        var events = Decode(0xB0, 1, 64, 33, 32, 1, 65, 74, 10);
        Assert.Equal([64 << 7, (64 << 7) | 32, 65 << 7, 10 << 7], events.Select(e => e.Value));
    }

    [Fact]
    public void Framing_errors_are_counted_and_the_next_status_recovers()
    {
        var decoder = new MidiDecoder();
        // A stray data byte, an end of exclusive with no start, a SysEx cut short by a note-on, a song position pointer
        // (which cancels running status: the data byte after it is stray), then a clean note.
        var events = Decode(decoder, 60, 0xF7, 0xF0, 0x7E, 0x90, 61, 100, 0xF2, 0, 16, 5, 0x80, 61, 0);
        Assert.Equal([MidiEventType.NoteOn, MidiEventType.NoteOff], events.Select(e => e.Type));
        Assert.Equal(new MidiDecoderCounters(2, 1, 4, 0), decoder.Counters);
    }

    [Fact]
    public void A_full_output_drops_and_counts_but_the_consuming_overload_stops_before_it()
    {
        byte[] notes = [0x90, 60, 100, 61, 100, 62, 100];
        var decoder = new MidiDecoder();
        var one = new MidiEvent[1];
        Assert.Equal(1, decoder.Decode(notes, 0, one));
        Assert.Equal(2, decoder.Counters.Dropped);

        var careful = new MidiDecoder();
        var two = new MidiEvent[MidiDecoder.MaxEventsPerMessage];
        var all = new List<MidiEvent>();
        ReadOnlySpan<byte> rest = notes;
        while (!rest.IsEmpty)
        {
            int n = careful.Decode(rest, 0, two, out int consumed);
            all.AddRange(two.AsSpan(0, n).ToArray());
            rest = rest[consumed..];
        }

        Assert.Equal([60, 61, 62], all.Select(e => (int)e.Data1));
        Assert.Equal(0, careful.Counters.Dropped);
    }

    [Fact]
    public void Any_chunking_of_a_stream_gives_the_same_events() =>
        Prop.ForAll(
            Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().ToArbitrary(),
            Gen.Choose(1, 9).ArrayOf().ToArbitrary(),
            (bytes, cuts) =>
            {
                var whole = Decode(new MidiDecoder(), bytes);
                var decoder = new MidiDecoder();
                var pieces = new List<MidiEvent>();
                var output = new MidiEvent[1024];
                int at = 0, k = 0;
                while (at < bytes.Length)
                {
                    int length = Math.Min(bytes.Length - at, cuts.Length == 0 ? bytes.Length : cuts[k++ % cuts.Length]);
                    int n = decoder.Decode(bytes.AsSpan(at, length), 7, output);
                    pieces.AddRange(output.AsSpan(0, n).ToArray());
                    at += length;
                }

                return whole.SequenceEqual(pieces);
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void Decoding_allocates_nothing()
    {
        var decoder = new MidiDecoder();
        byte[] stream =
        [
            0x90, 60, 100, 0xF8, 62, 0, 0xB0, 101, 0, 100, 0, 6, 12, 38, 3, 96, 0, 1, 64, 33, 2,
            0xF0, 0x41, 0x10, 0x42, 0x12, 0x40, 0x11, 0x15, 0x01, 0x19, 0xF7, 0xF0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
            15, 16, 17, 18, 19, 20, 0xF7, 0xE5, 0, 64, 0xFF,
        ];
        var output = new MidiEvent[64];
        // This thread's bytes only: a collection another test's thread brings due is no allocation of the decoder's.
        var (bytes, _, _, _) = AllocationWindow.Measure(_ => decoder.Decode(stream, 0, output), 100, 10_000);
        Assert.Equal(0, bytes);
    }
}
