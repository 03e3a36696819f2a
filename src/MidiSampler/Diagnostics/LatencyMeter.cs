using MidiSampler.Engine;
using MidiSampler.Model;
using MidiSampler.Realtime;

namespace MidiSampler.Diagnostics;

/// <summary>
/// A cyclictest-like measurement from inside .NET: a SCHED_FIFO thread sleeps to absolute deadlines one
/// period apart on CLOCK_MONOTONIC and records how late it wakes; with voices, it renders one period of
/// a <see cref="Sampler"/> per wake-up and records how long that took. Control thread (it starts and joins
/// its own measuring thread).
/// </summary>
/// <remarks>
/// Design: it sits above the Engine (namespace Diagnostics) because it drives a whole sampler; the OS parts it uses stay
/// in Realtime, below the Engine. Every array is allocated before the loop, and the loop itself neither allocates nor
/// formats, so what is measured is the system and the engine, not the meter. The optional GC-pressure
/// thread allocates hard on purpose: a gen-0 collection suspends every managed thread, the measuring one
/// included, which is the effect ARCHITECTURE.md warns about and this makes visible.
/// </remarks>
public static class LatencyMeter
{
    /// <summary>Measures for <paramref name="durationSeconds"/>.</summary>
    /// <param name="durationSeconds">How long to measure (0.1 to 3600 s).</param>
    /// <param name="periodFrames">Frames per period (16 to 16,384).</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="voices">Held notes rendered each period (0: wake-ups only).</param>
    /// <param name="gcPressure">Run an allocating thread alongside.</param>
    /// <param name="priority">SCHED_FIFO priority of the measuring thread.</param>
    public static LatencyReport Run(double durationSeconds, int periodFrames, int sampleRate, int voices, bool gcPressure, int priority = 80)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(durationSeconds, 0.1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(durationSeconds, 3600);
        ArgumentOutOfRangeException.ThrowIfLessThan(periodFrames, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(periodFrames, 16_384);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8_000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 384_000);
        ArgumentOutOfRangeException.ThrowIfNegative(voices);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(voices, 8_192);

        long periodNs = (long)Math.Round(periodFrames * 1e9 / sampleRate);
        int cycles = (int)Math.Max(1, Math.Ceiling(durationSeconds * 1e9 / periodNs));
        long[] wake = new long[cycles];
        long[] process = new long[cycles];
        float[] buffer = new float[periodFrames * 2];
        using var sampler = voices > 0 ? CreateSampler(periodFrames, sampleRate, voices) : null;

        ThreadScheduling scheduling = default;
        IReadOnlyList<string> warnings = [];
        var stop = new ManualResetEventSlim();
        Thread? pressure = gcPressure ? new Thread(() => Allocate(stop)) { IsBackground = true, Name = "latency: GC pressure" } : null;
        var measure = new Thread(() =>
        {
            var rt = RealtimeSupport.EnableRealtime(priority, lockMemory: false);
            warnings = rt.Problems;
            scheduling = RealtimeSupport.GetCurrentThreadScheduling();
            Loop(sampler, buffer, periodFrames, periodNs, wake, process);
            RealtimeSupport.SetNormalScheduling();
        })
        { Name = "latency: measure" };

        int gc0 = GC.CollectionCount(0);
        pressure?.Start();
        measure.Start();
        measure.Join();
        stop.Set();
        pressure?.Join();
        stop.Dispose();
        return new LatencyReport
        {
            PeriodMicroseconds = periodNs / 1e3,
            WakeNanoseconds = wake,
            ProcessNanoseconds = process,
            Scheduling = scheduling,
            Warnings = warnings,
            Gen0Collections = GC.CollectionCount(0) - gc0,
            Voices = voices,
        };
    }

    private static void Loop(Sampler? sampler, float[] buffer, int periodFrames, long periodNs, long[] wake, long[] process)
    {
        long deadline = RealtimeClock.NowNanoseconds() + periodNs;
        for (int i = 0; i < wake.Length; i++)
        {
            RealtimeClock.SleepUntil(deadline);
            long woke = RealtimeClock.NowNanoseconds();
            wake[i] = woke - deadline;
            if (sampler is not null)
            {
                sampler.Process(buffer, periodFrames);
                process[i] = RealtimeClock.NowNanoseconds() - woke;
            }

            deadline += periodNs; // absolute schedule: a late cycle does not shift the next deadline
        }
    }

    private static Sampler CreateSampler(int periodFrames, int sampleRate, int voices)
    {
        var sampler = new Sampler(new SamplerConfig { SampleRate = sampleRate, MaxPolyphony = voices, MaxBlockFrames = Math.Max(EngineLimits.MinBlockFrames, periodFrames) });

        // A looped sine of whole periods (seamless loop), so that every voice keeps sounding.
        int frames = sampleRate / 10;
        var data = new float[frames];
        for (int f = 0; f < frames; f++)
            data[f] = 0.2f * MathF.Sin(2 * MathF.PI * 440f * f / sampleRate);
        var sample = Sample.FromInterleaved("sine", sampleRate, 1, data, new SampleMetadata(null, 0, 0, frames - 1));
        var region = new Region
        {
            Sample = sample,
            LoopMode = LoopMode.LoopContinuous,
            LoopStart = 0,
            LoopEnd = frames - 1,
            PitchKeyCenter = 69,
            AmpEnvelope = Envelope.Default,
        };
        sampler.SetInstrument(0, new Instrument("latency sine", [region]));
        sampler.WarmUp();
        var scratch = new float[Math.Max(EngineLimits.MinBlockFrames, periodFrames) * 2];
        for (int v = 0; v < voices; v++)
        {
            sampler.NoteOn(v % 16, 24 + (v % 96), 100);
            if (v % 64 == 63)
                sampler.Process(scratch, Math.Max(EngineLimits.MinBlockFrames, periodFrames)); // drain the ring before it fills
        }

        sampler.Process(scratch, Math.Max(EngineLimits.MinBlockFrames, periodFrames));
        return sampler;
    }

    private static void Allocate(ManualResetEventSlim stop)
    {
        object? keep = null;
        while (!stop.IsSet)
        {
            for (int i = 0; i < 1000; i++)
                keep = new byte[1024];
        }

        GC.KeepAlive(keep);
    }
}
