using System.Diagnostics;
using System.Globalization;
using System.Text;
using MidiSampler.Engine;
using MidiSampler.Formats.Wav;
using MidiSampler.Formats;
using MidiSampler.Model;
using MidiSampler.Streaming;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Streaming;

/// <summary>Streamed instruments played by the engine: identical offline renders, live underruns that never block, no allocation.</summary>
[Collection(SerialCollection.Name)]
public class StreamingEngineTests
{
    /// <summary>A small library exercising every path: 16/24-bit, mono/stereo, WAV/FLAC, loops, reverse, offsets, pitch ratios.</summary>
    private static string BuildLibrary(StreamTestFiles files)
    {
        var sfz = new StringBuilder();
        for (int i = 0; i < 8; i++)
        {
            int channels = 1 + (i % 2);
            string path = files.Wav($"s{i}.wav", 150_000 + (i * 7_001), channels, i % 3 == 0 ? WavSampleFormat.Pcm24 : WavSampleFormat.Pcm16, seed: i);
            if (i % 4 == 3)
                path = files.Flac(path);
            int lo = 36 + (i * 8), hi = lo + 7;
            string extra = (i % 4) switch
            {
                0 => "loop_mode=loop_continuous loop_start=60000 loop_end=100000",
                1 => "direction=reverse",
                2 => "offset=70000 loop_mode=loop_sustain loop_start=90000 loop_end=91000",
                _ => "",
            };
            sfz.Append(CultureInfo.InvariantCulture, $"<region> sample={Path.GetFileName(path)} lokey={lo} hikey={hi} pitch_keycenter={lo + 2} ampeg_release=0.05 {extra}\n");
        }

        string sfzPath = Path.Combine(files.Directory, "lib.sfz");
        File.WriteAllText(sfzPath, sfz.ToString());
        return sfzPath;
    }

    /// <summary>A dense passage: chords across the whole range, held over loop seams, released, retriggered.</summary>
    internal static List<(long Frame, MidiEvent Event)> Passage(int seconds, int seed)
    {
        var random = new Random(seed);
        var events = new List<(long, MidiEvent)>();
        for (long t = 0; t < seconds * 48_000L; t += 4_800)
        {
            for (int n = 0; n < 4; n++)
            {
                int key = 36 + random.Next(64);
                events.Add((t + random.Next(4_800), MidiEvent.NoteOn(0, 0, key, 30 + random.Next(97))));
                events.Add((t + 12_000 + random.Next(48_000), MidiEvent.NoteOff(0, 0, key)));
            }
        }

        events.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return events;
    }

    /// <summary>Fails at the first sample (interleaved stereo) where the streamed render differs from the all-in-RAM one.</summary>
    internal static void AssertSameAsInRam(float[] expected, float[] streamed)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] != streamed[i])
                Assert.Fail($"frame {i / 2} channel {i % 2}: in RAM {expected[i]}, streamed {streamed[i]}");
        }
    }

    internal static float[] Render(Instrument instrument, List<(long Frame, MidiEvent Event)> passage, long frames, int block, int polyphony = 128, Action<double>? blockMilliseconds = null)
    {
        using var sampler = Signals.NewSampler(polyphony: polyphony, maxBlock: 512);
        sampler.SetInstrument(0, instrument);
        var output = new float[frames * 2];
        var buffer = new float[block * 2];
        var blockEvents = new MidiEvent[256];
        int next = 0;
        for (long position = 0; position < frames; position += block)
        {
            int n = (int)Math.Min(block, frames - position), count = 0;
            while (next < passage.Count && passage[next].Frame < position + n && count < blockEvents.Length)
            {
                blockEvents[count++] = passage[next].Event with { OffsetFrames = (int)(passage[next].Frame - position) };
                next++;
            }

            long start = Stopwatch.GetTimestamp();
            sampler.Process(buffer, n, blockEvents.AsSpan(0, count));
            blockMilliseconds?.Invoke((Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency);
            Array.Copy(buffer, 0, output, position * 2, n * 2);
        }

        return output;
    }

    [Fact]
    public void An_offline_streamed_render_equals_the_all_in_ram_render_sample_for_sample()
    {
        using var files = new StreamTestFiles();
        string sfz = BuildLibrary(files);
        var passage = Passage(6, 1);
        const long frames = 7 * 48_000;

        using var ram = new SampleStore(new StreamingOptions { Mode = StreamMode.Ram });
        var inRam = InstrumentLoader.Load(sfz, new InstrumentLoadOptions { Samples = ram });
        Assert.All(inRam.Regions, r => Assert.False(r.Sample.IsStreamed));
        var expected = Render(inRam, passage, frames, 256);

        using var store = new SampleStore(new StreamingOptions
        {
            Mode = StreamMode.Stream, PreloadFrames = 4096, Offline = true, MemoryBudgetBytes = 4L << 20, LockHeads = false,
        });
        var streamed = InstrumentLoader.Load(sfz, new InstrumentLoadOptions { Samples = store });
        Assert.All(streamed.Regions, r => Assert.True(r.Sample.IsStreamed));
        var actual = Render(streamed, passage, frames, 256);

        Assert.True(Signals.Rms(expected, 0, expected.Length) > 0.01, "the passage must sound");
        AssertSameAsInRam(expected, actual);

        var stats = store.GetStats();
        Assert.Equal(0, stats.Underruns);
        Assert.True(stats.BytesRead > 0 && stats.CacheMisses > 0);
        Assert.InRange(stats.CachedBytes, 1, 4L << 20);
    }

    [Fact]
    public void Live_with_a_slow_disk_underruns_are_counted_voices_keep_playing_and_no_block_waits()
    {
        using var files = new StreamTestFiles();
        string sfz = BuildLibrary(files);
        using var store = new SampleStore(new StreamingOptions { Mode = StreamMode.Stream, PreloadFrames = 4096, LockHeads = false });
        store.SimulatedReadDelayMilliseconds = 25;
        var instrument = InstrumentLoader.Load(sfz, new InstrumentLoadOptions { Samples = store });
        double worst = 0;
        var passage = Passage(3, 2);
        var output = Render(instrument, passage, 4 * 48_000, 256, blockMilliseconds: ms => worst = Math.Max(worst, ms));

        var stats = store.GetStats();
        Assert.True(stats.Underruns > 0, "a disk this slow cannot keep up with the passage");
        Assert.True(worst < 50, $"a block took {worst:F1} ms: the audio thread must never wait for the disk");
        Assert.True(Signals.Rms(output, 0, output.Length) > 0.001, "the heads still sound");
        Assert.True(output.All(float.IsFinite));
    }

    [Fact]
    public void Streamed_voices_allocate_nothing_on_the_audio_thread()
    {
        using var files = new StreamTestFiles();
        string sfz = BuildLibrary(files);
        using var store = new SampleStore(new StreamingOptions { Mode = StreamMode.Stream, PreloadFrames = 4096, LockHeads = false, MaxStreams = 16 });
        var instrument = InstrumentLoader.Load(sfz, new InstrumentLoadOptions { Samples = store });
        using var sampler = Signals.NewSampler(polyphony: 48, maxBlock: 512);
        sampler.SetInstrument(0, instrument);
        var buffer = new float[128 * 2];
        var events = new MidiEvent[2];
        var random = new Random(3);

        void Run(int blocks)
        {
            for (int b = 0; b < blocks; b++)
            {
                events[0] = MidiEvent.NoteOn(random.Next(128), 0, 36 + random.Next(64), 100);
                events[1] = MidiEvent.NoteOff(random.Next(128), 0, 36 + random.Next(64));
                sampler.Process(buffer, 128, events.AsSpan(0, b % 3 == 0 ? 2 : 0));
            }
        }

        Run(500); // JIT, tier-up, slots in use and beyond (48 voices, 16 stream slots)
        int gcs = GC.CollectionCount(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(5_000);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(gcs, GC.CollectionCount(0));
        Assert.True(store.GetStats().BytesRead > 0);
    }
}
