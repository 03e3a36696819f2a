using MidiSampler.Formats.Midi;

namespace MidiSampler.Tests.Formats.Midi;

public class MidiFileReaderTests
{
    private static MidiFile Read(byte[] bytes) => MidiFile.Read(bytes, "song.mid");

    [Fact]
    public void Format_0_note_on_and_off_at_96_ticks_per_quarter()
    {
        var file = Read(Smf.Join(
            Smf.Header(0, 1, 96),
            Smf.Track([0x00, 0x90, 0x3C, 0x64, 0x60, 0x80, 0x3C, 0x40, .. Smf.EndOfTrack])));

        Assert.Equal(0, file.Format);
        Assert.Equal(1, file.TrackCount);
        Assert.Equal(96, file.TicksPerQuarter);
        Assert.Equal(0, file.SmpteFramesPerSecond);
        Assert.Empty(file.Warnings);
        Assert.Equal(
            [new MidiFileEvent(0, 0, 0, 0x90, 0x3C, 0x64), new MidiFileEvent(0.5, 96, 0, 0x80, 0x3C, 0x40)],
            file.Events);
        Assert.Equal(96, file.DurationTicks);
        Assert.Equal(0.5, file.DurationSeconds);
    }

    [Fact]
    public void Running_status_repeats_the_status_and_velocity_0_stays_a_note_on()
    {
        var file = Read(Smf.Join(
            Smf.Header(0, 1, 480),
            Smf.Track([0x00, 0x91, 0x3C, 0x64, 0x00, 0x40, 0x50, 0x81, 0x70, 0x3C, 0x00, 0x00, 0x40, 0x00, .. Smf.EndOfTrack])));

        Assert.Equal(
            [
                new MidiFileEvent(0, 0, 0, 0x91, 0x3C, 0x64),
                new MidiFileEvent(0, 0, 0, 0x91, 0x40, 0x50),
                new MidiFileEvent(0.25, 240, 0, 0x91, 0x3C, 0x00),
                new MidiFileEvent(0.25, 240, 0, 0x91, 0x40, 0x00),
            ],
            file.Events);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Running_status_after_a_meta_event_is_accepted_with_a_warning()
    {
        // SMF 1.0 says meta and sysex events cancel running status; some files rely on it anyway.
        var file = Read(Smf.Join(
            Smf.Header(0, 1, 480),
            Smf.Track([0x00, 0x90, 0x3C, 0x64, 0x00, 0xFF, 0x01, 0x02, (byte)'h', (byte)'i', 0x10, 0x3C, 0x00, .. Smf.EndOfTrack])));

        Assert.Equal([0x90, 0x90], file.Events.Select(e => e.Status));
        Assert.Equal(16, file.Events[1].Tick);
        Assert.Equal(0, file.Events[1].Data2);
        string warning = Assert.Single(file.Warnings);
        Assert.Contains("track 1, byte 33", warning, StringComparison.Ordinal);
        Assert.Contains("running status used after a meta or sysex event", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Sysex_and_escape_events_are_skipped_by_their_length_even_when_they_hold_status_like_bytes()
    {
        var file = Read(Smf.Join(
            Smf.Header(0, 1, 480),
            Smf.Track(
            [
                0x00, 0xF0, 0x05, 0x7E, 0x7F, 0x09, 0x01, 0xF7, // GM system on
                0x00, 0xF7, 0x03, 0x90, 0xFF, 0x2F,             // escape: arbitrary bytes, including a fake end-of-track
                0x00, 0xF0, 0x02, 0x43, 0x12,                   // a sysex split in packets...
                0x0A, 0xF7, 0x02, 0x00, 0xF7,                   // ...continued by an F7 packet
                0x00, 0xC2, 0x05,                               // program change: one data byte
                0x00, 0xD2, 0x40,                               // channel pressure: one data byte
                0x00, 0xE2, 0x00, 0x40,                         // pitch bend centre
                .. Smf.EndOfTrack,
            ])));

        Assert.Equal(
            [
                new MidiFileEvent(file.SecondsAtTick(10), 10, 0, 0xC2, 0x05, 0),
                new MidiFileEvent(file.SecondsAtTick(10), 10, 0, 0xD2, 0x40, 0),
                new MidiFileEvent(file.SecondsAtTick(10), 10, 0, 0xE2, 0x00, 0x40),
            ],
            file.Events);
        Assert.Empty(file.Warnings);
    }

    [Fact]
    public void Unknown_meta_events_and_unknown_chunks_are_skipped()
    {
        var file = Read(Smf.Join(
            Smf.Header(1, 1, 480),
            Smf.Chunk("XFIH", 0x4D, 0x54, 0x72, 0x6B, 0x90),
            Smf.Track(
            [
                0x00, 0xFF, 0x7F, 0x04, 0x00, 0x00, 0x41, 0x90, // sequencer-specific
                0x00, 0xFF, 0x60, 0x00,                         // undefined meta type, empty
                0x00, 0xFF, 0x58, 0x04, 0x04, 0x02, 0x18, 0x08, // time signature
                0x00, 0x90, 0x3C, 0x64,
                .. Smf.EndOfTrack,
            ]),
            Smf.Chunk("junk", 0x01, 0x02)));

        var e = Assert.Single(file.Events);
        Assert.Equal((byte)0x90, e.Status);
        Assert.Equal(1, file.TrackCount);
        Assert.Equal(2, file.Warnings.Count);
        Assert.Contains("byte 14: skipped a chunk of unknown type 'XFIH' (5 bytes)", file.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("skipped a chunk of unknown type 'junk'", file.Warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Smpte_division_25_fps_40_ticks_per_frame_is_one_millisecond_per_tick_whatever_the_tempo()
    {
        var file = Read(Smf.Join(
            Smf.Header(0, 1, 0xE728), // -25 frames per second, 40 ticks per frame
            Smf.Track(
            [
                0x00, 0xFF, 0x51, 0x03, 0x0F, 0x42, 0x40, // 60 BPM: no effect on SMPTE timing
                0x87, 0x68, 0x90, 0x3C, 0x64,             // tick 1000
                .. Smf.EndOfTrack,
            ])));

        Assert.Equal(25, file.SmpteFramesPerSecond);
        Assert.Equal(40, file.TicksPerFrame);
        Assert.Equal(0, file.TicksPerQuarter);
        Assert.Empty(file.Tempos);
        var e = Assert.Single(file.Events);
        Assert.Equal(1000, e.Tick);
        Assert.Equal(1.0, e.TimeSeconds);
    }

    [Fact]
    public void Smpte_29_means_30_drop_frame_at_30000_over_1001_frames_per_second()
    {
        var file = Read(Smf.Join(
            Smf.Header(0, 1, 0xE364), // -29, 100 ticks per frame
            Smf.Track([0x97, 0x38, 0x90, 0x3C, 0x64, .. Smf.EndOfTrack]))); // tick 3000 = 30 frames

        Assert.Equal(29, file.SmpteFramesPerSecond);
        Assert.Equal(3000, file.Events[0].Tick);
        Assert.Equal(30 * 1001 / 30000.0, file.Events[0].TimeSeconds, 15);
    }

    [Fact]
    public void Odd_but_legal_variable_length_quantities_with_leading_zero_groups_are_read()
    {
        var file = Read(Smf.Join(
            Smf.Header(0, 1, 480),
            Smf.Track(
            [
                0x80, 0x00, 0xB0, 0x07, 0x64,             // 0 in two bytes
                0x80, 0x80, 0x80, 0x00, 0xB0, 0x07, 0x65, // 0 in four bytes
                0x81, 0x00, 0xB0, 0x07, 0x66,             // 128
                0x80, 0x81, 0x00, 0xB0, 0x07, 0x67,       // 128 with a leading zero group
                0xFF, 0xFF, 0xFF, 0x7F, 0xB0, 0x07, 0x68, // 0x0FFFFFFF, the largest
                .. Smf.EndOfTrack,
            ])));

        Assert.Equal([0L, 0, 128, 256, 256 + 0x0FFF_FFFF], file.Events.Select(e => e.Tick));
        Assert.Equal([0x64, 0x65, 0x66, 0x67, 0x68], file.Events.Select(e => (int)e.Data2));
    }

    [Fact]
    public void Missing_end_of_track_is_tolerated_and_the_track_ends_at_its_last_event()
    {
        var file = Read(Smf.Join(
            Smf.Header(1, 2, 480),
            Smf.Track([0x00, 0x90, 0x3C, 0x64, 0x83, 0x60, 0x80, 0x3C, 0x00]),
            Smf.Track([0x00, 0x90, 0x40, 0x64, .. Smf.EndOfTrack])));

        Assert.Equal(3, file.Events.Count);
        Assert.Equal(480, file.DurationTicks);
        Assert.Equal(0.5, file.DurationSeconds);
        string warning = Assert.Single(file.Warnings);
        Assert.Equal("track 1: no end-of-track event; the track ends at its last event", warning);
    }

    [Fact]
    public void Duration_counts_the_end_of_track_event_after_the_last_note()
    {
        var file = Read(Smf.Join(
            Smf.Header(0, 1, 480),
            Smf.Track([0x00, 0x90, 0x3C, 0x64, 0x10, 0x80, 0x3C, 0x00, 0x8E, 0x50, 0xFF, 0x2F, 0x00]))); // end at 16 + 1872

        Assert.Equal(16 + 1872, file.DurationTicks);
        Assert.Equal((16 + 1872) / 960.0, file.DurationSeconds);
    }

    [Fact]
    public void Header_track_count_that_disagrees_with_the_chunks_is_tolerated_with_a_warning()
    {
        var file = Read(Smf.Join(
            Smf.Header(1, 3, 480),
            Smf.Track([0x00, 0x90, 0x3C, 0x64, .. Smf.EndOfTrack]),
            Smf.Track([0x00, 0x90, 0x40, 0x64, .. Smf.EndOfTrack])));

        Assert.Equal(2, file.TrackCount);
        Assert.Equal([0, 1], file.Events.Select(e => e.Track));
        Assert.Equal("byte 10: the header declares 3 tracks but the file has 2 MTrk chunks; all 2 are read", Assert.Single(file.Warnings));
    }

    [Fact]
    public void Track_chunk_running_past_the_end_of_the_file_is_read_up_to_the_end_and_its_cut_event_dropped()
    {
        byte[] events = [0x00, 0x90, 0x3C, 0x64, 0x60, 0x80, 0x3C, 0x40, 0x10, 0x90, 0x3E]; // last note-on cut short
        var file = Read(Smf.Join(Smf.Header(0, 1, 96), Smf.Chunk("MTrk", 0xFFFF_FFF0, events)));

        Assert.Equal([0x90, 0x80], file.Events.Select(e => (int)e.Status));
        Assert.Equal(96, file.DurationTicks); // the cut event's delta does not count
        Assert.Equal(3, file.Warnings.Count);
        Assert.Equal("track 1, byte 14: MTrk declares 4294967280 bytes but only 11 remain in the file; the track is read up to the end of the file", file.Warnings[0]);
        Assert.Equal("track 1, byte 30: the file ends inside a channel message 0x90; the rest of the track is lost", file.Warnings[1]);
        Assert.Contains("no end-of-track", file.Warnings[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Format_2_plays_sequences_one_after_the_other_each_from_120_bpm()
    {
        var file = Read(Smf.Join(
            Smf.Header(2, 2, 480),
            // Sequence 1 at 60 BPM: a quarter note lasts 1 s, and the sequence 2 quarters.
            Smf.Track([0x00, 0xFF, 0x51, 0x03, 0x0F, 0x42, 0x40, 0x00, 0x90, 0x3C, 0x64, 0x87, 0x40, 0x80, 0x3C, 0x00, .. Smf.EndOfTrack]),
            // Sequence 2 back at the default 120 BPM: its note lasts 0.5 s.
            Smf.Track([0x00, 0x90, 0x40, 0x64, 0x83, 0x60, 0x80, 0x40, 0x00, .. Smf.EndOfTrack])));

        Assert.Equal(2, file.Format);
        Assert.Equal([0L, 960, 960, 1440], file.Events.Select(e => e.Tick));
        Assert.Equal([0.0, 2.0, 2.0, 2.5], file.Events.Select(e => e.TimeSeconds));
        Assert.Equal([0, 0, 1, 1], file.Events.Select(e => e.Track));
        Assert.Equal(1440, file.DurationTicks);
        Assert.Equal(2.5, file.DurationSeconds);
        Assert.Equal([1_000_000, 500_000], file.Tempos.Select(t => t.MicrosecondsPerQuarter));
    }

    [Fact]
    public void Longer_header_extra_bytes_after_end_of_track_and_trailing_bytes_are_ignored_with_warnings()
    {
        var file = Read(Smf.Join(
            Smf.Header(0, 1, 480, length: 8),
            Smf.Track([0x00, 0x90, 0x3C, 0x64, .. Smf.EndOfTrack, 0x00, 0x90, 0x3E, 0x64]),
            [0x00, 0x00, 0x00]));

        Assert.Single(file.Events);
        Assert.Equal(
            [
                "byte 14: MThd is 8 bytes long; the 2 bytes after the first 6 are ignored",
                "track 1, byte 32: 4 bytes after the end-of-track event are ignored",
                "byte 36: 3 trailing bytes, too few for a chunk, are ignored",
            ],
            file.Warnings);
    }

    [Fact]
    public void Track_names_come_from_the_first_name_meta_event_of_each_track()
    {
        var writer = new MidiFileWriter(1, 480);
        writer.AddTrack("Tempo");
        writer.AddTrack("Banjo \u00e9");
        writer.AddTrack();
        var file = MidiFile.Read(writer.ToArray(), "names.mid");

        Assert.Equal(["Tempo", "Banjo \u00e9", ""], file.TrackNames);
    }

    [Fact]
    public void Load_reads_a_written_file_and_names_missing_files()
    {
        string directory = Directory.CreateTempSubdirectory("midi-sampler-test").FullName;
        try
        {
            string path = Path.Combine(directory, "one.mid");
            var writer = new MidiFileWriter(0, 480);
            writer.AddNote(writer.AddTrack(), 0, 480, 9, 36, 127);
            writer.Save(path);

            var file = MidiFile.Load(path);
            Assert.Equal([0x99, 0x89], file.Events.Select(e => (int)e.Status));

            string missing = Path.Combine(directory, "missing.mid");
            var error = Assert.Throws<MidiSampler.Formats.InstrumentLoadException>(() => MidiFile.Load(missing));
            Assert.Equal(missing, error.FilePath);
            Assert.Equal("no such file", error.Reason);

            error = Assert.Throws<MidiSampler.Formats.InstrumentLoadException>(() => MidiFile.Load(directory));
            Assert.Equal("is a directory, not a MIDI file", error.Reason);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Format_0_with_several_tracks_is_merged_like_format_1_with_a_warning()
    {
        var file = Read(Smf.Join(
            Smf.Header(0, 2, 480),
            Smf.Track([0x00, 0x90, 0x3C, 0x64, .. Smf.EndOfTrack]),
            Smf.Track([0x00, 0x91, 0x3E, 0x64, .. Smf.EndOfTrack])));

        Assert.Equal([0x90, 0x91], file.Events.Select(e => (int)e.Status));
        Assert.Equal("byte 8: format 0 should have one track but has 2; they are merged as in format 1", Assert.Single(file.Warnings));
    }
}
