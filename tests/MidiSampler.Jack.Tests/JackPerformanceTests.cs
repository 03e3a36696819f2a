using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using MidiSampler.Engine;
using MidiSampler.Formats;
using MidiSampler.Jack.Tests.TestSupport;
using Xunit.Abstractions;

namespace MidiSampler.Jack.Tests;

/// <summary>
/// The performance figures of docs/jack.md, measured against a real jackd (dummy driver): voices ramped
/// until the first xrun, DSP load at 128 voices, and the distribution of the process callback's duration
/// with and without a loader thread allocating hard in the same process. By default a short form runs
/// (a few seconds, sanity bounds only); MIDISAMPLER_JACK_PERF=1 runs the long form (MIDISAMPLER_JACK_PERF_SECONDS,
/// default 120 s per distribution) and MIDISAMPLER_JACK_PERF_OUT=FILE appends the report to a file.
/// </summary>
public sealed class JackPerformanceTests(ITestOutputHelper output)
{
    private static readonly bool Long = Environment.GetEnvironmentVariable("MIDISAMPLER_JACK_PERF") == "1";

    public static TheoryData<int> Periods => Long ? new TheoryData<int> { 64, 128 } : new TheoryData<int> { 128 };

    [Theory]
    [MemberData(nameof(Periods))]
    public void Voices_ramp_until_the_first_xrun(int periodFrames)
    {
        using var server = JackServer.Start(periodFrames);
        using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 4096, MeasureProcessTime = true });
        host.SetInstrument(0, TestInstruments.LoopedSine(server.SampleRate, level: 0.001f));
        double periodMicros = periodFrames * 1e6 / server.SampleRate;
        int step = 128, cap = Long ? 4096 : 512;
        var stepTime = TimeSpan.FromSeconds(Long ? 2 : 1);
        int voices = 0, lastClean = 0, firstXrunVoices = 0;
        double loadAt128 = double.NaN;
        while (voices < cap)
        {
            for (int i = 0; i < step; i++, voices++)
                host.Send(new MidiEvent(0, MidiEventType.NoteOn, (byte)(voices / 128 % 16), (byte)(voices % 128), 100, 0, 0));
            int target = voices;
            WaitFor(() => host.GetStats().ActiveVoices == target, $"{host.GetStats().ActiveVoices} of {target} voices");
            long xruns = host.GetStats().Xruns;
            var before = host.GetProcessTimeHistogram();
            Thread.Sleep(stepTime);
            var (mean, _, p99, _, max) = Summary(Delta(host.GetProcessTimeHistogram(), before));
            long newXruns = host.GetStats().Xruns - xruns;
            Report(FormattableString.Invariant($"period {periodFrames}: {voices,5} voices, DSP load {mean / periodMicros,6:P1} (mean {mean:0} us, max {max} us of {periodMicros:0} us), xruns {newXruns}"));
            if (voices == 128)
                loadAt128 = mean / periodMicros;
            if (newXruns > 0 && firstXrunVoices == 0)
                firstXrunVoices = voices;

            // The sampler's own limit: the step at which one callback no longer fits the period. Xruns alone
            // also count the machine's scheduling noise (a shared VM here), so they are reported, not the criterion.
            // The short form's sanity bound takes the 99th percentile: in one second on a shared machine, a single
            // callback preempted past the period is the machine's, not the sampler's limit (it failed CI so once).
            if ((Long ? max : p99) >= periodMicros)
                break;
            lastClean = voices;
        }

        Report(FormattableString.Invariant(
            $"period {periodFrames}: at most {lastClean} voices with {(Long ? "every callback" : "99 % of callbacks")} inside the period (cap {cap}); first xrun at {(firstXrunVoices == 0 ? "none" : firstXrunVoices.ToString(CultureInfo.InvariantCulture))} voices; DSP load at 128 voices {loadAt128:P1}"));
        Assert.True(lastClean >= 128, $"callbacks overran the period below 128 voices at {periodFrames} frames");
        Assert.InRange(loadAt128, 0.0001, 0.5);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Process_callback_time_distribution_with_and_without_a_loader_allocating(bool loader)
    {
        // MIDISAMPLER_JACK_PERF_PERIOD picks the period (64 for issue 18's measurement); 128 by default.
        int periodFrames = int.TryParse(Environment.GetEnvironmentVariable("MIDISAMPLER_JACK_PERF_PERIOD"), CultureInfo.InvariantCulture, out int p) ? p : 128;
        using var server = JackServer.Start(periodFrames);
        using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 256, MeasureProcessTime = true });
        host.SetInstrument(0, TestInstruments.LoopedSine(server.SampleRate, level: 0.002f));
        for (int v = 0; v < 128; v++)
            host.Send(new MidiEvent(0, MidiEventType.NoteOn, (byte)(v / 16), (byte)(40 + (v % 16) + (v / 16)), 100, 0, 0));
        WaitFor(() => host.GetStats().ActiveVoices == 128, "the voices did not start");

        int seconds = Long && int.TryParse(Environment.GetEnvironmentVariable("MIDISAMPLER_JACK_PERF_SECONDS"), CultureInfo.InvariantCulture, out int s) ? s : Long ? 120 : 3;
        using var stop = new ManualResetEventSlim();
        long loads = 0;
        // MIDISAMPLER_JACK_PERF_SF2=FILE: the loader alternates ganjo with that SoundFont bank (every preset), as issue 18 asks.
        string? bank = Environment.GetEnvironmentVariable("MIDISAMPLER_JACK_PERF_SF2") is { Length: > 0 } sf2 && File.Exists(sf2) ? sf2 : null;
        var loaderThread = new Thread(() =>
        {
            // What a reload does: decode an instrument (ganjo's 61 WAVs when present, else as many bytes of arrays). The
            // samples decode into native memory, released at once after each load (no engine plays them).
            string? ganjo = FindGanjo();
            while (!stop.IsSet)
            {
                if (ganjo is not null)
                    Release(InstrumentLoader.Load(ganjo).Regions);
                else
                    GC.KeepAlive(new float[8 << 20]);
                if (bank is not null && !stop.IsSet)
                    Release(Formats.Sf2.SoundFontLoader.LoadBank(bank).Presets.SelectMany(x => x.Instrument.Regions));
                Interlocked.Increment(ref loads);
            }

            static void Release(IEnumerable<Model.Region> regions)
            {
                foreach (var r in regions)
                    r.Sample.ReleaseMemory();
            }
        })
        { IsBackground = true, Name = "loader" };

        var savedMode = GCSettings.LatencyMode;
        if (Enum.TryParse<GCLatencyMode>(Environment.GetEnvironmentVariable("MIDISAMPLER_GC_LATENCY_MODE"), out var mode))
            GCSettings.LatencyMode = mode; // e.g. SustainedLowLatency: what `play` sets
        int gcBefore = GC.CollectionCount(0), gen1Before = GC.CollectionCount(1), gen2Before = GC.CollectionCount(2);
        var pauseBefore = GC.GetTotalPauseDuration();
        double maxPauseMicros = 0;
        var gcWatch = new Thread(() =>
        {
            // The longest single collection pause, from the runtime's record of its last collections (allocation-free).
            long lastIndex = GC.GetGCMemoryInfo(GCKind.Any).Index; // only collections during the measurement
            while (!stop.IsSet)
            {
                for (int k = 0; k < 3; k++)
                {
                    var info = GC.GetGCMemoryInfo(k == 0 ? GCKind.Ephemeral : k == 1 ? GCKind.FullBlocking : GCKind.Background);
                    if (info.Index <= lastIndex)
                        continue;
                    foreach (var d in info.PauseDurations)
                        maxPauseMicros = Math.Max(maxPauseMicros, d.TotalMicroseconds);
                }

                lastIndex = GC.GetGCMemoryInfo(GCKind.Any).Index;
                Thread.Sleep(2);
            }
        })
        { IsBackground = true, Name = "gc-watch" };
        gcWatch.Start();
        long xruns = host.GetStats().Xruns;
        var before = host.GetProcessTimeHistogram();
        var completionBefore = host.GetCompletionTimeHistogram();
        if (loader)
            loaderThread.Start();
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        stop.Set();
        if (loader)
            loaderThread.Join();
        var (mean, p50, p99, p999, max) = Summary(Delta(host.GetProcessTimeHistogram(), before));
        var (_, c50, c99, c999, cmax) = Summary(Delta(host.GetCompletionTimeHistogram(), completionBefore));
        double periodMicros = periodFrames * 1e6 / server.SampleRate;
        gcWatch.Join();
        string gc = FormattableString.Invariant(
            $"{GC.CollectionCount(0) - gcBefore} GCs, {GC.CollectionCount(1) - gen1Before} gen1+, {GC.CollectionCount(2) - gen2Before} gen2, pauses {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:0.0} ms in all, max {maxPauseMicros:0} us; {(GCSettings.IsServerGC ? "server" : "workstation")} GC, latency mode {GCSettings.LatencyMode}, gen0size {Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "default"}");
        Report(FormattableString.Invariant(
            $"callback time, 128 voices, period {periodFrames} ({periodMicros:0} us), {seconds} s, loader {(loader ? (bank is null ? "on" : "on, ganjo + " + Path.GetFileName(bank)) : "off")} ({loads} loads, {gc}): mean {mean:0} us, p50 {p50} us, p99 {p99} us, p99.9 {p999} us, max {max} us; done after period start p50 {c50} us, p99 {c99} us, p99.9 {c999} us, max {cmax} us; xruns {host.GetStats().Xruns - xruns}"));

        GCSettings.LatencyMode = savedMode;
        Assert.True(p50 < periodMicros, $"median callback {p50} us exceeds the {periodMicros:0} us period");
        Assert.True(!loader || loads > 0, "the loader did not run");
    }

    private static string? FindGanjo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "instruments", "ganjo", "ganjo.sfz");
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }

    private static long[] Delta(long[] after, long[] before) => after.Select((c, i) => c - before[i]).ToArray();

    /// <summary>Mean and percentiles (µs) of a 1-µs-bin histogram.</summary>
    private static (double Mean, int P50, int P99, int P999, int Max) Summary(long[] histogram)
    {
        long total = histogram.Sum();
        if (total == 0)
            return (0, 0, 0, 0, 0);
        double sum = 0;
        for (int i = 0; i < histogram.Length; i++)
            sum += (double)i * histogram[i];
        return (sum / total, Percentile(0.50), Percentile(0.99), Percentile(0.999), Array.FindLastIndex(histogram, c => c > 0));

        int Percentile(double q)
        {
            long rank = (long)Math.Ceiling(q * total), seen = 0;
            for (int i = 0; i < histogram.Length; i++)
            {
                seen += histogram[i];
                if (seen >= rank)
                    return i;
            }

            return histogram.Length - 1;
        }
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("MIDISAMPLER_JACK_PERF_OUT") is { Length: > 0 } file)
            File.AppendAllText(file, line + Environment.NewLine);
    }

    private static void WaitFor(Func<bool> condition, string message)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), message);
            Thread.Sleep(5);
        }
    }
}
