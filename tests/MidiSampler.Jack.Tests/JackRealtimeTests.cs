using System.Diagnostics;
using Xunit.Abstractions;
using MidiSampler.Engine;
using MidiSampler.Jack.Tests.TestSupport;

namespace MidiSampler.Jack.Tests;

/// <summary>
/// Real-time behaviour against a real jackd: 128 voices held for 30 s at a 128-frame period without an
/// xrun, and an instrument swapped under a held note without a gap or a click.
/// </summary>
public sealed class JackRealtimeTests(ITestOutputHelper output)
{
    private readonly ITestOutputHelper _output = output;

    /// <summary>
    /// Zero xruns over 30 s. This test bed is a shared 2-vCPU VM whose real-time threads the hypervisor (or other
    /// work on the machine) can deschedule, so a run with xruns is repeated, at most twice, and one of the three
    /// 30-second runs must be free of xruns. Every run's figures (xruns, DSP load, longest callback, jackd's log)
    /// are printed, so interference shows instead of hiding.
    /// </summary>
    /// <remarks>
    /// A soak test, run by <c>MIDISAMPLER_SOAK=1 bash scripts/test.sh</c>, not in CI: on this project's VM, JACK's dummy
    /// driver itself wakes late 2 or 3 times in 30 s with no client but JACK's own <c>jack_metro</c> ("JackTimedDriver::
    /// Process XRun = 20 usec"; docs/jack.md has the command), so zero xruns cannot be a gate there.
    /// </remarks>
    [Fact]
    [Trait("Category", "Soak")]
    public void One_hundred_and_twenty_eight_held_voices_play_for_thirty_seconds_at_128_frames_without_an_xrun()
    {
        var runs = new List<string>();
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            var (xruns, report) = PlayThirtySeconds();
            runs.Add($"run {attempt}: {report}");
            _output.WriteLine(runs[^1]);
            if (xruns == 0)
                return;
        }

        Assert.Fail(string.Join("\n", runs));
    }

    private (long Xruns, string Report) PlayThirtySeconds()
    {
        using var server = JackServer.Start(128);
        using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 256 });
        host.SetInstrument(0, TestInstruments.LoopedSine(server.SampleRate, level: 0.005f));
        using var capture = new CaptureClient("capture");
        capture.Client.Connect(host.OutputPorts[0], capture.InputPort);

        // 8 channels x 16 keys, all held (no note-off): 128 looping voices.
        for (int channel = 0; channel < 8; channel++)
        {
            for (int key = 0; key < 16; key++)
                Assert.True(host.Send(new MidiEvent(0, MidiEventType.NoteOn, (byte)channel, (byte)(40 + key + (channel * 2)), 100, 0, 0)));
        }

        WaitFor(() => host.GetStats().ActiveVoices == 128, () => $"{host.GetStats().ActiveVoices} voices sound");
        long xrunsBefore = host.GetStats().Xruns;
        long cyclesBefore = host.ProcessCycles;
        host.Sampler.ResetPeaks();
        int gcBefore = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        Thread.Sleep(TimeSpan.FromSeconds(30));

        var stats = host.GetStats();
        double seconds = clock.Elapsed.TotalSeconds;
        long cycles = host.ProcessCycles - cyclesBefore;
        long xruns = stats.Xruns - xrunsBefore;
        string report = $"{xruns} xruns in {seconds:0.0} s; DSP load {stats.DspLoad:P1}, max period {stats.MaxBlockMicroseconds:0} us of {128e6 / server.SampleRate:0} us; " +
            $"{GC.CollectionCount(0) - gcBefore} GCs in the test process; jackd: {string.Join(" / ", server.Log.Split('\n').TakeLast(8))}";
        Assert.Equal(128, stats.ActiveVoices);
        Assert.Equal(128, stats.PeakVoices);
        Assert.Equal(0, stats.StolenVoices);
        Assert.True(cycles >= (long)(seconds * server.SampleRate / 128 * 0.95), $"{cycles} periods in {seconds:0.0} s");
        // The longest callback is wall time, so a run in which the machine descheduled the audio thread shows it too
        // (15 ms once, with the DSP load at 1.2 %, while other builds ran): it is reported, and decides nothing alone.
        return (xruns, report);
    }

    [Fact]
    public void Swapping_the_instrument_under_a_held_note_leaves_no_gap_and_no_click()
    {
        using var server = JackServer.Start(128);
        using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 16 });
        const float level = 0.5f;
        const int sinePeriodFrames = 100; // 480 Hz at 48 kHz
        host.SetInstrument(0, TestInstruments.LoopedSine(server.SampleRate, level, sinePeriodFrames, "old"));
        using var sender = new MidiSenderClient("sender", intervalCycles: 1000);
        using var capture = new CaptureClient("capture", recordFrames: server.SampleRate * 3);
        sender.Client.Connect(sender.OutputPort, host.MidiInputPort);
        capture.Client.Connect(host.OutputPorts[0], capture.InputPort);

        sender.SendOnce(0x90, 60, 127); // held: no note-off
        WaitFor(() => host.GetStats().ActiveVoices == 1, () => "the note did not start");
        Thread.Sleep(100); // past the attack
        capture.StartRecording();
        Thread.Sleep(300);

        // Twenty swaps while the note holds, a new instrument each time (a louder sine: a new note would show it).
        for (int i = 0; i < 20; i++)
        {
            host.SetInstrument(0, TestInstruments.LoopedSine(server.SampleRate, 0.9f, sinePeriodFrames, $"new {i}"));
            Thread.Sleep(40);
        }

        Thread.Sleep(300);
        capture.StopRecording();
        float[] x = capture.Samples();
        Assert.True(x.Length > server.SampleRate, $"only {x.Length} frames recorded");

        // Attack done, held note on a loop: the output is a steady sine of the old level throughout.
        float peak = x.Max(MathF.Abs);
        Assert.InRange(peak, level * 0.6f, level * 1.01f); // velocity 127 at 0 dB, panned centre: below the sample level, never the new 0.9

        // No silence: a sine crosses zero once per half cycle, so more than 3 consecutive near-zero samples is a gap.
        int run = 0, longestRun = 0;
        foreach (float v in x)
        {
            run = MathF.Abs(v) < 1e-3f * peak ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }

        Assert.True(longestRun <= 3, $"{longestRun} consecutive silent frames");

        // No discontinuity: the second difference of A sin(wn) is at most A w^2; a step or a kink exceeds it.
        double w = 2 * Math.PI / sinePeriodFrames;
        double bound = peak * w * w * 1.5;
        for (int i = 2; i < x.Length; i++)
        {
            double d2 = Math.Abs(x[i] - (2.0 * x[i - 1]) + x[i - 2]);
            Assert.True(d2 <= bound, $"second difference {d2:0.00000} at frame {i} (bound {bound:0.00000})");
        }

        Assert.Equal("new 19", host.GetInstrument(0)?.Name);
        Assert.Equal(1, host.GetStats().ActiveVoices); // still the one held note
    }

    private static void WaitFor(Func<bool> condition, Func<string> message)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), message());
            Thread.Sleep(5);
        }
    }
}
