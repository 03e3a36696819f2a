using MidiSampler.Model;
using static MidiSampler.Tests.Formats.Wav.WavBytes;

namespace MidiSampler.Tests.Formats.Wav;

/// <summary>Every supported encoding decodes to the exact float the 1/2^(bits-1) convention gives.</summary>
public class WavReaderFormatTests
{
    [Fact]
    public void Pcm8_is_unsigned_with_128_as_silence()
    {
        var sample = Read(Riff(Chunk("fmt ", Fmt(1, 1, 22_050, 8)), Chunk("data", [0, 64, 128, 192, 255])));
        Assert.Equal(22_050, sample.SampleRate);
        Assert.Equal(1, sample.Channels);
        Assert.Equal([-1f, -0.5f, 0f, 0.5f, 127f / 128], Values(sample));
    }

    [Fact]
    public void Pcm16_full_scale_and_smallest_step()
    {
        var sample = Read(Mono16(0, 1, -1, 16_384, -32_768, 32_767));
        Assert.Equal([0f, 1f / 32_768, -1f / 32_768, 0.5f, -1f, 32_767f / 32_768], Values(sample));
        Assert.Equal(6, sample.FrameCount);
    }

    [Fact]
    public void Pcm16_stereo_keeps_channel_order()
    {
        var sample = Read(Riff(Chunk("fmt ", Fmt(1, 2, 48_000, 16)), Chunk("data", Pcm16(16_384, -16_384, 8_192, -8_192))));
        Assert.Equal(2, sample.Channels);
        Assert.Equal(2, sample.FrameCount);
        Assert.Equal(0.5f, sample[0, 0]);
        Assert.Equal(-0.5f, sample[0, 1]);
        Assert.Equal(0.25f, sample[1, 0]);
        Assert.Equal(-0.25f, sample[1, 1]);
    }

    [Fact]
    public void Pcm24_keeps_all_24_bits()
    {
        var sample = Read(Riff(Chunk("fmt ", Fmt(1, 1, 96_000, 24)), Chunk("data", Pcm24(1, -1, 0x400000, -0x800000, 0x7FFFFF, 0x123456))));
        Assert.Equal([1f / 8_388_608, -1f / 8_388_608, 0.5f, -1f, 8_388_607f / 8_388_608, 0x123456 / 8_388_608f], Values(sample));
        // Every one of those is exact in float32: decoding the value back gives the integer.
        Assert.Equal(0x123456, (int)(sample[5, 0] * 8_388_608));
    }

    [Fact]
    public void Pcm32_scales_by_two_to_the_31()
    {
        var sample = Read(Riff(Chunk("fmt ", Fmt(1, 1, 44_100, 32)), Chunk("data", Pcm32(int.MinValue, 0x40000000, 256, 0))));
        Assert.Equal([-1f, 0.5f, 256f / 2_147_483_648, 0f], Values(sample));
    }

    [Fact]
    public void Float32_is_copied_unclipped_and_non_finite_values_become_silence()
    {
        var warnings = new List<string>();
        var sample = Read(Riff(Chunk("fmt ", Fmt(3, 1, 44_100, 32)), Chunk("data", Float32(0.1f, -1.5f, float.NaN, float.PositiveInfinity, 1e-30f))), warnings);
        Assert.Equal([0.1f, -1.5f, 0f, 0f, 1e-30f], Values(sample));
        Assert.Contains(warnings, w => w.Contains("2 sample values that were NaN, infinite or beyond", StringComparison.Ordinal) && w.StartsWith(Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Float64_rounds_to_the_nearest_float()
    {
        var sample = Read(Riff(Chunk("fmt ", Fmt(3, 2, 44_100, 64)), Chunk("data", Float64(0.1, -0.3, 1.0 / 3, -1))));
        Assert.Equal([0.1f, -0.3f, 1f / 3, -1f], Values(sample));
    }

    [Fact]
    public void Extensible_pcm24_and_float32()
    {
        var pcm = Read(Riff(Chunk("fmt ", FmtExtensible(1, 2, 48_000, 24, 24)), Chunk("data", Pcm24(0x400000, -0x400000))));
        Assert.Equal([0.5f, -0.5f], Values(pcm));
        var flt = Read(Riff(Chunk("fmt ", FmtExtensible(3, 1, 48_000, 32, 32)), Chunk("data", Float32(0.75f, -0.125f))));
        Assert.Equal([0.75f, -0.125f], Values(flt));
    }

    [Fact]
    public void Extensible_24_bits_in_a_32_bit_container_are_left_justified()
    {
        // 24 valid bits in the top of each 32-bit word (WAVEFORMATEXTENSIBLE convention).
        var sample = Read(Riff(Chunk("fmt ", FmtExtensible(1, 1, 48_000, 32, 24)), Chunk("data", Pcm32(0x400000 << 8, 1 << 8))));
        Assert.Equal([0.5f, 1f / 8_388_608], Values(sample));
    }

    [Fact]
    public void Twelve_bit_pcm_is_left_justified_in_16_bits()
    {
        var sample = Read(Riff(Chunk("fmt ", Fmt(1, 1, 8_000, 12)), Chunk("data", Pcm16(0x7FF0, -0x8000))));
        Assert.Equal([0x7FF0 / 32_768f, -1f], Values(sample));
    }

    [Fact]
    public void Guard_frames_are_silent_and_the_layout_is_padded_interleaved()
    {
        var sample = Read(Riff(Chunk("fmt ", Fmt(1, 2, 48_000, 16)), Chunk("data", Pcm16(32_767, 32_767, 32_767, 32_767))));
        var padded = sample.PaddedValues();
        Assert.Equal((2 + (2 * Sample.PadFrames)) * 2, padded.Length);
        Assert.All(padded.AsSpan(0, Sample.PadFrames * 2).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(padded.AsSpan((Sample.PadFrames + 2) * 2).ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(32_767f / 32_768, padded[Sample.PadFrames * 2]);
        // 16-bit data stays 16-bit in memory: half the bytes of float.
        Assert.Equal(SampleFormat.Int16, sample.Format);
        Assert.Equal((2 + (2 * Sample.PadFrames)) * 2 * sizeof(short), sample.ResidentBytes);
    }

    [Fact]
    public void Name_and_duration_come_from_the_file()
    {
        var sample = Read(Riff(Chunk("fmt ", Fmt(1, 1, 8_000, 16)), Chunk("data", new byte[2 * 4_000])));
        Assert.Equal(Name, sample.Name);
        Assert.Equal(0.5, sample.DurationSeconds, 12);
        Assert.Same(SampleMetadata.None, sample.Metadata);
    }

    [Fact]
    public void Large_file_decodes_across_read_blocks()
    {
        // 300,000 stereo frames of a ramp: 1.2 MB, many 128 KiB blocks, odd block boundaries for 24-bit.
        const int frames = 300_000;
        var values = new int[frames * 2];
        for (int i = 0; i < values.Length; i++)
            values[i] = ((i * 977) % 16_000_000) - 8_000_000;
        var sample = Read(Riff(Chunk("fmt ", Fmt(1, 2, 48_000, 24)), Chunk("data", Pcm24(values))));
        Assert.Equal(frames, sample.FrameCount);
        var decoded = Values(sample);
        for (int i = 0; i < values.Length; i++)
        {
            if (decoded[i] != values[i] / 8_388_608f)
                Assert.Fail($"value {i}: {decoded[i]} != {values[i] / 8_388_608f}");
        }
    }
}
