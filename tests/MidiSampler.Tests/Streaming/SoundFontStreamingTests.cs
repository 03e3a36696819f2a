using MidiSampler.Formats;
using MidiSampler.Formats.Sf2;
using MidiSampler.Model;
using MidiSampler.Streaming;
using MidiSampler.Tests.Formats.Sf2;
using MidiSampler.Tests.TestSupport;
using static MidiSampler.Tests.Formats.Sf2.Sf2Builder;

namespace MidiSampler.Tests.Streaming;

/// <summary>
/// SoundFonts through the streaming store, as SFZ instruments are (StreamingEngineTests): heads in RAM, the rest streamed
/// from the bank file, identical offline renders; and their compact 16-bit storage, which renders exactly as float.
/// </summary>
[Collection(SerialCollection.Name)]
public class SoundFontStreamingTests
{
    private const int Points = 150_000;

    /// <summary>
    /// A bank of 8 long mono samples (loops, offsets, different rates) over the keyboard, one preset. With
    /// <paramref name="with24Bit"/> the bank has an sm24 chunk: random low bytes (real 24-bit data), or zeros
    /// (<paramref name="zeroLowBytes"/>: the same values as the 16-bit bank, held as float).
    /// </summary>
    internal static string BuildBank(StreamTestFiles files, string name, bool with24Bit, bool zeroLowBytes = false)
    {
        var b = new Sf2Builder { Version = with24Bit ? (2, 4) : (2, 1), With24Bit = with24Bit };
        var random = new Random(5);
        var zones = new List<Zone>();
        for (int i = 0; i < 8; i++)
        {
            int frames = Points + (i * 7_001);
            var signal = StreamTestFiles.Signal(frames, 1, seed: i);
            var points = signal.Select(v => (short)Math.Clamp(Math.Round(v * 32_767), short.MinValue, short.MaxValue)).ToArray();
            var low = new byte[frames];
            if (with24Bit && !zeroLowBytes)
                random.NextBytes(low);
            int s = b.AddSample($"s{i}", points, 60_000 + (i * 100), 100_000 + (i * 100), rate: i % 2 == 0 ? 48_000 : 44_100, pitch: 36 + (i * 8) + 2, low: low);
            int lo = 36 + (i * 8);
            var generators = new List<(ushort, ushort)> { Range(SoundFontGeneratorType.KeyRange, lo, lo + 7), Gen(SoundFontGeneratorType.ReleaseVolEnv, -4500) };
            if (i % 4 == 0)
                generators.Add(Gen(SoundFontGeneratorType.SampleModes, 1)); // loop
            if (i % 4 == 2)
            {
                generators.Add(Gen(SoundFontGeneratorType.SampleModes, 3)); // loop while held, then play on (loop_sustain)
                generators.Add(Gen(SoundFontGeneratorType.StartAddrsOffset, 20_000));
            }

            generators.Add(SampleId(s));
            zones.Add(new Zone([.. generators]));
        }

        int instrument = b.AddInstrument("inst", [.. zones]);
        b.AddPreset("preset", 0, 0, new Zone(Instrument(instrument)));
        string path = Path.Combine(files.Directory, name);
        File.WriteAllBytes(path, b.Build());
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_offline_streamed_soundfont_render_equals_the_all_in_ram_render_sample_for_sample(bool with24Bit)
    {
        using var files = new StreamTestFiles();
        string bank = BuildBank(files, "bank.sf2", with24Bit);
        var passage = StreamingEngineTests.Passage(6, 1);
        const long frames = 7 * 48_000;

        using var ram = new SampleStore(new StreamingOptions { Mode = StreamMode.Ram });
        var inRam = InstrumentLoader.Load(bank, new InstrumentLoadOptions { Samples = ram });
        Assert.All(inRam.Regions, r => Assert.False(r.Sample.IsStreamed));
        Assert.All(inRam.Regions, r => Assert.Equal(with24Bit ? SampleFormat.Float32 : SampleFormat.Int16, r.Sample.Format));
        var expected = StreamingEngineTests.Render(inRam, passage, frames, 256);

        using var store = new SampleStore(new StreamingOptions
        {
            Mode = StreamMode.Stream, PreloadFrames = 4096, Offline = true, MemoryBudgetBytes = 4L << 20, LockHeads = false,
        });
        var streamed = SoundFontLoader.LoadBank(bank, new SoundFontLoadOptions { Samples = store }).Presets[0].Instrument;
        Assert.All(streamed.Regions, r => Assert.True(r.Sample.IsStreamed));
        Assert.All(streamed.Regions, r => Assert.Equal(with24Bit ? SampleFormat.Float32 : SampleFormat.Int16, r.Sample.Format));
        // Only the heads (and the one region's start offset) are resident: a small part of the bank.
        long decoded = streamed.Regions.Select(r => r.Sample).Distinct().Sum(s => s.DecodedBytes);
        long resident = streamed.Regions.Select(r => r.Sample).Distinct().Sum(s => s.ResidentBytes);
        Assert.InRange(resident, 1, decoded / 4);
        var actual = StreamingEngineTests.Render(streamed, passage, frames, 256);

        Assert.True(Signals.Rms(expected, 0, expected.Length) > 0.01, "the passage must sound");
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
                Assert.Fail($"frame {i / 2} channel {i % 2}: in RAM {expected[i]}, streamed {actual[i]}");
        }

        var stats = store.GetStats();
        Assert.Equal(0, stats.Underruns);
        Assert.True(stats.BytesRead > 0 && stats.CacheMisses > 0);
        Assert.InRange(stats.CachedBytes, 1, 4L << 20);
    }

    [Fact]
    public void Auto_mode_streams_a_large_bank_and_keeps_a_small_one_in_ram()
    {
        using var files = new StreamTestFiles();
        string bank = BuildBank(files, "bank.sf2", with24Bit: false);

        using (var small = new SampleStore(new StreamingOptions { LockHeads = false }))
        {
            var instrument = SoundFontLoader.LoadBank(bank, new SoundFontLoadOptions { Samples = small }).Presets[0].Instrument;
            Assert.All(instrument.Regions, r => Assert.False(r.Sample.IsStreamed));
        }

        // 8 samples of about 175,000 16-bit points: 2.7 MiB decoded.
        using var large = new SampleStore(new StreamingOptions { AutoStreamThresholdBytes = 1 << 20, PreloadFrames = 4096, LockHeads = false });
        var streamed = SoundFontLoader.LoadBank(bank, new SoundFontLoadOptions { Samples = large }).Presets[0].Instrument;
        Assert.All(streamed.Regions, r => Assert.True(r.Sample.IsStreamed));
        var stats = large.GetStats();
        Assert.Equal(8, stats.StreamedSamples);
        Assert.True(stats.HeadBytes < 8 * 3 * 4096 * 2, $"heads hold {stats.HeadBytes} bytes");
    }

    [Fact]
    public void A_16_bit_bank_renders_exactly_as_the_same_points_held_as_float_in_half_the_memory()
    {
        using var files = new StreamTestFiles();
        var passage = StreamingEngineTests.Passage(4, 3);
        var int16 = SoundFontLoader.Load(BuildBank(files, "a.sf2", with24Bit: false));
        var asFloat = SoundFontLoader.Load(BuildBank(files, "b.sf2", with24Bit: true, zeroLowBytes: true)); // (p << 8 | 0) / 2^23 = p / 2^15
        Assert.All(int16.Regions, r => Assert.Equal(SampleFormat.Int16, r.Sample.Format));
        Assert.All(asFloat.Regions, r => Assert.Equal(SampleFormat.Float32, r.Sample.Format));
        Assert.Equal(asFloat.Regions.Sum(r => r.Sample.ResidentBytes), 2 * int16.Regions.Sum(r => r.Sample.ResidentBytes));

        var expected = StreamingEngineTests.Render(asFloat, passage, 5 * 48_000, 256);
        var actual = StreamingEngineTests.Render(int16, passage, 5 * 48_000, 256);
        Assert.True(Signals.Rms(expected, 0, expected.Length) > 0.01, "the passage must sound");
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i])
                Assert.Fail($"frame {i / 2} channel {i % 2}: float {expected[i]}, 16-bit {actual[i]}");
        }
    }
}
