using MidiSampler.Jack.Tests.TestSupport;

namespace MidiSampler.Jack.Tests;

/// <summary>
/// <c>--multi-out</c> against a real jackd (dummy driver): a note on MIDI channel 3 sounds on <c>ch03_L</c> exactly as
/// on the main <c>out_1</c> (effects off, so the main mix is the sum of the buses and only channel 3 sounds), starting
/// at the same frame, while another channel's port stays silent and the callback allocates nothing.
/// </summary>
public sealed class JackMultiOutTests
{
    [Fact]
    public void A_note_on_channel_3_sounds_on_ch03_L_as_on_out_1_and_nowhere_else()
    {
        const int recordFrames = 24_000;
        using var server = JackServer.Start(128);
        using var host = JackSamplerHost.Start(new JackHostOptions
        {
            ClientName = "sampler", NoStartServer = true, Polyphony = 8, MultiOut = true, EffectsEnabled = false, GainDb = -6,
        });
        host.SetInstrument(0, TestInstruments.LoopedSine(server.SampleRate, level: 0.5f));

        Assert.Equal(32, host.ChannelOutputPorts.Count);
        Assert.Equal("sampler:ch01_L", host.ChannelOutputPorts[0]);
        Assert.Equal("sampler:ch03_L", host.ChannelOutputPorts[4]);
        Assert.Equal("sampler:ch16_R", host.ChannelOutputPorts[31]);
        var allPorts = host.ChannelOutputPorts.Concat(host.OutputPorts).ToArray();
        Assert.Equal(allPorts.Length, allPorts.Distinct(StringComparer.Ordinal).Count());

        using var sender = new MidiSenderClient("sender", intervalCycles: 1);
        using var channelThree = new CaptureClient("cap_ch03", recordFrames);
        using var main = new CaptureClient("cap_main", recordFrames);
        using var channelOne = new CaptureClient("cap_ch01", recordFrames);
        sender.Client.Connect(sender.OutputPort, host.MidiInputPort);
        channelThree.Client.Connect(host.ChannelOutputPorts[4], channelThree.InputPort);
        main.Client.Connect(host.OutputPorts[0], main.InputPort);
        channelOne.Client.Connect(host.ChannelOutputPorts[0], channelOne.InputPort);

        WaitFor(() => host.ProcessCycles > 40, "the host did not run"); // JIT tier-up before the probe starts
        host.ResetAllocationProbe();
        channelThree.StartRecording();
        main.StartRecording();
        channelOne.StartRecording();
        WaitFor(() => channelThree.RecordedCycles >= 2 && main.RecordedCycles >= 2 && channelOne.RecordedCycles >= 2, "capture did not run");
        sender.SendOnce(0x92, 60, 127); // note-on, MIDI channel 3, held
        WaitFor(() => host.GetStats().ActiveVoices == 1, "the note did not start");
        WaitFor(() => channelThree.Samples().Length == recordFrames && main.Samples().Length == recordFrames && channelOne.Samples().Length == recordFrames, "the captures did not fill");
        channelThree.StopRecording();
        main.StopRecording();
        channelOne.StopRecording();

        long[] busOnsets = channelThree.Onsets(), mainOnsets = main.Onsets();
        Assert.NotEmpty(busOnsets); // the note's start, then the sine's zero crossings: the same frames on both ports
        Assert.Equal(mainOnsets, busOnsets);

        // Compare the frames both captures hold, aligned on the JACK frame time.
        float[] bus = channelThree.Samples(), mix = main.Samples();
        long from = Math.Max(channelThree.FirstRecordedFrame, main.FirstRecordedFrame);
        long to = Math.Min(channelThree.FirstRecordedFrame + bus.Length, main.FirstRecordedFrame + mix.Length);
        Assert.True(to - from > recordFrames / 2, "the captures hardly overlap");
        float peak = 0;
        for (long f = from; f < to; f++)
        {
            float b = bus[f - channelThree.FirstRecordedFrame];
            Assert.Equal(mix[f - main.FirstRecordedFrame], b);
            peak = MathF.Max(peak, MathF.Abs(b));
        }

        // Level: a 0.5 sine at full velocity, CC7 100 (GM default, -4.15 dB), centre pan (-3 dB) and -6 dB of gain.
        Assert.InRange(peak, 0.05f, 0.5f * MathF.Pow(10, -6 / 20f) * 1.01f);
        Assert.All(channelOne.Samples(), x => Assert.Equal(0f, x));
        Assert.Empty(channelOne.Onsets());
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
