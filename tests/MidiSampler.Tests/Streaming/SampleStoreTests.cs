using System.Diagnostics;
using MidiSampler.Formats;
using MidiSampler.Formats.Wav;
using MidiSampler.Model;
using MidiSampler.Streaming;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Streaming;

/// <summary>The store and the streamer without the engine: a test plays the audio thread's part through a <see cref="StreamCursor"/>.</summary>
[Collection(SerialCollection.Name)]
public unsafe class SampleStoreTests
{
    private const long One = 1L << 32;

    private static StreamingOptions Streamed(bool offline = true) => new()
    {
        Mode = StreamMode.Stream,
        PreloadFrames = 4096,
        ChunkFrames = 4096,
        Offline = offline,
        OfflineWaitSeconds = 20,
        LockHeads = false,
    };

    [Theory]
    [InlineData("mono16.wav", 1, WavSampleFormat.Pcm16, false)]
    [InlineData("stereo24.wav", 2, WavSampleFormat.Pcm24, false)]
    [InlineData("stereo16.flac", 2, WavSampleFormat.Pcm16, true)]
    [InlineData("mono24.flac", 1, WavSampleFormat.Pcm24, true)]
    public void A_streamed_sample_holds_only_its_head_and_streams_the_rest_identical_to_a_whole_decode(string name, int channels, WavSampleFormat format, bool flac)
    {
        using var files = new StreamTestFiles();
        string path = files.Wav(Path.ChangeExtension(name, ".wav"), 100_003, channels, format);
        if (flac)
            path = files.Flac(path);
        var whole = SampleFile.Load(path);
        using var store = new SampleStore(Streamed());
        var sample = store.LoadSample(path);

        Assert.True(sample.IsStreamed);
        Assert.Equal(whole.FrameCount, sample.FrameCount);
        // Stored as compactly as in RAM: 16-bit WAV stays 16-bit, the rest is float.
        Assert.Equal(whole.Format, sample.Format);
        Assert.Equal(flac || format != WavSampleFormat.Pcm16 ? SampleFormat.Float32 : SampleFormat.Int16, sample.Format);
        Assert.Equal(4096L * channels * sample.BytesPerValue, sample.ResidentBytes);
        // The head is there at once; past it, nothing until a voice asks.
        AssertFramesEqual(whole, sample, 0, 4096);
        Assert.Equal(0f, sample[50_000, 0]);

        // Play it through at ratio 1.5 in offline mode: every block's frames must be there, and right.
        var cursor = default(StreamCursor);
        long increment = One + (One / 2);
        cursor.Start((StreamedSampleData)sample.Stream!, 0, increment, 0, 0, sample.FrameCount - 1, loop: false, 48_000);
        for (long position = 0; position >> 32 < sample.FrameCount; position += increment * 256)
        {
            _ = cursor.Prepare(position, increment, 256, loop: false);
            long first = position >> 32;
            AssertFramesEqual(whole, sample, (int)first, (int)Math.Min(sample.FrameCount - first, 384));
        }

        cursor.Stop();
        var stats = store.GetStats();
        Assert.Equal(0, stats.Underruns);
        Assert.True(stats.BytesRead >= (whole.FrameCount - 4096L) * channels * sizeof(float) * 9 / 10, $"read {stats.BytesRead} bytes");
        Assert.True(stats.CacheMisses > 0);
        Assert.Equal(0, stats.ActiveStreams);
    }

    [Fact]
    public void A_reversed_streamed_sample_equals_the_reversed_whole_sample()
    {
        using var files = new StreamTestFiles();
        string path = files.Flac(files.Wav("r.wav", 50_000, 2, WavSampleFormat.Pcm24, seed: 3));
        var whole = SampleFile.Load(path).CreateReversed();
        using var store = new SampleStore(Streamed());
        var reversed = store.LoadSample(path).CreateReversed();
        Assert.True(reversed.IsStreamed);
        AssertFramesEqual(whole, reversed, 0, 4096); // the head of a reversed sample is the file's tail

        var cursor = default(StreamCursor);
        cursor.Start((StreamedSampleData)reversed.Stream!, 0, One, 0, 0, reversed.FrameCount - 1, loop: false, 48_000);
        for (long frame = 0; frame < reversed.FrameCount; frame += 512)
        {
            _ = cursor.Prepare(frame << 32, One, 512, loop: false);
            AssertFramesEqual(whole, reversed, (int)frame, (int)Math.Min(reversed.FrameCount - frame, 512));
        }

        cursor.Stop();
    }

    [Fact]
    public void A_looping_voice_gets_the_loop_start_before_it_wraps()
    {
        using var files = new StreamTestFiles();
        string path = files.Wav("loop.wav", 200_000, 1, seed: 5);
        var whole = SampleFile.Load(path);
        using var store = new SampleStore(Streamed());
        var sample = store.LoadSample(path);
        const long loopStart = 120_000, loopEnd = 180_000;
        var cursor = default(StreamCursor);
        long position = (loopEnd - 1000) << 32;
        cursor.Start((StreamedSampleData)sample.Stream!, position, One, loopStart, loopEnd, sample.FrameCount - 1, loop: true, 48_000);
        // A block that crosses the seam: both sides must be resident once Prepare returns (offline waits).
        _ = cursor.Prepare(position, One, 2048, loop: true);
        AssertFramesEqual(whole, sample, (int)loopEnd - 1000, 1003);
        AssertFramesEqual(whole, sample, (int)loopStart, 1100);
        cursor.Stop();
        Assert.Equal(0, store.GetStats().Underruns);
    }

    [Fact]
    public void The_cache_stays_within_its_budget_and_evicts_what_no_voice_needs()
    {
        using var files = new StreamTestFiles();
        string path = files.Wav("long.wav", 1_500_000, 2, seed: 7); // 12 MB decoded
        var whole = SampleFile.Load(path);
        var options = Streamed() with { MemoryBudgetBytes = 1L << 20, ReadAheadSeconds = 0.1 };
        using var store = new SampleStore(options);
        var sample = store.LoadSample(path);
        var cursor = default(StreamCursor);
        cursor.Start((StreamedSampleData)sample.Stream!, 0, One, 0, 0, sample.FrameCount - 1, loop: false, 48_000);
        long maxCached = 0;
        for (long frame = 0; frame < sample.FrameCount - 512; frame += 512)
        {
            _ = cursor.Prepare(frame << 32, One, 512, loop: false);
            AssertFramesEqual(whole, sample, (int)frame, 512);
            maxCached = Math.Max(maxCached, store.GetStats().CachedBytes);
        }

        cursor.Stop();
        Assert.InRange(maxCached, 1, 1L << 20);
        // Early chunks were given back: they read as zeros again. The head stays.
        Assert.Equal(0f, sample[100_000, 0]);
        AssertFramesEqual(whole, sample, 0, 4096);
        Assert.Equal(0, store.GetStats().Underruns);
    }

    [Fact]
    public void A_slow_disk_gives_counted_underruns_and_silence_but_never_blocks_the_audio_thread()
    {
        using var files = new StreamTestFiles();
        string path = files.Wav("slow.wav", 400_000, 2, seed: 9);
        using var store = new SampleStore(Streamed(offline: false));
        store.SimulatedReadDelayMilliseconds = 40;
        var sample = store.LoadSample(path);
        var cursor = default(StreamCursor);
        long increment = 2 * One;
        cursor.Start((StreamedSampleData)sample.Stream!, 0, increment, 0, 0, sample.FrameCount - 1, loop: false, 48_000);
        long worstTicks = 0;
        for (long position = 0; position >> 32 < sample.FrameCount - 1024; position += increment * 256)
        {
            long start = Stopwatch.GetTimestamp();
            _ = cursor.Prepare(position, increment, 256, loop: false);
            worstTicks = Math.Max(worstTicks, Stopwatch.GetTimestamp() - start);
        }

        cursor.Stop();
        var stats = store.GetStats();
        Assert.True(stats.Underruns > 0, "the slowed streamer cannot keep up, so underruns must be counted");
        Assert.True(worstTicks * 1000.0 / Stopwatch.Frequency < 5, $"Prepare took {worstTicks * 1000.0 / Stopwatch.Frequency:F2} ms");
        // What was not read yet is silence, not garbage.
        Assert.Equal(0f, sample[(int)sample.FrameCount - 10, 0]);
    }

    [Fact]
    public void Starting_preparing_and_stopping_streams_allocates_nothing()
    {
        using var files = new StreamTestFiles();
        string path = files.Wav("alloc.wav", 300_000, 2, seed: 11);
        using var store = new SampleStore(Streamed(offline: false) with { MaxStreams = 4 });
        var sample = store.LoadSample(path);
        var cursors = new StreamCursor[6]; // more voices than slots: the last ones play without a slot
        void Run(int rounds)
        {
            for (int r = 0; r < rounds; r++)
            {
                for (int v = 0; v < cursors.Length; v++)
                    cursors[v].Start((StreamedSampleData)sample.Stream!, (long)(v * 1000) << 32, One, 1000, 200_000, sample.FrameCount - 1, loop: v % 2 == 0, 48_000);
                for (int b = 0; b < 20; b++)
                {
                    for (int v = 0; v < cursors.Length; v++)
                        _ = cursors[v].Prepare((long)((v * 1000) + (b * 128)) << 32, One, 128, loop: v % 2 == 0);
                }

                for (int v = 0; v < cursors.Length; v++)
                    cursors[v].Stop();
            }
        }

        Run(3); // JIT and tier-up
        int gcs = GC.CollectionCount(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(50);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(gcs, GC.CollectionCount(0));
    }

    [Fact]
    public void Auto_mode_keeps_small_instruments_in_ram_and_streams_large_ones()
    {
        using var files = new StreamTestFiles();
        string a = files.Wav("a.wav", 60_000, 2, seed: 1);
        string b = files.Wav("b.wav", 60_000, 2, seed: 2);
        string sfz = Path.Combine(files.Directory, "i.sfz");
        File.WriteAllText(sfz, "<region> sample=a.wav key=60\n<region> sample=b.wav key=61 direction=reverse\n");

        using (var small = new SampleStore(new StreamingOptions { LockHeads = false }))
        {
            var instrument = InstrumentLoader.Load(sfz, new InstrumentLoadOptions { Samples = small });
            Assert.All(instrument.Regions, r => Assert.False(r.Sample.IsStreamed));
        }

        // 2 × 60,000 stereo 16-bit frames: 469 KiB held as 16-bit.
        using var large = new SampleStore(new StreamingOptions { AutoStreamThresholdBytes = 256 << 10, PreloadFrames = 4096, LockHeads = false });
        var progress = new List<LoadProgress>();
        var streamed = InstrumentLoader.Load(sfz, new InstrumentLoadOptions { Samples = large, Progress = new SynchronousProgress<LoadProgress>(progress.Add) });
        Assert.All(streamed.Regions, r => Assert.True(r.Sample.IsStreamed));
        Assert.Equal(2, progress[^1].SamplesDone);
        var reversedWhole = SampleFile.Load(b).CreateReversed();
        AssertFramesEqual(reversedWhole, streamed.Regions[1].Sample, 0, 4096);
        Assert.Equal(3, large.GetStats().StreamedSamples); // a, b and b reversed
    }

    [Fact]
    public void A_missing_or_broken_sample_is_a_load_error_naming_the_file()
    {
        using var files = new StreamTestFiles();
        string bad = Path.Combine(files.Directory, "bad.wav");
        File.WriteAllBytes(bad, "RIFF\x10\0\0\0WAVEfmt "u8.ToArray());
        using var store = new SampleStore(Streamed());
        var e = Assert.Throws<InstrumentLoadException>(() => store.LoadSample(bad));
        Assert.Contains("bad.wav", e.Message, StringComparison.Ordinal);
        Assert.Throws<InstrumentLoadException>(() => store.LoadSample(Path.Combine(files.Directory, "none.wav")));
        string sfz = Path.Combine(files.Directory, "i.sfz");
        File.WriteAllText(sfz, "<region> sample=bad.wav\n<region> sample=none.wav\n");
        var instrument = InstrumentLoader.Load(sfz, new InstrumentLoadOptions { Samples = store });
        Assert.Empty(instrument.Regions);
        Assert.Contains(instrument.Warnings, w => w.Contains("bad.wav", StringComparison.Ordinal) && w.Contains("region skipped", StringComparison.Ordinal));
        Assert.Contains(instrument.Warnings, w => w.Contains("none.wav", StringComparison.Ordinal));
    }

    internal static void AssertFramesEqual(Sample expected, Sample actual, int first, int count)
    {
        for (int f = first; f < first + count && f < expected.FrameCount; f++)
        {
            for (int c = 0; c < expected.Channels; c++)
            {
                if (expected[f, c] != actual[f, c])
                    Assert.Fail($"frame {f} channel {c}: expected {expected[f, c]}, got {actual[f, c]}");
            }
        }
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly Lock _lock = new();

        public void Report(T value)
        {
            lock (_lock)
                report(value);
        }
    }
}
