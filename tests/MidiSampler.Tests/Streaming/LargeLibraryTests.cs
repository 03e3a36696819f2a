using System.Diagnostics;
using System.Globalization;
using MidiSampler.Engine;
using MidiSampler.Formats;
using MidiSampler.Streaming;
using MidiSampler.Tests.TestSupport;
using Xunit.Abstractions;

namespace MidiSampler.Tests.Streaming;

/// <summary>
/// The acceptance test: a library of more than 1 GB of samples (WAV and FLAC, 30 notes × 8 velocity layers)
/// generated in a temporary directory, played densely over all of it; resident memory stays under a quarter of the
/// decoded size, the offline streamed render equals the all-in-RAM render sample for sample, and a slowed streamer
/// gives counted underruns without blocking. Takes about 30-60 s and writes 1.2 GB to the temp directory.
/// </summary>
[Collection(SerialCollection.Name)]
public class LargeLibraryTests(ITestOutputHelper log)
{
    private const int FramesPerSample = 1_310_720; // 27.3 s of 16-bit stereo at 48 kHz: 5.2 MB per WAV

    [Fact]
    public void A_gigabyte_library_streams_in_a_quarter_of_its_memory_and_renders_identically()
    {
        string directory = Path.Combine(Path.GetTempPath(), "ms-large-" + Guid.NewGuid().ToString("N"));
        try
        {
            var clock = Stopwatch.StartNew();
            string sfz = LibraryGenerator.Write(directory, layers: 8, FramesPerSample, flacLayers: 1);
            long fileBytes = LibraryGenerator.FileBytes(directory);
            Log($"generated {fileBytes / 1e9:0.00} GB in {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.True(fileBytes > 1_000_000_000, $"the library must hold at least 1 GB of samples, it has {fileBytes}");

            var passage = Passage();
            long frames = (passage[^1].Frame + 48_000) & ~255L;

            // Streamed, offline: measure resident memory while it plays.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long baseline = ResidentBytes();
            float[] streamedOutput;
            long decoded, peak = 0;
            StreamingStats stats;
            using (var store = new SampleStore(new StreamingOptions { Mode = StreamMode.Auto, Offline = true, LockHeads = false }))
            {
                clock.Restart();
                var instrument = InstrumentLoader.Load(sfz, new InstrumentLoadOptions { Samples = store });
                double loadSeconds = clock.Elapsed.TotalSeconds;
                Assert.Equal(240, instrument.Regions.Count);
                Assert.All(instrument.Regions, r => Assert.True(r.Sample.IsStreamed));
                decoded = instrument.Regions.Sum(r => r.Sample.DecodedBytes);
                Log($"streamed load: {loadSeconds:0.00} s (heads only), decoded size {decoded / 1e9:0.00} GB, RSS after load {ResidentBytes() / 1e6:0} MB (baseline {baseline / 1e6:0} MB)");
                int block = 0;
                clock.Restart();
                streamedOutput = StreamingEngineTests.Render(instrument, passage, frames, 256, polyphony: 256, blockMilliseconds: _ =>
                {
                    if (++block % 200 == 0)
                        peak = Math.Max(peak, ResidentBytes());
                });
                peak = Math.Max(peak, ResidentBytes());
                stats = store.GetStats();
                Log($"streamed render: {frames / 48_000.0:0.0} s in {clock.Elapsed.TotalSeconds:0.0} s; peak RSS {peak / 1e6:0} MB = {100.0 * peak / decoded:0.0}% of decoded; "
                    + $"read {stats.BytesRead / 1e6:0} MB, hits {stats.CacheHits}, misses {stats.CacheMisses}, cached {stats.CachedBytes / 1e6:0} MB, heads {stats.HeadBytes / 1e6:0} MB");
            }

            // What streaming adds to this process, against an eighth of the decoded size (the issue asks for a quarter): the
            // test process's own baseline (the runner and what earlier tests left on the heap, 290 MB in a full run)
            // grows with the suite and once pushed the whole-process figure past a quarter with the library using 72 MB.
            // The real process's figures are the streaming bench's (README).
            long added = peak - baseline;
            Assert.True(added < decoded / 8, $"streaming added {added} bytes of resident memory (peak {peak}, baseline {baseline}): more than an eighth of the decoded {decoded}");
            Assert.Equal(0, stats.Underruns);
            Assert.True(stats.CacheMisses > 0 && stats.BytesRead > 0);

            // All in RAM, the same passage: sample for sample the same output.
            using (var ram = new SampleStore(new StreamingOptions { Mode = StreamMode.Ram }))
            {
                clock.Restart();
                var instrument = InstrumentLoader.Load(sfz, new InstrumentLoadOptions { Samples = ram });
                Log($"all-in-RAM load: {clock.Elapsed.TotalSeconds:0.00} s, RSS {ResidentBytes() / 1e6:0} MB");
                Assert.All(instrument.Regions, r => Assert.False(r.Sample.IsStreamed));
                var expected = StreamingEngineTests.Render(instrument, passage, frames, 256, polyphony: 256);
                Assert.True(Signals.Rms(expected, 0, expected.Length) > 0.01);
                StreamingEngineTests.AssertSameAsInRam(expected, streamedOutput);
            }

            streamedOutput = [];
            GC.Collect();

            // Live, with a streamer slowed to 20 ms per chunk: underruns are counted, no block waits, nothing breaks.
            using (var slow = new SampleStore(new StreamingOptions { Mode = StreamMode.Stream, LockHeads = false }))
            {
                slow.SimulatedReadDelayMilliseconds = 20;
                var instrument = InstrumentLoader.Load(sfz, new InstrumentLoadOptions { Samples = slow });
                double worst = 0;
                int slowBlocks = 0;
                var output = StreamingEngineTests.Render(instrument, passage.Where(e => e.Frame < 5 * 48_000).ToList(), 6 * 48_000, 256, polyphony: 256,
                    blockMilliseconds: ms =>
                    {
                        worst = Math.Max(worst, ms);
                        if (ms >= slow.SimulatedReadDelayMilliseconds)
                            slowBlocks++;
                    });
                var s = slow.GetStats();
                Log($"slowed streamer, live: {s.Underruns} underruns, {slowBlocks} blocks of 20 ms or more, worst block {worst:0.00} ms");
                Assert.True(s.Underruns > 0);

                // A block that waited for the streamer would take a chunk's 20 ms, and so would every block with an
                // underrun (hundreds): a couple of slow blocks are the machine preempting the test (a lone 100 ms block
                // once failed a wall-clock bound here on a loaded CI machine), not waits.
                Assert.True(slowBlocks <= 3, $"{slowBlocks} blocks took 20 ms or more (worst {worst:0.0} ms) against {s.Underruns} underruns: the audio thread waited");
                Assert.True(output.All(float.IsFinite));
                Assert.True(Signals.Rms(output, 0, output.Length) > 0.001);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Every sample of the library once (each note at each layer, on a random key of its three), 20 notes a second, held 2 s.</summary>
    private static List<(long Frame, MidiEvent Event)> Passage()
    {
        var random = new Random(11);
        var events = new List<(long Frame, MidiEvent Event)>();
        long t = 0;
        foreach (int note in LibraryGenerator.Notes)
        {
            for (int layer = 0; layer < 8; layer++)
            {
                int key = note - 1 + random.Next(3), velocity = 1 + (layer * 127 / 8) + random.Next(127 / 8);
                events.Add((t, MidiEvent.NoteOn(0, 0, key, Math.Clamp(velocity, 1, 127))));
                events.Add((t + 96_000, MidiEvent.NoteOff(0, 0, key)));
                t += 2_400;
            }
        }

        events.Sort((a, b) => a.Frame.CompareTo(b.Frame));
        return events;
    }

    private static long ResidentBytes()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
        }

        return 0;
    }

    private void Log(string message) => log.WriteLine(message);
}
