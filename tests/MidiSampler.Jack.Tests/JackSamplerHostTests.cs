using System.Diagnostics;
using MidiSampler.Jack.Tests.TestSupport;

namespace MidiSampler.Jack.Tests;

/// <summary>
/// The JACK host against a real jackd (dummy driver): notes sent by a JACK MIDI client start at
/// exactly the frame they were sent at, the process callback allocates nothing, and a dying server is
/// reported. Sender, sampler and capture are three clients of one server; JACK runs them in graph
/// order within each period, so an event written at frame f of a period is heard at frame f of the
/// same period, and both clients read the same period start from jack_last_frame_time.
/// </summary>
public sealed class JackSamplerHostTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(1024)]
    public void Every_note_starts_at_exactly_the_frame_it_was_sent_and_the_callback_allocates_nothing(int periodFrames) =>
        XrunRetry.Run(watch => Every_note_starts_at_exactly_the_frame_it_was_sent_and_the_callback_allocates_nothingAttempt(periodFrames, watch));

    private static void Every_note_starts_at_exactly_the_frame_it_was_sent_and_the_callback_allocates_nothingAttempt(int periodFrames, XrunWatch watch)
    {
        using var server = JackServer.Start(periodFrames);
        using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 32 });
        watch.Watch(host);
        host.SetInstrument(0, TestInstruments.Click(server.SampleRate));

        // Notes far enough apart that each 32-frame click ends before the next one starts.
        int interval = Math.Max(2, (512 + periodFrames - 1) / periodFrames);
        using var sender = new MidiSenderClient("sender", interval);
        using var capture = new CaptureClient("capture");
        sender.Client.Connect(sender.OutputPort, host.MidiInputPort);
        capture.Client.Connect(host.OutputPorts[0], capture.InputPort);

        WaitForCycles(host, Math.Max(20, server.SampleRate / 4 / periodFrames)); // a quarter second: JIT tier-up and runtime thread set-up happen before the probe starts
        host.ResetAllocationProbe();
        capture.StartRecording();
        WaitFor(() => capture.RecordedCycles >= 2, "capture did not run");
        sender.StartSending();
        long cyclesBefore = host.ProcessCycles;
        Thread.Sleep(TimeSpan.FromSeconds(periodFrames >= 1024 ? 1.5 : 1.0));
        sender.StopSending();
        Thread.Sleep(100 + (3 * periodFrames * 1000 / server.SampleRate));
        capture.StopRecording();

        long[] sent = sender.SentFrames();
        long[] onsets = capture.Onsets();
        Assert.True(sent.Length >= 20, $"only {sent.Length} notes were sent");
        Assert.Equal(sent, onsets); // zero timing error, no missing and no extra onset
        Assert.Contains(sent, f => f % periodFrames == 0);
        Assert.Contains(sent, f => f % periodFrames == periodFrames - 1);
        Assert.All(capture.OnsetLevels(), level => Assert.InRange(level, 0.3f, 1f));

        var stats = host.GetStats();
        Assert.True(host.ProcessCycles - cyclesBefore > 20);
        Assert.Equal(0, host.AudioThreadAllocatedBytes);
        Assert.Equal(0, stats.DroppedEvents);
        Assert.Equal(periodFrames, host.BufferSizeFrames);
    }

    [Fact]
    public void A_killed_server_is_reported_within_two_seconds()
    {
        using var server = JackServer.Start(256);
        using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 8 });
        WaitForCycles(host, 20);

        var clock = Stopwatch.StartNew();
        server.Kill();
        bool reported = host.ShutdownWaitHandle.WaitOne(TimeSpan.FromSeconds(2));

        Assert.True(reported, $"no shutdown reported {clock.ElapsedMilliseconds} ms after the server died");
        Assert.True(host.IsServerShutdown);
        Assert.False(string.IsNullOrWhiteSpace(host.ShutdownReason));

        // Closing a client whose server is gone must not hang the program's exit.
        clock.Restart();
        host.Dispose();
        Assert.True(clock.ElapsedMilliseconds < 1000, $"closing took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Xruns_are_counted_and_a_period_change_keeps_onsets_exact() =>
        XrunRetry.Run(watch => Xruns_are_counted_and_a_period_change_keeps_onsets_exactAttempt(watch));

    private static void Xruns_are_counted_and_a_period_change_keeps_onsets_exactAttempt(XrunWatch watch)
    {
        using var server = JackServer.Start(128);
        using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 8 });
        watch.Watch(host);
        host.SetInstrument(0, TestInstruments.Click(server.SampleRate));
        using var sender = new MidiSenderClient("sender", intervalCycles: 8);
        using var capture = new CaptureClient("capture");
        sender.Client.Connect(sender.OutputPort, host.MidiInputPort);
        capture.Client.Connect(host.OutputPorts[0], capture.InputPort);
        WaitForCycles(host, 20);

        sender.StallOnce(50); // 50 ms in one 2.7 ms period: the server reports an xrun to every client
        WaitFor(() => host.GetStats().Xruns > 0, "no xrun was counted");

        var (exitCode, text) = JackServer.RunTool("jack_bufsize", TimeSpan.FromSeconds(5), "512");
        Assert.True(exitCode == 0, text);
        WaitFor(() => host.BufferSizeFrames == 512, $"the host still thinks the period is {host.BufferSizeFrames}");
        WaitForCycles(host, 10);

        capture.StartRecording();
        WaitFor(() => capture.RecordedCycles >= 2, "capture did not run");
        sender.StartSending();
        Thread.Sleep(800);
        sender.StopSending();
        Thread.Sleep(150);
        capture.StopRecording();

        long[] sent = sender.SentFrames();
        Assert.True(sent.Length >= 5, $"only {sent.Length} notes were sent");
        Assert.Equal(sent, capture.Onsets());
        Assert.Equal(511, sender.MaxOffsetFrames); // notes at the last frame of the new, longer period too
    }

    [Fact]
    public void A_program_change_over_JACK_MIDI_selects_the_instrument_of_that_index() =>
        XrunRetry.Run(watch => A_program_change_over_JACK_MIDI_selects_the_instrument_of_that_indexAttempt(watch));

    private static void A_program_change_over_JACK_MIDI_selects_the_instrument_of_that_indexAttempt(XrunWatch watch)
    {
        using var server = JackServer.Start(256);
        using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 8 });
        watch.Watch(host);
        host.SetInstrument(0, TestInstruments.Click(server.SampleRate, level: 1f, name: "loud"));
        host.SetInstrument(1, TestInstruments.Click(server.SampleRate, level: 0.25f, name: "soft"));
        using var sender = new MidiSenderClient("sender", intervalCycles: 4);
        using var capture = new CaptureClient("capture");
        sender.Client.Connect(sender.OutputPort, host.MidiInputPort);
        capture.Client.Connect(host.OutputPorts[0], capture.InputPort);
        WaitForCycles(host, 10);

        capture.StartRecording();
        WaitFor(() => capture.RecordedCycles >= 2, "capture did not run");
        sender.StartSending();
        WaitFor(() => sender.SentFrames().Length >= 3, "no notes sent");
        sender.StopSending();
        sender.SendProgramChange(1);
        WaitForCycles(host, 4);
        sender.StartSending();
        WaitFor(() => sender.SentFrames().Length >= 6, "no notes sent");
        sender.StopSending();
        WaitForCycles(host, 4);
        capture.StopRecording();

        long[] sent = sender.SentFrames();
        float[] levels = capture.OnsetLevels();
        Assert.Equal(sent, capture.Onsets());
        Assert.All(levels[..3], l => Assert.Equal(levels[0], l, 4));
        Assert.All(levels[3..], l => Assert.Equal(levels[0] * 0.25f, l, 4)); // the same note, now on program 1
    }

    [Fact]
    public void The_console_loads_unloads_sets_gain_and_quits_but_end_of_input_does_not_quit()
    {
        using var server = JackServer.Start(256);
        using var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "sampler", NoStartServer = true, Polyphony = 8 });
        host.SetInstrument(3, TestInstruments.Click(server.SampleRate, name: "three"));
        var output = new StringWriter();
        var console = new JackHostConsole(host, output);

        Assert.False(console.Run(new StringReader("gain -6\nunload 3\nunload 3\nload /nonexistent/x.sfz 2\npanic\nstats\nvoices\nbogus\n")));
        Assert.True(console.Execute("quit"));

        string text = output.ToString();
        Assert.Equal(-6, host.GainDb, 3);
        Assert.Null(host.GetInstrument(3));
        Assert.Contains("program 3 unloaded", text, StringComparison.Ordinal);
        Assert.Contains("program 3 is empty", text, StringComparison.Ordinal);
        Assert.Contains("cannot load", text, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/x.sfz", text, StringComparison.Ordinal);
        Assert.Contains("xruns 0", text, StringComparison.Ordinal);
        Assert.Contains("unknown command 'bogus'", text, StringComparison.Ordinal);
        Assert.Matches(@"^voices +0/8 \| DSP +\d+\.\d% .*\| xruns 0 \| dropped 0$", console.StatusLine());
    }

    [Fact]
    public void No_server_with_no_start_server_gives_a_clear_error()
    {
        NativeEnvironment.Set("JACK_DEFAULT_SERVER", $"mstest-absent-{Environment.ProcessId}");
        NativeEnvironment.Set("JACK_NO_START_SERVER", "1");

        var e = Assert.Throws<JackException>(() => JackSamplerHost.Start(new JackHostOptions { NoStartServer = true }));

        Assert.Contains("midi-sampler", e.Message, StringComparison.Ordinal);
        Assert.Contains("server", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static void WaitForCycles(JackSamplerHost host, long cycles)
    {
        long target = host.ProcessCycles + cycles;
        WaitFor(() => host.ProcessCycles >= target, $"the host processed fewer than {cycles} periods");
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
