using System.Diagnostics;
using MidiSampler.Engine;
using MidiSampler.Formats.Midi;
using MidiSampler.Hosting;
using MidiSampler.Jack.Tests.TestSupport;
using MidiSampler.Realtime;

namespace MidiSampler.Jack.Tests;

/// <summary>
/// The JACK host's other two event sources: a song (<c>play --song</c>), and live events stamped on arrival (the ALSA
/// sequencer input with JACK audio, <c>--midi alsa</c>), here posted by a test thread as the sequencer reader would.
/// </summary>
public sealed class JackSongAndArrivalTests
{
    // Both repeat on an xrun (XrunRetry): a late period shifts a capture's frames or an arrival's placement.
    [Fact]
    public void A_song_plays_through_the_jack_client_with_every_note_at_its_frame() => XrunRetry.Run(watch =>
    {
        using var server = JackServer.Start(256);
        long[] ticks = [10, 107, 168, 301]; // 50 frames a tick at 120 BPM, 480 ticks per quarter, 48 kHz
        var writer = new MidiFileWriter(0, 480);
        int track = writer.AddTrack();
        foreach (long t in ticks)
            writer.AddNote(track, t, 2, 0, 60, 100);
        writer.SetEndOfTrack(track, 320);
        var song = MidiFile.Read(writer.ToArray(), "clicks.mid");

        using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 32, Song = song });
        watch.Watch(host);
        host.SetInstrument(0, TestInstruments.Click(server.SampleRate));
        using var capture = new CaptureClient("capture", recordFrames: server.SampleRate * 3);
        capture.Client.Connect(host.OutputPorts[0], capture.InputPort);
        capture.StartRecording();
        WaitUntil(() => capture.RecordedCycles >= 2);
        host.StartSong();
        Assert.True(host.SongEndedWaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "the song did not end");
        capture.StopRecording();

        long[] onsets = capture.Onsets();
        Assert.Equal(ticks.Length, onsets.Length);
        for (int i = 1; i < ticks.Length; i++)
            Assert.Equal((ticks[i] - ticks[0]) * 50, onsets[i] - onsets[0]);
    });

    [Fact]
    public void Events_stamped_on_arrival_keep_their_spacing_on_a_jack_client() => XrunRetry.Run(watch =>
    {
        using var server = JackServer.Start(256);
        var live = new ArrivalScheduler();
        using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 32, LiveMidi = live });
        watch.Watch(host);
        host.SetInstrument(0, TestInstruments.Click(server.SampleRate));
        using var capture = new CaptureClient("capture", recordFrames: server.SampleRate * 3);
        capture.Client.Connect(host.OutputPorts[0], capture.InputPort);
        capture.StartRecording();
        WaitUntil(() => capture.RecordedCycles >= 100); // the period clock settles

        // Posted from this thread at irregular moments, each stamped with the clock as the sequencer reader does.
        var stamps = new List<long>();
        long next = RealtimeClock.NowNanoseconds() + 20_000_000;
        int[] gapsUs = [23_417, 7_003, 61_111, 12_345, 40_000, 9_876];
        foreach (int gap in gapsUs.Append(0))
        {
            RealtimeClock.SleepUntil(next);
            long now = RealtimeClock.NowNanoseconds();
            live.Post(MidiEvent.NoteOn(0, 0, 60, 100), now);
            stamps.Add(now);
            next += gap * 1000L;
        }

        Thread.Sleep(200);
        capture.StopRecording();
        long[] onsets = capture.Onsets();
        Assert.Equal(stamps.Count, onsets.Length);
        for (int i = 1; i < stamps.Count; i++)
        {
            double expected = (stamps[i] - stamps[i - 1]) * server.SampleRate / 1e9;
            // Within 2 ms, not rounded to the 256-frame period: the dummy driver's periods are themselves timed by a sleeping
            // thread, so on a loaded machine its frames drift from wall time by up to a millisecond or so. The exactness
            // of the placement is ArrivalSchedulerTests' (synthetic wake-up jitter); with a sound card the frames are the card's.
            Assert.InRange(onsets[i] - onsets[i - 1] - expected, -96, 96);
        }
    });

    private static void WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "timed out");
            Thread.Sleep(5);
        }
    }
}
