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
    public void A_region_on_output_3_sounds_on_output03_L_as_on_out_1_and_nowhere_else() => XrunRetry.Run(Attempt); // an xrun may drop a period of one capture and not the other

    private static void Attempt(XrunWatch watch)
    {
        const int recordFrames = 24_000;
        using var server = JackServer.Start(128);
        using var host = JackSamplerHost.Start(new JackHostOptions
        {
            ClientName = "sampler", NoStartServer = true, Polyphony = 8, Outputs = 4, EffectsEnabled = false, GainDb = -6,
        });
        watch.Watch(host);
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

        // Note-on, MIDI channel 1, key 72: the output-3 region, held; output 0 stays silent.
        BusPortCheck.NoteSoundsOnBusAsOnMain(host, host.OutputBusPorts[6], host.OutputBusPorts[0], 0x90, 72, recordFrames);
    }

    [Fact]
    public void Outputs_and_multi_out_exclude_each_other_and_outputs_are_at_most_16()
    {
        // Checked before any connection to a server.
        Assert.Throws<ArgumentException>(() => JackSamplerHost.Start(new JackHostOptions { NoStartServer = true, MultiOut = true, Outputs = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => JackSamplerHost.Start(new JackHostOptions { NoStartServer = true, Outputs = 17 }));
    }
}
