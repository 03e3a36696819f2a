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
    public void A_note_on_channel_3_sounds_on_ch03_L_as_on_out_1_and_nowhere_else() => XrunRetry.Run(Attempt); // an xrun may drop a period of one capture and not the other

    private static void Attempt(XrunWatch watch)
    {
        const int recordFrames = 24_000;
        using var server = JackServer.Start(128);
        using var host = JackSamplerHost.Start(new JackHostOptions
        {
            ClientName = "sampler", NoStartServer = true, Polyphony = 8, MultiOut = true, EffectsEnabled = false, GainDb = -6,
        });
        watch.Watch(host);
        host.SetInstrument(0, TestInstruments.LoopedSine(server.SampleRate, level: 0.5f));

        Assert.Equal(32, host.ChannelOutputPorts.Count);
        Assert.Equal("sampler:ch01_L", host.ChannelOutputPorts[0]);
        Assert.Equal("sampler:ch03_L", host.ChannelOutputPorts[4]);
        Assert.Equal("sampler:ch16_R", host.ChannelOutputPorts[31]);
        var allPorts = host.ChannelOutputPorts.Concat(host.OutputPorts).ToArray();
        Assert.Equal(allPorts.Length, allPorts.Distinct(StringComparer.Ordinal).Count());

        BusPortCheck.NoteSoundsOnBusAsOnMain(host, host.ChannelOutputPorts[4], host.ChannelOutputPorts[0], 0x92, 60, recordFrames); // note-on, MIDI channel 3
    }
}
