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
        StreamingEngineTests.AssertSameAsInRam(expected, actual);

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

    /// <summary>
    /// The heavy GM render streamed by <c>--stream auto</c> stalled with no CPU: the store had one slot per sounding voice,
    /// but the pool's reserve voices that fade out stolen notes stream too; such a voice found no slot, the streamer never
    /// learnt of it, and the offline render waited the whole <c>OfflineWaitSeconds</c> for each of its blocks. Sized by the
    /// whole pool, a render that steals all the time equals the all-in-RAM one; with too few slots it now finishes at once
    /// and counts the underruns instead of waiting.
    /// </summary>
    [Fact]
    public void An_offline_render_that_steals_voices_streams_them_all_and_never_waits_for_a_voice_without_a_slot()
    {
        using var files = new StreamTestFiles();
        string bank = BuildBank(files, "bank.sf2", with24Bit: false);
        var passage = StreamingEngineTests.Passage(5, 7); // 4 notes every 100 ms, held 0.25-1.25 s: far more than 4 voices
        const long frames = 6 * 48_000;
        const int polyphony = 4;

        using var ram = new SampleStore(new StreamingOptions { Mode = StreamMode.Ram });
        var expected = StreamingEngineTests.Render(InstrumentLoader.Load(bank, new InstrumentLoadOptions { Samples = ram }), passage, frames, 256, polyphony);

        float[] Streamed(int slots, out StreamingStats stats, out double seconds)
        {
            using var store = new SampleStore(new StreamingOptions
            {
                Mode = StreamMode.Stream, PreloadFrames = 4096, Offline = true, OfflineWaitSeconds = 20, LockHeads = false, MaxStreams = slots,
            });
            var instrument = SoundFontLoader.LoadBank(bank, new SoundFontLoadOptions { Samples = store }).Presets[0].Instrument;
            Assert.All(instrument.Regions, r => Assert.True(r.Sample.IsStreamed));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var output = StreamingEngineTests.Render(instrument, passage, frames, 256, polyphony);
            seconds = clock.Elapsed.TotalSeconds;
            stats = store.GetStats();
            return output;
        }

        var sized = Streamed(EngineLimits.VoicePoolSize(polyphony), out var sizedStats, out _);
        Assert.Equal(12, EngineLimits.VoicePoolSize(polyphony));
        Assert.True(Signals.Rms(expected, 0, expected.Length) > 0.01, "the passage must sound");
        Assert.Equal(0, sizedStats.Underruns);
        StreamingEngineTests.AssertSameAsInRam(expected, sized);

        // One slot per sounding voice, as render and play had it: the fading voices get none. Before the fix a single such
        // block waited 20 s.
        Streamed(polyphony, out var shortStats, out double shortSeconds);
        Assert.True(shortSeconds < 15, $"the render took {shortSeconds:F1} s: a voice without a slot waited");
        Assert.True(shortStats.Underruns > 0, "the fading voices without a slot must have missed frames (the test must exercise them)");
    }
}
