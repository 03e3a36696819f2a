namespace MidiSampler.Jack.Tests.TestSupport;

/// <summary>
/// The check the per-channel (<c>--multi-out</c>) and per-output (<c>--outputs</c>) bus tests share: one held note must
/// sound on its bus port exactly as on the main <c>out_1</c> (same onsets, the same samples at the same JACK frames, at
/// the expected level), while another bus port stays silent and the process callback allocates nothing.
/// </summary>
internal static class BusPortCheck
{
    /// <summary>
    /// Captures <paramref name="busPort"/>, the host's main left output and <paramref name="silentPort"/>, plays the
    /// note-on (<paramref name="status"/>, <paramref name="key"/>, velocity 127, held) and asserts as the summary says.
    /// The host plays a 0.5 sine at -6 dB of gain with effects off.
    /// </summary>
    public static void NoteSoundsOnBusAsOnMain(JackSamplerHost host, string busPort, string silentPort, byte status, byte key, int recordFrames)
    {
        using var sender = new MidiSenderClient("sender", intervalCycles: 1);
        using var bus = new CaptureClient("cap_bus", recordFrames);
        using var main = new CaptureClient("cap_main", recordFrames);
        using var silent = new CaptureClient("cap_silent", recordFrames);
        sender.Client.Connect(sender.OutputPort, host.MidiInputPort);
        bus.Client.Connect(busPort, bus.InputPort);
        main.Client.Connect(host.OutputPorts[0], main.InputPort);
        silent.Client.Connect(silentPort, silent.InputPort);

        WaitFor(() => host.ProcessCycles > 40, "the host did not run"); // JIT tier-up before the probe starts
        host.ResetAllocationProbe();
        bus.StartRecording();
        main.StartRecording();
        silent.StartRecording();
        WaitFor(() => bus.RecordedCycles >= 2 && main.RecordedCycles >= 2 && silent.RecordedCycles >= 2, "capture did not run");
        sender.SendOnce(status, key, 127);
        WaitFor(() => host.GetStats().ActiveVoices == 1, "the note did not start");
        WaitFor(() => bus.Samples().Length == recordFrames && main.Samples().Length == recordFrames && silent.Samples().Length == recordFrames, "the captures did not fill");
        bus.StopRecording();
        main.StopRecording();
        silent.StopRecording();

        long[] busOnsets = bus.Onsets(), mainOnsets = main.Onsets();
        Assert.NotEmpty(busOnsets); // the note's start, then the sine's zero crossings: the same frames on both ports
        Assert.Equal(mainOnsets, busOnsets);

        // Compare the frames both captures hold, aligned on the JACK frame time.
        float[] busSamples = bus.Samples(), mix = main.Samples();
        long from = Math.Max(bus.FirstRecordedFrame, main.FirstRecordedFrame);
        long to = Math.Min(bus.FirstRecordedFrame + busSamples.Length, main.FirstRecordedFrame + mix.Length);
        Assert.True(to - from > recordFrames / 2, "the captures hardly overlap");
        float peak = 0;
        for (long f = from; f < to; f++)
        {
            float b = busSamples[f - bus.FirstRecordedFrame];
            Assert.Equal(mix[f - main.FirstRecordedFrame], b);
            peak = MathF.Max(peak, MathF.Abs(b));
        }

        // Level: a 0.5 sine at full velocity, CC7 100 (GM default, -4.15 dB), centre pan (-3 dB) and -6 dB of gain.
        Assert.InRange(peak, 0.05f, 0.5f * MathF.Pow(10, -6 / 20f) * 1.01f);
        Assert.All(silent.Samples(), x => Assert.Equal(0f, x));
        Assert.Empty(silent.Onsets());
        Assert.Equal(0, host.AudioThreadAllocatedBytes);
    }

    private static void WaitFor(Func<bool> condition, string message)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, message);
            Thread.Sleep(5);
        }
    }
}
