using MidiSampler.Engine;
using MidiSampler.Hosting;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Hosting;

/// <summary>
/// Events stamped on arrival are applied one period later at their frame: the spacing between notes is kept to the
/// frame however the audio thread's wake-ups jitter, instead of being rounded to periods.
/// </summary>
public sealed class ArrivalSchedulerTests
{
    private const int Rate = 48_000;
    private const int Period = 256;
    private const long PeriodNs = Period * 1_000_000_000L / Rate;

    [Fact]
    public void Notes_keep_their_spacing_to_the_frame_through_jittery_wake_ups()
    {
        var scheduler = new ArrivalScheduler();
        var random = new Random(7);
        long t0 = 1_000_000_000;
        // Arrivals at irregular times (as a player plays), 0.3 to 7 ms apart.
        var arrivals = new List<long>();
        long t = t0 + 3_000_000;
        for (int i = 0; i < 200; i++)
        {
            arrivals.Add(t);
            t += 300_000 + random.Next(6_700_000);
        }

        var applied = new List<long>(); // absolute frame of each event as the engine applies it
        var output = new MidiEvent[64];
        int next = 0;
        for (long p = 0; p < (t - t0) / PeriodNs + 4; p++)
        {
            long ideal = t0 + (p * PeriodNs);
            long wake = ideal + random.Next(-150_000, 150_000); // ±150 µs of wake-up jitter
            while (next < arrivals.Count && arrivals[next] < wake)
                scheduler.Post(MidiEvent.NoteOn(0, 0, 60, 100, next), arrivals[next++]);
            scheduler.BeginPeriod(wake, Period, Rate);
            int n = scheduler.Take(0, Period, output);
            for (int i = 0; i < n; i++)
                applied.Add((p * Period) + output[i].OffsetFrames);
        }

        Assert.Equal(arrivals.Count, applied.Count);
        for (int i = 1; i < arrivals.Count; i++)
        {
            double expected = (arrivals[i] - arrivals[i - 1]) * (double)Rate / 1e9;
            // Each frame is rounded (±0.5 each), plus what the jitter moved the smoothed period clock in between.
            Assert.InRange(applied[i] - applied[i - 1] - expected, -1.5, 1.5);
        }

        // An event that arrives between an early wake-up and the estimated period start lands before frame 0 and plays at
        // frame 0, late by less than the jitter: rare, counted.
        Assert.InRange(scheduler.LateEvents, 0, 5);
        Assert.Equal(PeriodNs, scheduler.LatencyNanoseconds);
    }

    [Fact]
    public void Events_are_split_across_the_chunks_of_a_period_and_a_late_one_plays_at_once()
    {
        var scheduler = new ArrivalScheduler();
        scheduler.BeginPeriod(0, Period, Rate);
        scheduler.BeginPeriod(PeriodNs, Period, Rate); // the period starting at PeriodNs covers arrivals in [0, PeriodNs)
        scheduler.Post(MidiEvent.NoteOn(0, 0, 60, 100), FrameNs(10));
        scheduler.Post(MidiEvent.NoteOn(0, 0, 61, 100), FrameNs(200));
        var output = new MidiEvent[8];
        Assert.Equal(1, scheduler.Take(0, 128, output));
        Assert.Equal(10, output[0].OffsetFrames);
        Assert.Equal(1, scheduler.Take(128, 128, output));
        Assert.Equal(200 - 128, output[0].OffsetFrames);

        // Arrived long before this period's window (a stalled reader): applied at frame 0, counted.
        scheduler.BeginPeriod(2 * PeriodNs, Period, Rate);
        scheduler.Post(MidiEvent.NoteOn(0, 0, 62, 100), FrameNs(5));
        Assert.Equal(1, scheduler.Take(0, Period, output));
        Assert.Equal(0, output[0].OffsetFrames);
        Assert.Equal(1, scheduler.LateEvents);
    }

    [Fact]
    public void A_full_ring_drops_and_counts_and_taking_allocates_nothing()
    {
        var scheduler = new ArrivalScheduler(capacity: 4);
        for (int i = 0; i < 6; i++)
            scheduler.Post(MidiEvent.NoteOn(0, 0, 60, 100), 0);
        Assert.Equal(2, scheduler.DroppedEvents);

        var output = new MidiEvent[8];
        long time = 0;
        var (bytes, gen0, _, _) = AllocationWindow.Measure(_ =>
        {
            scheduler.Post(MidiEvent.NoteOn(0, 0, 60, 100), time);
            scheduler.BeginPeriod(time, Period, Rate);
            scheduler.Take(0, Period, output);
            time += PeriodNs;
        }, 100, 1000);
        Assert.Equal(0, bytes);
        Assert.Equal(0, gen0);
    }

    private static long FrameNs(int frame) => frame * 1_000_000_000L / Rate;
}
