using MidiSampler.Dsp;
using MidiSampler.Formats;
using MidiSampler.Formats.SndFile;
using MidiSampler.Formats.Wav;
using MidiSampler.Model;
using MidiSampler.Tests.Formats.Sfz;

namespace MidiSampler.Tests.Hardening;

/// <summary>Issue 20, finding 2: sample values are made safe at load on every decoding path, and the load says so.</summary>
public sealed class SampleSanitizingTests
{
    [Fact]
    public void The_48_byte_float_wav_holding_3e38_loads_clamped_to_plus_24_dBFS_with_a_warning()
    {
        byte[] file = HostileSampleFiles.FloatWav(3e38f);
        Assert.Equal(48, file.Length);
        var warnings = new List<string>();

        var sample = WavReader.Read(new MemoryStream(file), "huge.wav", warnings);

        Assert.Equal(SampleSanitizer.MaxAbsValue, sample[0, 0]);
        var warning = Assert.Single(warnings);
        Assert.StartsWith("huge.wav", warning, StringComparison.Ordinal);
        Assert.Contains("1 sample values that were NaN, infinite or beyond", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_float_w64_holding_nan_and_infinities_loads_through_libsndfile_made_safe_with_a_warning()
    {
        using var dir = new TempSfzDirectory();
        string path = Path.Combine(dir.Root, "nan.w64");
        File.WriteAllBytes(path, HostileSampleFiles.FloatW64(float.NaN, 0.25f, float.PositiveInfinity, -3e38f, -0.5f, 20f));
        var warnings = new List<string>();

        var sample = SampleFile.LoadWithWarnings(path, warnings);

        Assert.Equal([0f, 0.25f, 0f, -16f, -0.5f, 16f], Enumerable.Range(0, sample.FrameCount).Select(i => sample[i, 0]));
        Assert.Contains(warnings, w => w.StartsWith(path, StringComparison.Ordinal)
            && w.Contains("4 sample values that were NaN, infinite or beyond", StringComparison.Ordinal));
    }

    [Fact]
    public void A_float_wav_read_by_libsndfile_is_made_safe_like_our_own_reader()
    {
        byte[] file = HostileSampleFiles.FloatWav(float.NegativeInfinity, 1e30f, 0.75f, float.NaN);
        var ours = WavReader.Read(new MemoryStream(file), "x.wav", null);
        var theirs = SndFileReader.Read(new MemoryStream(file), "x.wav");

        float[] expected = [0f, 16f, 0.75f, 0f];
        Assert.Equal(expected, Enumerable.Range(0, 4).Select(i => ours[i, 0]));
        Assert.Equal(expected, Enumerable.Range(0, 4).Select(i => theirs[i, 0]));
    }

    [Fact]
    public void Samples_built_through_the_api_are_made_safe_too_and_legitimate_overs_are_kept()
    {
        var sample = Sample.FromInterleaved("api", 48_000, 2, [float.NaN, 1.5f, -40f, 15.9f]);

        Assert.Equal(0f, sample[0, 0]);
        Assert.Equal(1.5f, sample[0, 1]); // +3.5 dBFS: a legitimate float over, kept
        Assert.Equal(-16f, sample[1, 0]);
        Assert.Equal(15.9f, sample[1, 1]);
    }

    [Fact]
    public void The_vector_and_scalar_checks_agree_on_every_position_and_kind_of_bad_value()
    {
        float[] bad = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3e38f, -16.001f, 16.001f];
        for (int length = 1; length <= 40; length++)
        {
            for (int at = 0; at < length; at++)
            {
                foreach (float value in bad)
                {
                    var values = Enumerable.Range(0, length).Select(i => (i % 7) - 3f).ToArray();
                    values[at] = value;
                    Assert.Equal(1, SampleSanitizer.Sanitize(values));
                    Assert.All(values, v => Assert.InRange(v, -16f, 16f));
                    Assert.Equal(float.IsFinite(value) ? MathF.CopySign(16f, value) : 0, values[at]);
                }
            }
        }
    }
}
