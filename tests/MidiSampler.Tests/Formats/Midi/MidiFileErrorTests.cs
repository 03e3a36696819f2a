using MidiSampler.Formats;
using MidiSampler.Formats.Midi;

namespace MidiSampler.Tests.Formats.Midi;

public class MidiFileErrorTests
{
    private static InstrumentLoadException Fails(byte[] bytes)
    {
        var error = Assert.Throws<InstrumentLoadException>(() => MidiFile.Read(bytes, "bad.mid"));
        Assert.Equal("bad.mid", error.FilePath);
        Assert.Equal($"bad.mid: {error.Location}: {error.Reason}", error.Message);
        return error;
    }

    private static void AssertError(byte[] bytes, string location, string reason)
    {
        var error = Fails(bytes);
        Assert.Equal(location, error.Location);
        Assert.Equal(reason, error.Reason);
    }

    private static byte[] OneTrack(byte[] events) => Smf.Join(Smf.Header(0, 1, 480), Smf.Track(events));

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x4D, 0x54, 0x68 })]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 4, 0x57, 0x41, 0x56, 0x45 })]
    public void Not_a_standard_midi_file(byte[] bytes) =>
        AssertError(bytes, "byte 0", "not a Standard MIDI File: it does not start with an 'MThd' header chunk");

    [Fact]
    public void Header_cut_short() =>
        AssertError([.. "MThd"u8, 0, 0, 0, 6, 0, 1], "byte 10", "truncated header: the file ends after 10 bytes, inside the 14-byte MThd chunk");

    [Fact]
    public void Header_longer_than_the_file() =>
        AssertError(Smf.Header(0, 1, 480, length: 100)[..14], "byte 4", "truncated header: MThd declares 100 bytes but only 6 follow");

    [Fact]
    public void Header_shorter_than_6_bytes() =>
        AssertError(Smf.Join(Smf.Header(0, 1, 480, length: 5), [0, 0, 0]), "byte 4", "MThd chunk length is 5, it must be at least 6");

    [Fact]
    public void Unknown_format() =>
        AssertError(Smf.Join(Smf.Header(3, 1, 480), Smf.Track(Smf.EndOfTrack)), "byte 8", "unsupported SMF format 3: only formats 0, 1 and 2 exist");

    [Fact]
    public void Zero_ticks_per_quarter() =>
        AssertError(Smf.Join(Smf.Header(0, 1, 0), Smf.Track(Smf.EndOfTrack)), "byte 12", "division is 0 ticks per quarter note");

    [Fact]
    public void Smpte_rate_that_does_not_exist() =>
        AssertError(Smf.Join(Smf.Header(0, 1, 0xE928), Smf.Track(Smf.EndOfTrack)), "byte 12", "SMPTE division with 23 frames per second: it must be 24, 25, 29 (29.97) or 30");

    [Fact]
    public void Smpte_with_zero_ticks_per_frame() =>
        AssertError(Smf.Join(Smf.Header(0, 1, 0xE800), Smf.Track(Smf.EndOfTrack)), "byte 13", "SMPTE division with 0 ticks per frame");

    [Fact]
    public void Delta_time_longer_than_4_bytes() =>
        AssertError(OneTrack([0x00, 0x90, 0x3C, 0x64, 0x80, 0x80, 0x80, 0x80, 0x00, 0x80, 0x3C, 0x00]), "track 1, byte 26", "bad variable-length delta time: more than 4 bytes");

    [Fact]
    public void Meta_length_longer_than_4_bytes() =>
        AssertError(OneTrack([0x00, 0xFF, 0x01, 0x81, 0x81, 0x81, 0x81, 0x01]), "track 1, byte 25", "bad variable-length length of meta event 0x01: more than 4 bytes");

    [Fact]
    public void Data_byte_with_no_running_status_at_the_start_of_a_track() =>
        AssertError(OneTrack([0x00, 0x3C, 0x64, .. Smf.EndOfTrack]), "track 1, byte 23", "data byte 0x3C with no running status (no channel status byte before it in this track)");

    [Fact]
    public void Running_status_does_not_carry_from_one_track_to_the_next()
    {
        var bytes = Smf.Join(
            Smf.Header(1, 2, 480),
            Smf.Track([0x00, 0x90, 0x3C, 0x64, .. Smf.EndOfTrack]),
            Smf.Track([0x00, 0x3E, 0x64, .. Smf.EndOfTrack]));
        // Track 2's chunk starts at 14 + 16 = 30; its data at 38; the stray data byte at 39.
        AssertError(bytes, "track 2, byte 39", "data byte 0x3E with no running status (no channel status byte before it in this track)");
    }

    [Fact]
    public void Status_byte_where_a_data_byte_belongs() =>
        AssertError(OneTrack([0x00, 0x90, 0x3C, 0x90, 0x3C, 0x64, .. Smf.EndOfTrack]), "track 1, byte 25", "expected a data byte for status 0x90, found 0x90");

    [Theory]
    [InlineData(0xF1)]
    [InlineData(0xF2)]
    [InlineData(0xF8)]
    [InlineData(0xFE)]
    public void System_common_and_real_time_status_in_a_track(int status) =>
        AssertError(OneTrack([0x00, (byte)status, 0x00, .. Smf.EndOfTrack]), "track 1, byte 23",
            $"status byte 0x{status:X2} is a system common or real-time message, which cannot appear in a MIDI file track");

    [Fact]
    public void Meta_event_longer_than_its_complete_track_chunk() =>
        AssertError(OneTrack([0x00, 0xFF, 0x01, 0x10, 0x41, 0x42, .. Smf.EndOfTrack]), "track 1, byte 22", "meta event 0x01 declares 16 bytes but only 6 remain in the track chunk");

    [Fact]
    public void Sysex_longer_than_its_complete_track_chunk() =>
        AssertError(OneTrack([0x00, 0xF0, 0x83, 0x00, 0x7E, 0xF7]), "track 1, byte 22", "sysex 0xF0 declares 384 bytes but only 2 remain in the track chunk");

    [Fact]
    public void Channel_message_cut_by_the_end_of_a_complete_track_chunk() =>
        AssertError(Smf.Join(OneTrack([0x00, 0x90, 0x3C]), Smf.Track(Smf.EndOfTrack)), "track 1, byte 22", "a channel message 0x90 runs past the end of the track chunk");

    [Fact]
    public void Delta_time_cut_by_the_end_of_a_complete_track_chunk() =>
        AssertError(OneTrack([0x00, 0x90, 0x3C, 0x64, 0x81]), "track 1, byte 26", "a delta time runs past the end of the track chunk");

    [Fact]
    public void Declared_4_gigabyte_track_in_a_tiny_file_allocates_nothing_of_that_size()
    {
        var bytes = Smf.Join(Smf.Header(0, 1, 480), Smf.Chunk("MTrk", uint.MaxValue, [0x00, 0x90, 0x3C, 0x64]));
        _ = MidiFile.Read(bytes, "huge.mid"); // warm up: JIT and static data
        long before = GC.GetAllocatedBytesForCurrentThread();
        var file = MidiFile.Read(bytes, "huge.mid");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Single(file.Events);
        Assert.Contains("MTrk declares 4294967295 bytes but only 4 remain in the file", file.Warnings[0], StringComparison.Ordinal);
        Assert.InRange(allocated, 0, 64 * 1024);
    }

    [Fact]
    public void Declared_4_gigabyte_unknown_chunk_stops_reading_with_a_warning()
    {
        var bytes = Smf.Join(Smf.Header(1, 2, 480), Smf.Track(Smf.EndOfTrack), Smf.Chunk("ABCD", uint.MaxValue, [1, 2, 3]));
        var file = MidiFile.Read(bytes, "huge.mid");
        Assert.Equal(1, file.TrackCount);
        Assert.Contains("byte 26: that chunk runs past the end of the file; nothing after it is read", file.Warnings, StringComparer.Ordinal);
    }

    [Fact]
    public void Errors_name_the_byte_in_a_later_track_of_a_real_file()
    {
        var writer = new MidiFileWriter(1, 480);
        writer.AddNote(writer.AddTrack("one"), 0, 480, 0, 60, 100);
        writer.AddNote(writer.AddTrack("two"), 0, 480, 0, 64, 100);
        byte[] bytes = writer.ToArray();
        int secondTrack = bytes.AsSpan(14 + 8).IndexOf("MTrk"u8) + 14 + 8;
        int noteOn = secondTrack + 8 + 7 + 1; // after the name meta "00 FF 03 03 t w o" and the note's delta
        Assert.Equal(0x90, bytes[noteOn]);
        bytes[noteOn + 1] = 0xC5; // a status byte in place of the key

        AssertError(bytes, $"track 2, byte {noteOn + 1}", "expected a data byte for status 0x90, found 0xC5");
    }

    [Fact]
    public void Files_larger_than_the_limit_are_refused_while_reading_even_when_the_file_system_says_they_are_empty()
    {
        var error = Assert.Throws<InstrumentLoadException>(() => MidiFile.Load("/dev/zero", 100_000));
        Assert.Equal("/dev/zero", error.FilePath);
        // A device is refused before it is read at all (issue 20: only regular files are read).
        Assert.Equal("is a character device, which may never end, not a regular file; only regular files are read", error.Reason);

        string path = Path.GetTempFileName();
        try
        {
            using (var stream = File.OpenWrite(path))
                stream.SetLength(100_001);
            error = Assert.Throws<InstrumentLoadException>(() => MidiFile.Load(path, 100_000));
            Assert.Equal(path, error.FilePath);
            Assert.Contains("more than 100000 bytes", error.Reason, StringComparison.Ordinal);

            using (var stream = File.OpenWrite(path))
                stream.SetLength(100_000); // at the limit: read, and rejected for its content (zeros)
            error = Assert.Throws<InstrumentLoadException>(() => MidiFile.Load(path, 100_000));
            Assert.Equal("byte 0", error.Location);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_large_file_of_dense_events_is_read_quickly()
    {
        // 600,000 note events, all but the first with running status (about 1.8 MB): linear time.
        var events = new List<byte> { 0x00, 0x90, 0x3C, 0x64 };
        for (int i = 1; i < 600_000; i++)
            events.AddRange([0x01, (byte)(i % 128), (byte)(i % 2 * 100)]);
        events.AddRange(Smf.EndOfTrack);
        var bytes = Smf.Join(Smf.Header(0, 1, 480), Smf.Track([.. events]));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var file = MidiFile.Read(bytes, "dense.mid");

        Assert.Equal(600_000, file.Events.Count);
        Assert.Equal(599_999, file.DurationTicks);
        Assert.InRange(clock.ElapsedMilliseconds, 0, 5000);
    }
}
