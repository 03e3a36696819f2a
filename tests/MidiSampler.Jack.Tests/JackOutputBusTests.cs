using MidiSampler.Jack.Tests.TestSupport;
using MidiSampler.Model;

namespace MidiSampler.Jack.Tests;

/// <summary>
/// <c>--outputs N</c> against a real jackd (dummy driver): a region with SFZ <c>output=3</c> sounds on <c>output03_L</c>
/// exactly as on the main <c>out_1</c> (effects off, so the main mix is the sum of the buses and only that region sounds),
/// starting at the same frame, while output 0's port stays silent and the callback allocates nothing.
/// </summary>
public sealed class JackOutputBusTests
{
    [Fact]
    public void A_region_on_output_3_sounds_on_output03_L_as_on_out_1_and_nowhere_else()
    {
        const int recordFrames = 24_000;
        using var server = JackServer.Start(128);
        using var host = JackSamplerHost.Start(new JackHostOptions
        {
            ClientName = "sampler", NoStartServer = true, Polyphony = 8, Outputs = 4, EffectsEnabled = false, GainDb = -6,
        });
        // A kit of two pieces: key 60 on output 0 (the default), key 72 on output 3.
        var sine = TestInstruments.LoopedSine(server.SampleRate, level: 0.5f).Regions[0];
        host.SetInstrument(0, new Instrument("kit", [
            sine with { LoKey = 60, HiKey = 60 },
            sine with { LoKey = 72, HiKey = 72, PitchKeyCenter = 72, Output = 3 },
        ]));

        Assert.Equal(8, host.OutputBusPorts.Count);
        Assert.Empty(host.ChannelOutputPorts);
        Assert.Equal("sampler:output00_L", host.OutputBusPorts[0]);
        Assert.Equal("sampler:output03_L", host.OutputBusPorts[6]);
        Assert.Equal("sampler:output03_R", host.OutputBusPorts[7]);
        var allPorts = host.OutputBusPorts.Concat(host.OutputPorts).ToArray();
        Assert.Equal(allPorts.Length, allPorts.Distinct(StringComparer.Ordinal).Count());

        using var sender = new MidiSenderClient("sender", intervalCycles: 1);
        using var outputThree = new CaptureClient("cap_out03", recordFrames);
        using var main = new CaptureClient("cap_main", recordFrames);
        using var outputZero = new CaptureClient("cap_out00", recordFrames);
        sender.Client.Connect(sender.OutputPort, host.MidiInputPort);
        outputThree.Client.Connect(host.OutputBusPorts[6], outputThree.InputPort);
        main.Client.Connect(host.OutputPorts[0], main.InputPort);
        outputZero.Client.Connect(host.OutputBusPorts[0], outputZero.InputPort);

        WaitFor(() => host.ProcessCycles > 40, "the host did not run"); // JIT tier-up before the probe starts
        host.ResetAllocationProbe();
        outputThree.StartRecording();
        main.StartRecording();
        outputZero.StartRecording();
        WaitFor(() => outputThree.RecordedCycles >= 2 && main.RecordedCycles >= 2 && outputZero.RecordedCycles >= 2, "capture did not run");
        sender.SendOnce(0x90, 72, 127); // note-on, MIDI channel 1, key 72: the output-3 region, held
        WaitFor(() => host.GetStats().ActiveVoices == 1, "the note did not start");
        WaitFor(() => outputThree.Samples().Length == recordFrames && main.Samples().Length == recordFrames && outputZero.Samples().Length == recordFrames, "the captures did not fill");
        outputThree.StopRecording();
        main.StopRecording();
        outputZero.StopRecording();

        long[] busOnsets = outputThree.Onsets(), mainOnsets = main.Onsets();
        Assert.NotEmpty(busOnsets); // the note's start, then the sine's zero crossings: the same frames on both ports
        Assert.Equal(mainOnsets, busOnsets);

        // Compare the frames both captures hold, aligned on the JACK frame time.
        float[] bus = outputThree.Samples(), mix = main.Samples();
        long from = Math.Max(outputThree.FirstRecordedFrame, main.FirstRecordedFrame);
        long to = Math.Min(outputThree.FirstRecordedFrame + bus.Length, main.FirstRecordedFrame + mix.Length);
        Assert.True(to - from > recordFrames / 2, "the captures hardly overlap");
        float peak = 0;
        for (long f = from; f < to; f++)
        {
            float b = bus[f - outputThree.FirstRecordedFrame];
            Assert.Equal(mix[f - main.FirstRecordedFrame], b);
            peak = MathF.Max(peak, MathF.Abs(b));
        }

        // Level: a 0.5 sine at full velocity, CC7 100 (GM default, -4.15 dB), centre pan (-3 dB) and -6 dB of gain.
        Assert.InRange(peak, 0.05f, 0.5f * MathF.Pow(10, -6 / 20f) * 1.01f);
        Assert.All(outputZero.Samples(), x => Assert.Equal(0f, x));
        Assert.Empty(outputZero.Onsets());
        Assert.Equal(0, host.AudioThreadAllocatedBytes);
    }

    [Fact]
    public void Outputs_and_multi_out_exclude_each_other_and_outputs_are_at_most_16()
    {
        // Checked before any connection to a server.
        Assert.Throws<ArgumentException>(() => JackSamplerHost.Start(new JackHostOptions { NoStartServer = true, MultiOut = true, Outputs = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => JackSamplerHost.Start(new JackHostOptions { NoStartServer = true, Outputs = 17 }));
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
