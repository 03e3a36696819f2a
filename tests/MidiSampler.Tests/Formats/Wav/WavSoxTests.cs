using MidiSampler.Formats.Wav;

namespace MidiSampler.Tests.Formats.Wav;

/// <summary>
/// Interoperability with a real, independent implementation: files sox writes read as sox reads them,
/// and files <see cref="WavWriter"/> writes read in sox without a complaint. Needs the <c>sox</c> package.
/// </summary>
public class WavSoxTests
{
    /// <summary>sox holds samples as int32 internally, so float data passes through a 2^-31 grid.</summary>
    private const float SoxFloatStep = 1f / 2_147_483_648;

    /// <summary>
    /// How far sox's float output may be from ours: exact for 8 to 24 bits (both scale by 2^-(bits-1), exact
    /// in float32). With more bits, sox's SOX_SAMPLE_TO_FLOAT_32BIT rounds its int32 to a fixed 2^-24 grid
    /// (it adds 64 and masks 7 bits) while we round to the nearest float, and float input first passes
    /// through sox's int32 grid: sox may be off by half a 2^-24 step plus one int32 step.
    /// </summary>
    private static float Tolerance(string encoding, int bits) =>
        encoding == "floating-point" || bits == 32 ? SoxFloatStep + (1f / 16_777_216) : 0;

    [Theory]
    [InlineData("signed-integer", 16, 1)]
    [InlineData("signed-integer", 16, 2)]
    [InlineData("signed-integer", 24, 2)] // sox writes WAVE_FORMAT_EXTENSIBLE above 16 bits
    [InlineData("signed-integer", 32, 1)]
    [InlineData("unsigned-integer", 8, 1)]
    [InlineData("floating-point", 32, 2)]
    [InlineData("floating-point", 64, 1)]
    public void Reads_what_sox_writes_as_sox_decodes_it(string encoding, int bits, int channels)
    {
        using var dir = new TempDirectory();
        string wav = dir.File("sox.wav");
        var synth = new List<string> { "-n", "-r", "44100", "-c", channels.ToString(), "-e", encoding, "-b", bits.ToString(), wav, "synth", "0.05", "sine", "440" };
        if (channels == 2)
            synth.AddRange(["sine", "1234"]);
        synth.AddRange(["vol", "0.7"]);
        Sox.Run([.. synth]);

        var expected = Sox.DecodeToFloat(wav, dir.File("sox.raw"), out _);
        var warnings = new List<string>();
        var sample = WavReader.Load(wav, warnings);
        Assert.Empty(warnings);
        Assert.Equal((44_100, channels, 2_205), (sample.SampleRate, sample.Channels, sample.FrameCount));
        var actual = WavBytes.Values(sample);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - actual[i]) > Tolerance(encoding, bits))
                Assert.Fail($"value {i}: sox {expected[i]}, ours {actual[i]}");
        }

        // The signal is really there (not silence decoded equal to silence): about 0.7 peak.
        Assert.InRange(actual.Max(), 0.65f, 0.72f);
    }

    [Theory]
    [InlineData(WavSampleFormat.Pcm16, 1)]
    [InlineData(WavSampleFormat.Pcm16, 2)]
    [InlineData(WavSampleFormat.Pcm24, 2)]
    [InlineData(WavSampleFormat.Float32, 2)]
    public void Sox_reads_what_we_write_without_a_warning(WavSampleFormat format, int channels)
    {
        using var dir = new TempDirectory();
        string wav = dir.File("ours.wav");
        var values = new float[1_001 * channels];
        for (int i = 0; i < values.Length; i++)
            values[i] = (((i * 7919) % 2_001 / 1_000f) - 1f) * 0.99f; // below full scale: sox's int32 core would clip +1.0
        var metadata = new MidiSampler.Model.SampleMetadata(60, 0, 10, 900);
        WavWriter.WriteFile(wav, 48_000, channels, format, values, metadata);

        string info = Sox.Run("--i", wav);
        Assert.False(info.Contains("WARN", StringComparison.Ordinal), info);
        var decoded = Sox.DecodeToFloat(wav, dir.File("ours.raw"), out string stderr);
        Assert.False(stderr.Contains("WARN", StringComparison.Ordinal), stderr);
        var reread = WavBytes.Values(WavReader.Load(wav));
        Assert.Equal(reread.Length, decoded.Length);
        float tolerance = format == WavSampleFormat.Float32 ? Tolerance("floating-point", 32) : 0;
        for (int i = 0; i < decoded.Length; i++)
        {
            if (Math.Abs(reread[i] - decoded[i]) > tolerance)
                Assert.Fail($"value {i}: sox {decoded[i]}, ours {reread[i]}");
        }
    }
}
