using MidiSampler.Model;
using static MidiSampler.Tests.Formats.Wav.WavBytes;

namespace MidiSampler.Tests.Formats.Wav;

/// <summary>The chunk walk: smpl metadata, padding, order, unknown chunks, truncation and wrong sizes.</summary>
public class WavReaderChunkTests
{
    private static readonly byte[] MonoFmt = Fmt(1, 1, 44_100, 16);

    [Fact]
    public void Smpl_gives_root_key_tune_and_inclusive_loop()
    {
        // Pitch fraction 0x40000000 = a quarter semitone up: the recording is 25 cents sharp of key 57,
        // so playback corrects by -25 cents.
        var sample = Read(Riff(Chunk("fmt ", MonoFmt), Chunk("data", new byte[2 * 100]), Chunk("smpl", Smpl(57, 0x40000000, (0, 10, 89)))));
        Assert.Equal(new SampleMetadata(57, -25, 10, 89), sample.Metadata);
        Assert.True(sample.Metadata.HasLoop);
    }

    [Fact]
    public void Smpl_without_loops_gives_root_key_only_and_only_the_first_loop_is_used()
    {
        var noLoop = Read(Riff(Chunk("fmt ", MonoFmt), Chunk("smpl", Smpl(72, 0)), Chunk("data", new byte[200])));
        Assert.Equal(new SampleMetadata(72, 0, null, null), noLoop.Metadata);
        var twoLoops = Read(Riff(Chunk("fmt ", MonoFmt), Chunk("smpl", Smpl(60, 0, (0, 5, 50), (0, 60, 90))), Chunk("data", new byte[200])));
        Assert.Equal((5L, 50L), (twoLoops.Metadata.LoopStart!.Value, twoLoops.Metadata.LoopEnd!.Value));
    }

    [Theory]
    [InlineData(50u, 50u)] // empty
    [InlineData(60u, 40u)] // reversed
    [InlineData(10u, 101u)] // end two past the last frame (100 frames: last is 99; one past is clamped)
    [InlineData(200u, 300u)] // wholly outside
    public void Unusable_loops_become_no_loop_with_a_warning(uint start, uint end)
    {
        var warnings = new List<string>();
        var sample = Read(Riff(Chunk("fmt ", MonoFmt), Chunk("data", new byte[200]), Chunk("smpl", Smpl(60, 0, (0, start, end)))), warnings);
        Assert.False(sample.Metadata.HasLoop);
        Assert.Null(sample.Metadata.LoopStart);
        Assert.Equal(60, sample.Metadata.RootKey);
        Assert.Contains(warnings, w => w.Contains("chunk 'smpl'", StringComparison.Ordinal) && w.Contains("no loop", StringComparison.Ordinal));
    }

    [Fact]
    public void Loop_ending_on_the_last_frame_is_kept()
    {
        var sample = Read(Riff(Chunk("fmt ", MonoFmt), Chunk("data", new byte[200]), Chunk("smpl", Smpl(60, 0, (0, 0, 99)))));
        Assert.Equal(new SampleMetadata(60, 0, 0, 99), sample.Metadata);
    }

    [Fact]
    public void Unity_note_out_of_range_is_ignored_and_short_smpl_chunks_too()
    {
        var warnings = new List<string>();
        var badNote = Read(Riff(Chunk("fmt ", MonoFmt), Chunk("data", new byte[20]), Chunk("smpl", Smpl(200, 0))), warnings);
        Assert.Null(badNote.Metadata.RootKey);
        var shortChunk = Read(Riff(Chunk("fmt ", MonoFmt), Chunk("data", new byte[20]), Chunk("smpl", new byte[20])), warnings);
        Assert.Same(SampleMetadata.None, shortChunk.Metadata);
        Assert.Equal(2, warnings.Count);
    }

    [Fact]
    public void Alternating_loop_is_kept_as_a_forward_loop_with_a_warning()
    {
        var warnings = new List<string>();
        var sample = Read(Riff(Chunk("fmt ", MonoFmt), Chunk("data", new byte[200]), Chunk("smpl", Smpl(60, 0, (1, 10, 20)))), warnings);
        Assert.True(sample.Metadata.HasLoop);
        Assert.Contains(warnings, w => w.Contains("alternating", StringComparison.Ordinal));
    }

    [Fact]
    public void Odd_sized_chunks_are_followed_by_a_pad_byte()
    {
        // A 5-byte unknown chunk (plus pad) before fmt, and odd 8-bit data (3 bytes plus pad) before smpl.
        var file = Riff(
            Chunk("junk", [1, 2, 3, 4, 5]),
            Chunk("fmt ", Fmt(1, 1, 8_000, 8)),
            Chunk("data", [128, 255, 0]),
            Chunk("smpl", Smpl(64, 0, (0, 0, 2))));
        var sample = Read(file);
        Assert.Equal([0f, 127f / 128, -1f], Values(sample));
        Assert.Equal(new SampleMetadata(64, 0, 0, 2), sample.Metadata);
    }

    [Fact]
    public void A_missing_pad_byte_is_tolerated()
    {
        var warnings = new List<string>();
        var file = Riff(Chunk("LIST", [(byte)'a', (byte)'b', (byte)'c'], pad: false), Chunk("fmt ", MonoFmt), Chunk("data", Pcm16(16_384)));
        Assert.Equal([0.5f], Values(Read(file, warnings)));
        Assert.Contains(warnings, w => w.Contains("missing pad byte", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_chunks_anywhere_are_skipped()
    {
        var file = Riff(
            Chunk("bext", new byte[602]),
            Chunk("fmt ", MonoFmt),
            Chunk("LIST", new byte[37]),
            Chunk("data", Pcm16(-16_384, 16_384)),
            Chunk("id3 ", new byte[11]),
            Chunk("cue ", new byte[28]));
        Assert.Equal([-0.5f, 0.5f], Values(Read(file)));
    }

    [Fact]
    public void Fmt_after_data_is_read()
    {
        var file = Riff(Chunk("data", Pcm16(8_192, -8_192)), Chunk("smpl", Smpl(48, 0)), Chunk("fmt ", Fmt(1, 2, 32_000, 16)));
        var sample = Read(file);
        Assert.Equal(2, sample.Channels);
        Assert.Equal(32_000, sample.SampleRate);
        Assert.Equal([0.25f, -0.25f], Values(sample));
        Assert.Equal(48, sample.Metadata.RootKey);
    }

    [Fact]
    public void The_first_fmt_and_data_chunks_win()
    {
        var file = Riff(Chunk("fmt ", MonoFmt), Chunk("data", Pcm16(16_384)), Chunk("fmt ", Fmt(1, 2, 8_000, 8)), Chunk("data", new byte[64]));
        var sample = Read(file);
        Assert.Equal((1, 1, 44_100), (sample.FrameCount, sample.Channels, sample.SampleRate));
    }

    [Fact]
    public void Truncated_data_reads_the_whole_frames_present_with_a_warning()
    {
        // Declares 1,000 bytes of stereo 16-bit; the file holds 10 bytes: 2 whole frames and half of one.
        var full = Riff(Chunk("fmt ", Fmt(1, 2, 44_100, 16)), Chunk("data", Pcm16(16_384, -16_384, 8_192, -8_192, 4_096), declaredSize: 1_000));
        var warnings = new List<string>();
        var sample = Read(full, warnings);
        Assert.Equal(2, sample.FrameCount);
        Assert.Equal([0.5f, -0.5f, 0.25f, -0.25f], Values(sample));
        Assert.Contains(warnings, w => w.Contains("truncated", StringComparison.Ordinal) && w.Contains("1000 bytes", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("partial frame", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(0xFFFFFFFFu)]
    [InlineData(20u)] // too small: smaller than the file
    [InlineData(1_000_000u)] // larger than the file
    public void Wrong_riff_size_is_tolerated(uint riffSize)
    {
        var warnings = new List<string>();
        var file = Riff([Chunk("fmt ", MonoFmt), Chunk("data", Pcm16(16_384, 8_192))], riffSize);
        Assert.Equal([0.5f, 0.25f], Values(Read(file, warnings)));
        Assert.Contains(warnings, w => w.Contains("byte 4", StringComparison.Ordinal) && w.Contains("RIFF size", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(0xFFFFFFFFu)]
    public void Streaming_header_never_patched_reads_the_data_to_the_end(uint dataSize)
    {
        var file = Riff([Chunk("fmt ", MonoFmt), Chunk("data", Pcm16(16_384, 8_192, 4_096), declaredSize: dataSize)], riffSize: 0xFFFFFFFF);
        Assert.Equal([0.5f, 0.25f, 0.125f], Values(Read(file)));
    }

    [Fact]
    public void Empty_data_chunk_gives_an_empty_sample()
    {
        var sample = Read(Riff(Chunk("fmt ", MonoFmt), Chunk("data", [])));
        Assert.Equal(0, sample.FrameCount);
    }

    [Fact]
    public void Huge_declared_data_size_allocates_only_what_the_file_holds()
    {
        var file = Riff(Chunk("fmt ", Fmt(1, 2, 44_100, 8)), Chunk("data", new byte[64], declaredSize: 0xFFFFFFF0));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var sample = Read(file);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(32, sample.FrameCount);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes for a {file.Length}-byte file");
    }

    [Fact]
    public void Reads_from_the_streams_current_position_and_from_unseekable_streams()
    {
        var wav = Mono16(16_384, -8_192);
        var prefixed = new byte[7 + wav.Length];
        wav.CopyTo(prefixed, 7);
        using (var stream = new MemoryStream(prefixed))
        {
            stream.Position = 7;
            Assert.Equal([0.5f, -0.25f], Values(MidiSampler.Formats.Wav.WavReader.Read(stream, Name)));
        }

        using var unseekable = new UnseekableStream(wav);
        Assert.Equal([0.5f, -0.25f], Values(MidiSampler.Formats.Wav.WavReader.Read(unseekable, Name)));
    }
}
