using System.Buffers.Binary;
using System.Text;
using MidiSampler.Formats.Wav;
using MidiSampler.Model;

namespace MidiSampler.Tests.Formats.Wav;

public class WavWriterTests
{
    [Fact]
    public void Pcm16_round_trip_is_exact_for_every_16_bit_value()
    {
        using var dir = new TempDirectory();
        var values = new float[65_536];
        for (int i = 0; i < values.Length; i++)
            values[i] = (short)i / 32_768f;
        string path = dir.File("all16.wav");
        WavWriter.WriteFile(path, 44_100, 2, WavSampleFormat.Pcm16, values);
        var sample = WavReader.Load(path);
        Assert.Equal((32_768, 2, 44_100), (sample.FrameCount, sample.Channels, sample.SampleRate));
        Assert.Equal(values, WavBytes.Values(sample));
        Assert.Equal(44 + (65_536 * 2), new FileInfo(path).Length); // canonical 44-byte header, nothing else
    }

    [Fact]
    public void Pcm24_round_trip_is_exact_and_odd_data_gets_a_pad_byte()
    {
        using var dir = new TempDirectory();
        var values = new float[] { 0.5f, -1f, 1f / 8_388_608, 8_388_607f / 8_388_608, 0x123456 / 8_388_608f };
        string path = dir.File("odd24.wav");
        WavWriter.WriteFile(path, 48_000, 1, WavSampleFormat.Pcm24, values);
        byte[] file = File.ReadAllBytes(path);
        Assert.Equal(44 + 15 + 1, file.Length);
        Assert.Equal(15u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(40)));
        Assert.Equal((uint)(file.Length - 8), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4)));
        var warnings = new List<string>();
        Assert.Equal(values, WavBytes.Values(WavReader.Load(path, warnings)));
        Assert.Empty(warnings);
    }

    [Fact]
    public void Float32_writes_format_3_with_a_fact_chunk_unclipped()
    {
        using var dir = new TempDirectory();
        var values = new float[] { 1.5f, -2f, 0.1f, 1e-20f };
        string path = dir.File("f.wav");
        WavWriter.WriteFile(path, 96_000, 2, WavSampleFormat.Float32, values);
        byte[] file = File.ReadAllBytes(path);
        Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(20)));
        Assert.Equal("fact", Encoding.ASCII.GetString(file, 38, 4));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(46))); // frames
        Assert.Equal(values, WavBytes.Values(WavReader.Load(path)));
    }

    [Theory]
    [InlineData(1.0f, 32_767)]
    [InlineData(2.0f, 32_767)]
    [InlineData(-1.0f, -32_768)]
    [InlineData(-7.0f, -32_768)]
    [InlineData(float.NaN, 0)]
    [InlineData(0.5f / 32_768, 0)] // half a step: ties to even
    [InlineData(1.5f / 32_768, 2)]
    [InlineData(2.5f / 32_768, 2)]
    [InlineData(-1.5f / 32_768, -2)]
    [InlineData(0.7f / 32_768, 1)]
    public void Pcm16_clips_and_rounds_half_to_even(float value, int expected)
    {
        Assert.Equal(expected, WavWriter.Quantize(value, 32_768f));
    }

    [Fact]
    public void Pcm24_clips()
    {
        Assert.Equal(8_388_607, WavWriter.Quantize(1.25f, 8_388_608f));
        Assert.Equal(-8_388_608, WavWriter.Quantize(-1.25f, 8_388_608f));
    }

    [Fact]
    public void Streaming_in_many_small_writes_equals_one_write()
    {
        using var dir = new TempDirectory();
        var values = new float[100_003 * 2];
        for (int i = 0; i < values.Length; i++)
            values[i] = MathF.Sin(i * 0.001f) * 0.9f;
        string whole = dir.File("whole.wav");
        string pieces = dir.File("pieces.wav");
        WavWriter.WriteFile(whole, 44_100, 2, WavSampleFormat.Pcm24, values);
        using (var writer = new WavWriter(pieces, 44_100, 2, WavSampleFormat.Pcm24))
        {
            for (int pos = 0; pos < values.Length; pos += 2 * 77)
                writer.Write(values.AsSpan(pos, Math.Min(2 * 77, values.Length - pos)));
            Assert.Equal(100_003, writer.FramesWritten);
        }

        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(pieces));
    }

    [Fact]
    public void Header_is_readable_before_dispose_and_flush_makes_a_checkpoint()
    {
        using var dir = new TempDirectory();
        string path = dir.File("live.wav");
        using var writer = new WavWriter(path, 48_000, 1, WavSampleFormat.Pcm16);
        writer.Write([0.5f, 0.25f]);
        writer.Flush();
        Assert.Equal([0.5f, 0.25f], WavBytes.Values(ReadShared(path, out var warnings)));
        Assert.Empty(warnings);
        writer.Write([-0.5f]);
        writer.Flush();
        Assert.Equal([0.5f, 0.25f, -0.5f], WavBytes.Values(ReadShared(path, out _)));
    }

    [Fact]
    public void A_killed_render_leaves_a_readable_file_and_dispose_makes_it_strict()
    {
        using var dir = new TempDirectory();
        string path = dir.File("killed.wav");
        var writer = new WavWriter(path, 48_000, 2, WavSampleFormat.Float32);
        writer.Write(new float[2 * 20_000]); // more than the 64 KiB buffer: some audio is on disk
        // As if the process died now: the header still says "unknown size", readers read to the end.
        var partial = ReadShared(path, out var warnings);
        Assert.True(partial.FrameCount > 0);
        Assert.Contains(warnings, w => w.Contains("unfinished streaming header", StringComparison.Ordinal));
        writer.Dispose();
        var complete = WavReader.Load(path, warnings = []);
        Assert.Equal(20_000, complete.FrameCount);
        Assert.Empty(warnings);
        writer.Dispose(); // idempotent
        Assert.Throws<ObjectDisposedException>(() => writer.Write([0f, 0f]));
    }

    [Fact]
    public void Smpl_metadata_round_trips()
    {
        using var dir = new TempDirectory();
        string path = dir.File("looped.wav");
        var metadata = new SampleMetadata(62, -30, 100, 899);
        WavWriter.WriteFile(path, 44_100, 1, WavSampleFormat.Pcm16, new float[1_000], metadata);
        var read = WavReader.Load(path).Metadata;
        Assert.Equal(62, read.RootKey);
        Assert.Equal(-30, read.TuneCents, 6);
        Assert.Equal((100L, 899L), (read.LoopStart!.Value, read.LoopEnd!.Value));

        // A sample tuned up 30 cents sounds 70 cents above the key below: the same pitch, spelled the smpl way.
        WavWriter.WriteFile(path, 44_100, 1, WavSampleFormat.Pcm16, new float[10], new SampleMetadata(62, 30, null, null));
        var up = WavReader.Load(path).Metadata;
        Assert.Equal(61, up.RootKey);
        Assert.Equal(-70, up.TuneCents, 6);
        Assert.Equal(62 - 0.30, up.RootKey!.Value - (up.TuneCents / 100), 9);
        Assert.False(up.HasLoop);
    }

    [Fact]
    public void Rejects_partial_frames_and_bad_arguments()
    {
        using var dir = new TempDirectory();
        using var writer = new WavWriter(dir.File("x.wav"), 44_100, 2, WavSampleFormat.Pcm16);
        Assert.Throws<ArgumentException>(() => writer.Write([0f, 0f, 0f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WavWriter(dir.File("y.wav"), 0, 2, WavSampleFormat.Pcm16));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WavWriter(dir.File("y.wav"), 44_100, 0, WavSampleFormat.Pcm16));
    }

    private static Sample ReadShared(string path, out List<string> warnings)
    {
        warnings = [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return WavReader.Read(stream, path, warnings);
    }
}
