using MidiSampler.Formats.Midi;

namespace MidiSampler.Tests.Formats.Midi;

public class MidiFileWriterTests
{
    [Fact]
    public void Writes_the_bytes_the_SMF_spec_prescribes_for_a_one_note_format_0_file()
    {
        var writer = new MidiFileWriter(0, 96);
        int track = writer.AddTrack();
        writer.AddTempoBpm(track, 0, 100); // 600,000 microseconds per quarter = 0x09 0x27 0xC0
        writer.AddNote(track, 0, 200, 3, 60, 100);

        byte[] expected =
        [
            .. "MThd"u8, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96,
            .. "MTrk"u8, 0, 0, 0, 20,
            0x00, 0xFF, 0x51, 0x03, 0x09, 0x27, 0xC0,
            0x00, 0x93, 0x3C, 0x64,
            0x81, 0x48, 0x83, 0x3C, 0x40, // delta 200 as a two-byte quantity
            0x00, 0xFF, 0x2F, 0x00,
        ];
        Assert.Equal(expected, writer.ToArray());
    }

    [Fact]
    public void Running_status_omits_repeated_status_bytes_but_not_after_a_meta_event()
    {
        var writer = new MidiFileWriter(1, 480) { UseRunningStatus = true };
        int track = writer.AddTrack();
        writer.AddNoteOn(track, 0, 0, 60, 100);
        writer.AddNoteOn(track, 0, 0, 64, 100);
        writer.AddTempo(track, 10, 400_000);
        writer.AddNoteOn(track, 20, 0, 60, 0);
        writer.AddProgramChange(track, 30, 0, 5);
        writer.AddProgramChange(track, 30, 0, 6);

        byte[] bytes = writer.ToArray();
        byte[] expectedEvents =
        [
            0x00, 0x90, 0x3C, 0x64,
            0x00, 0x40, 0x64,
            0x0A, 0xFF, 0x51, 0x03, 0x06, 0x1A, 0x80,
            0x0A, 0x90, 0x3C, 0x00,
            0x0A, 0xC0, 0x05,
            0x00, 0x06,
            0x00, 0xFF, 0x2F, 0x00,
        ];
        Assert.Equal(expectedEvents, bytes[22..]);
        Assert.Empty(MidiFile.Read(bytes, "rs.mid").Warnings);
    }

    [Fact]
    public void Events_are_written_in_tick_order_keeping_the_order_of_those_added_at_the_same_tick()
    {
        var writer = new MidiFileWriter(1, 480);
        int track = writer.AddTrack();
        writer.AddControlChange(track, 100, 0, 7, 1);
        writer.AddControlChange(track, 0, 0, 7, 2);
        writer.AddControlChange(track, 100, 0, 7, 3);
        writer.AddPitchBend(track, 0, 15, 0x3FFF);

        var file = MidiFile.Read(writer.ToArray(), "order.mid");

        Assert.Equal(
            [(0L, 0xB0, 7, 2), (0L, 0xEF, 0x7F, 0x7F), (100L, 0xB0, 7, 1), (100L, 0xB0, 7, 3)],
            file.Events.Select(e => (e.Tick, (int)e.Status, (int)e.Data1, (int)e.Data2)));
    }

    [Fact]
    public void End_of_track_can_be_placed_after_the_last_event()
    {
        var writer = new MidiFileWriter(0, 480);
        int track = writer.AddTrack();
        writer.AddNote(track, 0, 480, 0, 60, 100);
        writer.SetEndOfTrack(track, 1920);

        var file = MidiFile.Read(writer.ToArray(), "tail.mid");

        Assert.Equal(1920, file.DurationTicks);
        Assert.Equal(2.0, file.DurationSeconds);
    }

    [Fact]
    public void Refuses_what_it_cannot_write()
    {
        var writer = new MidiFileWriter(0, 480);
        Assert.Throws<InvalidOperationException>(writer.ToArray);
        int track = writer.AddTrack();
        writer.AddTrack();
        Assert.Throws<InvalidOperationException>(writer.ToArray);

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddChannelMessage(track, 0, 0xF0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddChannelMessage(track, 0, 0x90, 0x80));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddNoteOn(track, -1, 0, 60, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddNoteOn(track, MidiFileWriter.MaxTick + 1, 0, 60, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddNoteOn(track, 0, 16, 60, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddNoteOn(5, 0, 0, 60, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddTempo(track, 0, 0x100_0000));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddMeta(track, 0, 0x2F, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MidiFileWriter(3, 480));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MidiFileWriter(1, 0x8000));
    }
}
