using MidiSampler.Alsa.Tests.TestSupport;
using MidiSampler.Jack.Tests.TestSupport;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Alsa.Tests;

/// <summary>
/// The ALSA host on a paced device: alsa-lib's <c>type file</c> PCM over the JACK PCM plugin on a private dummy jackd,
/// which consumes audio in real time like a sound card and captures every byte written. Songs come through
/// <c>--song</c>'s path (<see cref="AlsaHostOptions.Song"/>), so every expected onset is known to the frame.
/// </summary>
public sealed class AlsaPacedOutputTests
{
    private const int Rate = 48_000;
    private const int Period = 256;

    [Fact]
    public void Notes_of_a_song_keep_their_spacing_to_the_frame_and_the_audio_thread_allocates_nothing()
    {
        using var server = JackServer.Start(periodFrames: Period, sampleRate: Rate, family: "midisampler-alsa");
        AlsaRig.Use();
        // Gaps of 97, 61 and 133 ticks: 4,850, 3,050 and 6,650 frames, none a multiple of the period.
        long[] ticks = [10, 107, 168, 301];
        using var host = AlsaSamplerHost.Start(new AlsaHostOptions { Device = "ms_jack_song", PeriodFrames = Period, Periods = 3, SampleRate = Rate, Song = Songs.Clicks(ticks) });
        host.SetInstrument(0, TestInstruments.Click(Rate));
        host.ResetAllocationProbe();
        host.StartSong();
        Assert.True(host.SongEndedWaitHandle.WaitOne(TimeSpan.FromSeconds(15)), "the song did not end");
        long allocated = host.AudioThreadAllocatedBytes;
        var grant = host.Grant;
        host.Stop();

        Assert.Equal("FLOAT_LE", grant.Format); // the JACK plugin takes float only
        Assert.Equal(Period, grant.PeriodFrames);
        var onsets = Captures.Onsets(Captures.LeftFloat(AlsaRig.Capture("ms_jack_song")));
        Assert.Equal(ticks.Length, onsets.Count);
        for (int i = 1; i < ticks.Length; i++)
            Assert.Equal((ticks[i] - ticks[0]) * Songs.FramesPerTick, onsets[i] - onsets[0]);

        // The song starts at a period boundary: its first note is exactly 10 ticks into a period grid.
        Assert.Equal(0, (onsets[0] - (ticks[0] * Songs.FramesPerTick)) % Period);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_held_note_sounds_at_its_pitch()
    {
        using var server = JackServer.Start(periodFrames: Period, sampleRate: Rate, family: "midisampler-alsa");
        AlsaRig.Use();
        // The sine is 100 frames per cycle (480 Hz) at key 60; key 72 is an octave up.
        using var host = AlsaSamplerHost.Start(new AlsaHostOptions { Device = "ms_jack_pitch", PeriodFrames = Period, Periods = 3, SampleRate = Rate, Song = Songs.Note(72, 4, 480) });
        host.SetInstrument(0, TestInstruments.LoopedSine(Rate));
        host.StartSong();
        Assert.True(host.SongEndedWaitHandle.WaitOne(TimeSpan.FromSeconds(15)), "the song did not end");
        host.Stop();

        var left = Captures.LeftFloat(AlsaRig.Capture("ms_jack_pitch"));
        int onset = Captures.Onsets(left)[0];
        double hz = Signals.Frequency(left, Rate, onset + 2_400, onset + 19_200);
        Assert.InRange(Signals.Cents(hz, 960.0), -1, 1); // cents
    }

    [Fact]
    public void An_audio_thread_made_late_causes_underruns_that_are_recovered_counted_and_playing_goes_on()
    {
        using var server = JackServer.Start(periodFrames: Period, sampleRate: Rate, family: "midisampler-alsa");
        AlsaRig.Use();
        long[] ticks = [10, 200, 390, 580, 770, 960];
        // Every 30th period the thread sleeps 60 ms: longer than the 16 ms buffer, so the device runs dry.
        using var host = AlsaSamplerHost.Start(new AlsaHostOptions
        {
            Device = "ms_jack_xrun", PeriodFrames = Period, Periods = 3, SampleRate = Rate, Song = Songs.Clicks(ticks),
            StallEveryPeriods = 30, StallMilliseconds = 60,
        });
        host.SetInstrument(0, TestInstruments.Click(Rate));
        host.StartSong();
        Assert.True(host.SongEndedWaitHandle.WaitOne(TimeSpan.FromSeconds(20)), "the song did not end after the underruns");
        host.Stop();

        Assert.True(host.Xruns >= 2, $"expected underruns, counted {host.Xruns}");
        Assert.Equal(host.Xruns, host.GetStats().Xruns);
        Assert.Null(host.ShutdownReason);
        // What was written is intact and in time: the underruns lost playing time, never samples or their order.
        var onsets = Captures.Onsets(Captures.LeftFloat(AlsaRig.Capture("ms_jack_xrun")));
        Assert.Equal(ticks.Length, onsets.Count);
        for (int i = 1; i < ticks.Length; i++)
            Assert.Equal((ticks[i] - ticks[0]) * Songs.FramesPerTick, onsets[i] - onsets[0]);
    }
}
