using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using MidiSampler.Engine;
using MidiSampler.Formats;
using MidiSampler.Model;
using MidiSampler.Streaming;
using MidiSampler.Tests.Streaming;

namespace MidiSampler.Bench;

/// <summary>
/// The streaming figures of docs/streaming.md: time to first note and resident memory for a 1.1 GB library in both
/// modes (page cache dropped for the library's files first), the cost of a streamed voice against an in-RAM one, and
/// the voices × pitch ratio the streamer sustains in real time before the first underrun. Control thread.
/// </summary>
internal static partial class StreamingBench
{
    private const int PosixFadvDontNeed = 4;
    private const int Rate = 48_000;

    public static void Run(string? directory)
    {
        bool generated = directory is null;
        directory ??= Path.Combine(Path.GetTempPath(), "ms-stream-bench");
        string sfz = Path.Combine(directory, "library.sfz");
        if (!File.Exists(sfz))
            sfz = LibraryGenerator.Write(directory, layers: 8, framesPerSample: 1_310_720, flacLayers: 1);
        Console.WriteLine(Invariant($"library: {LibraryGenerator.FileBytes(directory) / 1e9:0.00} GB of files in {directory}"));
        try
        {
            // Streaming first: the GC keeps the all-in-RAM run's memory committed for a while after it is freed.
            FirstNote(sfz, directory, StreamMode.Stream);
            FirstNote(sfz, directory, StreamMode.Ram);
            VoiceCost(sfz);
            Throughput(sfz, directory);
        }
        finally
        {
            if (generated)
                Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Cold cache: load, then render the first block of a note. Then a dense 10 s passage offline, peak RSS.</summary>
    private static void FirstNote(string sfz, string directory, StreamMode mode)
    {
        DropCache(directory);
        GC.Collect();
        long baseline = ResidentBytes();
        var clock = Stopwatch.StartNew();
        using var store = new SampleStore(new StreamingOptions { Mode = mode, Offline = true, LockHeads = false });
        var instrument = InstrumentLoader.Load(sfz, new InstrumentLoadOptions { Samples = store });
        using var sampler = new Sampler(new SamplerConfig { MaxPolyphony = 256, MaxBlockFrames = 256 });
        sampler.SetInstrument(0, instrument);
        var buffer = new float[256 * 2];
        sampler.Process(buffer, 256, [MidiEvent.NoteOn(0, 0, 60, 100)]);
        double firstNote = clock.Elapsed.TotalSeconds;
        long afterLoad = ResidentBytes();
        long peak = afterLoad;
        var random = new Random(5);
        for (int b = 0; b < 10 * Rate / 256; b++)
        {
            int key = 21 + random.Next(88);
            sampler.Process(buffer, 256, b % 4 == 0 ? [MidiEvent.NoteOn(0, 0, key, 1 + random.Next(127))] : b % 4 == 2 ? [MidiEvent.NoteOff(0, 0, 21 + random.Next(88))] : []);
            if (b % 100 == 0)
                peak = Math.Max(peak, ResidentBytes());
        }

        long decoded = instrument.Regions.Sum(r => r.Sample.DecodedBytes);
        Console.WriteLine(Invariant($"{mode,-6}: time to first note {firstNote:0.00} s; RSS after load {afterLoad / 1e6:0} MB, peak over a 10 s passage {peak / 1e6:0} MB (process baseline {baseline / 1e6:0} MB; decoded library {decoded / 1e9:0.00} GB); underruns {store.GetStats().Underruns}"));
    }

    /// <summary>Nanoseconds per voice and output sample: 64 sustained voices, in RAM, then streamed with everything cached.</summary>
    private static void VoiceCost(string sfz)
    {
        foreach (var mode in new[] { StreamMode.Ram, StreamMode.Stream })
        {
            using var store = new SampleStore(new StreamingOptions { Mode = mode, Offline = true, LockHeads = false, MemoryBudgetBytes = 1L << 30 });
            var instrument = InstrumentLoader.Load(sfz, new InstrumentLoadOptions { Samples = store });
            double ns = MeasurePerVoice(instrument, 64);
            Console.WriteLine(Invariant($"{mode,-6}: {ns:0.00} ns per voice and output sample (64 stereo voices, cubic, 128-frame blocks)"));
        }
    }

    private static double MeasurePerVoice(Instrument instrument, int voices)
    {
        using var sampler = new Sampler(new SamplerConfig { MaxPolyphony = voices, MaxBlockFrames = 128 });
        sampler.SetInstrument(0, instrument);
        var buffer = new float[128 * 2];
        double Measure(int count)
        {
            sampler.Panic();
            sampler.Process(buffer, 128);
            for (int v = 0; v < count; v++)
                sampler.NoteOn(0, 21 + (v * 88 / Math.Max(1, count)), 64 + (v % 60));
            for (int b = 0; b < 400; b++)
                sampler.Process(buffer, 128); // warm: the streamer fills the windows (offline waits)
            var clock = Stopwatch.StartNew();
            const int blocks = 3000;
            for (int b = 0; b < blocks; b++)
                sampler.Process(buffer, 128);
            return clock.Elapsed.TotalMilliseconds * 1e6 / (blocks * 128.0);
        }

        double empty = Measure(0);
        _ = Measure(voices); // the first pass fills the cache (offline, the render waits for the disk); the second is timed
        return (Measure(voices) - empty) / voices;
    }

    /// <summary>Real-time paced, cold cache: voices × ratio until the first underrun.</summary>
    private static void Throughput(string sfz, string directory)
    {
        foreach (double ratio in new[] { 1.0, 2.0, 4.0 })
        {
            int sustained = 0;
            for (int voices = 32; voices <= 1024; voices *= 2)
            {
                DropCache(directory);
                using var store = new SampleStore(new StreamingOptions { Mode = StreamMode.Stream, LockHeads = false, MaxStreams = voices });
                var loaded = InstrumentLoader.Load(sfz, new InstrumentLoadOptions { Samples = store });
                int transpose = (int)Math.Round(12 * Math.Log2(ratio));
                var instrument = new Instrument("bench", [.. loaded.Regions.Select(r => r with { Transpose = transpose, LoopMode = LoopMode.NoLoop })]);
                long underruns = PlayRealTime(instrument, voices, 4.0, store, out double mbPerSecond);
                Console.WriteLine(Invariant($"ratio {ratio}: {voices,5} voices: {underruns} underruns, {mbPerSecond:0.0} MB/s decoded read"));
                if (underruns > 0)
                    break;
                sustained = voices;
            }

            Console.WriteLine(Invariant($"ratio {ratio}: sustained {sustained} voices without an underrun ({sustained * ratio:0} voice×ratio)"));
        }
    }

    private static long PlayRealTime(Instrument instrument, int voices, double seconds, SampleStore store, out double mbPerSecond)
    {
        const int block = 256;
        using var sampler = new Sampler(new SamplerConfig { MaxPolyphony = voices, MaxBlockFrames = block });
        sampler.SetInstrument(0, instrument);
        var buffer = new float[block * 2];
        long blockTicks = Stopwatch.Frequency * block / Rate;
        long next = Stopwatch.GetTimestamp();
        int started = 0, blocks = (int)(seconds * Rate / block), startBlocks = 2 * Rate / block;
        store.GetStats();
        for (int b = 0; b < blocks; b++)
        {
            // Voices start over the first 2 s, each of the 240 samples in turn, so that voices on the same sample start
            // far apart and do not share their read-ahead (a shared window would measure the cache, not the disk). Each
            // voice has its own key and channel: a note-on on a sounding key and channel would end the older voice.
            while (started < voices && (long)started * startBlocks / voices <= b)
            {
                int sample = started % 240, repeat = started / 240;
                int n = sample % LibraryGenerator.Notes.Length, layer = sample / LibraryGenerator.Notes.Length;
                sampler.NoteOn(layer + (8 * (repeat % 2)), LibraryGenerator.Notes[n] - 1 + (repeat / 2 % 3), 2 + (layer * 127 / 8));
                started++;
            }

            sampler.Process(buffer, block);
            next += blockTicks;
            long wait = next - Stopwatch.GetTimestamp();
            if (wait > 0)
                Thread.Sleep(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
        }

        var stats = store.GetStats();
        mbPerSecond = stats.BytesReadPerSecond / 1e6; // over the whole run, voices starting included
        return stats.Underruns;
    }

    /// <summary>Drops the library's pages from the page cache (posix_fadvise DONTNEED), so the next reads go to the disk.</summary>
    private static void DropCache(string directory)
    {
        foreach (string file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            using var handle = File.OpenHandle(file);
            _ = posix_fadvise((int)handle.DangerousGetHandle(), 0, 0, PosixFadvDontNeed);
        }
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

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [LibraryImport("libc")]
    private static partial int posix_fadvise(int fd, long offset, long len, int advice);
}
