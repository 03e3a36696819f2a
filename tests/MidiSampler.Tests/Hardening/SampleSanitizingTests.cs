using MidiSampler.Dsp;
using MidiSampler.Formats;
using MidiSampler.Formats.Sf2;
using MidiSampler.Formats.SndFile;
using MidiSampler.Formats.Wav;
using MidiSampler.Model;
using MidiSampler.Streaming;
using MidiSampler.Tests.Formats.Sf2;
using MidiSampler.Tests.Formats.Sfz;
using MidiSampler.Tests.TestSupport;
using static MidiSampler.Tests.Formats.Sf2.Sf2Builder;

namespace MidiSampler.Tests.Hardening;

/// <summary>Issue 20, finding 2: sample values are made safe at load on every decoding path, and the load says so.</summary>
public sealed unsafe class SampleSanitizingTests
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

    [Theory]
    [InlineData("bad.wav")] // our WAV decoder, streaming (WavStreamSource)
    [InlineData("bad.w64")] // libsndfile, streaming (SndFileStreamSource)
    public void A_streamed_float_sample_is_made_safe_in_its_head_and_in_every_streamed_chunk(string name)
    {
        // 20,000 frames with a 4,096-frame head: bad values in the head, in the streamed part and in the last chunk.
        const int Frames = 20_000;
        var values = new float[Frames];
        for (int i = 0; i < Frames; i++)
            values[i] = 0.25f * MathF.Sin(2 * MathF.PI * i / 100);
        float[] bad = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3e38f, -3e38f, 20f, -16.5f];
        int[] at = [100, 4_095, 4_096, 9_000, 12_345, 16_384, 19_999];
        var expected = (float[])values.Clone();
        for (int k = 0; k < at.Length; k++)
        {
            values[at[k]] = bad[k];
            expected[at[k]] = float.IsFinite(bad[k]) ? Math.Clamp(bad[k], -16f, 16f) : 0f;
        }

        using var dir = new TempSfzDirectory();
        string path = Path.Combine(dir.Root, name);
        File.WriteAllBytes(path, name.EndsWith(".wav", StringComparison.Ordinal) ? HostileSampleFiles.FloatWav(values) : HostileSampleFiles.FloatW64(values));
        using var store = new SampleStore(new StreamingOptions
        {
            Mode = StreamMode.Stream,
            PreloadFrames = 4096,
            ChunkFrames = 4096,
            Offline = true,
            OfflineWaitSeconds = 20,
            LockHeads = false,
        });

        // Made safe as each chunk is read; the load itself reads only the head, so it cannot warn about the rest.
        var sample = store.LoadSample(path);

        Assert.True(sample.IsStreamed, "the file should stream past its head");
        var cursor = default(StreamCursor);
        const long One = 1L << 32;
        cursor.Start((StreamedSampleData)sample.Stream!, 0, One, 0, 0, Frames - 1, loop: false, 48_000);
        for (int first = 0; first < Frames; first += 512)
        {
            _ = cursor.Prepare((long)first << 32, One, 512, loop: false); // offline: waits until the chunk is read
            for (int f = first; f < Math.Min(Frames, first + 512); f++)
            {
                if (sample[f, 0] != expected[f])
                    Assert.Fail($"frame {f}: expected {expected[f]}, streamed {sample[f, 0]}");
            }
        }

        cursor.Stop();
        Assert.Equal(0, store.GetStats().Underruns);
    }

    [Fact]
    public void A_loud_vorbis_stream_in_an_sf3_bank_decodes_made_safe_with_a_warning_naming_the_sample()
    {
        using var dir = new TempSfzDirectory();
        byte[] ogg = HostileSampleFiles.LoudVorbis(Path.Combine(dir.Root, "loud.ogg"), 40);
        var b = new Sf2Builder { Version = (3, 1) };
        int s = b.AddCompressedSample("loud", ogg, 0, 0, pitch: 69);
        b.AddPreset("p", 0, 0, new Zone(Instrument(b.AddInstrument("i", new Zone(SampleId(s))))));

        var instrument = SoundFontLoader.Load(new MemoryStream(b.Build()), "loud.sf3", 0, 0);

        var sample = Assert.Single(instrument.Regions).Sample;
        float[] x = Enumerable.Range(0, sample.FrameCount).Select(i => sample[i, 0]).ToArray();
        Assert.Equal(16f, x.Max());
        Assert.Equal(-16f, x.Min());
        int clamped = x.Count(v => MathF.Abs(v) == 16f);
        Assert.InRange(clamped, sample.FrameCount / 4, sample.FrameCount); // a sine of peak 40 is beyond 16 for 73 % of the time
        Assert.InRange(Signals.Cents(Signals.Frequency(x, 44_100, 1_000, x.Length - 1_000), 440), -1, 1);
        var warning = Assert.Single(instrument.Warnings, w => w.Contains("NaN, infinite or beyond", StringComparison.Ordinal));
        Assert.Contains("loud.sf3", warning, StringComparison.Ordinal);
        Assert.Contains("sample 'loud'", warning, StringComparison.Ordinal);
        Assert.Contains($"{clamped} sample values", warning, StringComparison.Ordinal);
    }
}
