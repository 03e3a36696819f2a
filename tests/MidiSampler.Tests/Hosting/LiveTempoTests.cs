using MidiSampler.Hosting;

namespace MidiSampler.Tests.Hosting;

/// <summary>The live hosts' tempo: JACK transport BBT, else MIDI clock, else the song, else 120 BPM.</summary>
public sealed class LiveTempoTests
{
    [Theory]
    [InlineData(90.0, 130.0, 70.0, 90.0)]
    [InlineData(double.NaN, 130.0, 70.0, 130.0)]
    [InlineData(0.0, double.NaN, 70.0, 70.0)]
    [InlineData(double.NaN, double.NaN, double.NaN, 120.0)]
    [InlineData(double.PositiveInfinity, -5.0, double.NaN, 120.0)]
    public void The_first_usable_source_wins(double transport, double clock, double song, double expected) =>
        Assert.Equal(expected, LiveTempo.Choose(transport, clock, song));

    [Theory]
    [InlineData(60)]
    [InlineData(120)]
    [InlineData(173.5)]
    public void A_steady_clock_gives_its_tempo(double bpm)
    {
        const int rate = 48_000;
        var clock = new MidiClockTempo();
        double framesPerTick = 60.0 * rate / (bpm * MidiClockTempo.TicksPerQuarter);
        long frame = 0;
        for (int i = 0; i < 100; i++)
            clock.Tick(frame = (long)Math.Round(1_000_000 + (i * framesPerTick)));

        Assert.True(clock.TryGetTempo(frame + 10, rate, out double measured));
        Assert.Equal(bpm, measured, 0.05);
    }

    [Fact]
    public void A_jittery_clock_averages_over_a_beat_and_a_stopped_one_stops_counting()
    {
        const int rate = 48_000;
        var clock = new MidiClockTempo();
        var random = new Random(7);
        long frame = 0;
        for (int i = 0; i < 48; i++)
            clock.Tick(frame = (i * 1000) + random.Next(-100, 101)); // 120 BPM, ±2 ms of jitter per tick

        Assert.True(clock.TryGetTempo(frame, rate, out double bpm));
        Assert.InRange(bpm, 119, 121);
        Assert.False(clock.TryGetTempo(frame + rate, rate, out _)); // a second without a tick: stopped
        var fresh = new MidiClockTempo();
        fresh.Tick(5);
        Assert.False(fresh.TryGetTempo(6, rate, out _)); // one tick is no tempo yet
    }

    [Fact]
    public void The_arrival_scheduler_publishes_the_tempo_of_clock_ticks_posted_by_the_input_thread()
    {
        // The ALSA sequencer's reader posts SND_SEQ_EVENT_CLOCK arrivals (CLOCK_MONOTONIC); the audio thread reads the tempo.
        var scheduler = new ArrivalScheduler();
        const long tickNs = 60_000_000_000L / (96 * MidiClockTempo.TicksPerQuarter); // 96 BPM
        long now = 5_000_000_000;
        Assert.True(double.IsNaN(scheduler.ClockTempoBpm(now)));
        for (int i = 0; i < 30; i++)
            scheduler.PostClock(now += tickNs);

        Assert.Equal(96, scheduler.ClockTempoBpm(now + 1_000_000), 0.001);
        Assert.True(double.IsNaN(scheduler.ClockTempoBpm(now + 600_000_000))); // 0.6 s without a tick
    }
}
