using System.Net;
using System.Net.Sockets;
using MidiSampler.Remote.Osc;
using MidiSampler.Remote.Tests.TestSupport;

namespace MidiSampler.Remote.Tests;

/// <summary>OSC with real UDP packets against <c>midi-sampler play --osc</c>: replies, commands seen through the web status, hostile packets.</summary>
[Collection(RemoteCollection.Name)]
public sealed class OscTests(RemoteRig rig) : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));

    public void Dispose() => _udp.Dispose();

    [Fact]
    public void Status_is_answered_with_the_figures()
    {
        var m = Ask(OscMessage.Create("/ms/status"));
        Assert.Equal("/ms/status", m.Address);
        Assert.Equal("iiffiiff", new string(m.Arguments.Select(a => a.Tag).ToArray()));
        Assert.InRange(m.Arguments[2].AsNumber()!.Value, 0, 1); // DSP load
    }

    [Fact]
    public void Gain_channel_load_and_unload_act_and_are_seen_by_the_web_status()
    {
        var reply = Ask(OscMessage.Create("/ms/gain", -6f));
        Assert.Equal(["/ms/gain", true], [reply.Arguments[0].Value, reply.Arguments[1].Value]);
        Assert.Equal(-6, rig.Get("api/status").GetProperty("gain_db").GetDouble());
        Assert.True((bool)Ask(OscMessage.Create("/ms/gain", 0)).Arguments[1].Value!); // an int works too

        reply = Ask(OscMessage.Create("/ms/load", "high.sfz", 2));
        Assert.True((bool)reply.Arguments[1].Value!, reply.Arguments[2].AsString());
        reply = Ask(OscMessage.Create("/ms/channel", 3, 2));
        Assert.True((bool)reply.Arguments[1].Value!, reply.Arguments[2].AsString());
        rig.WaitForStatus(s => s.GetProperty("channels")[2].GetInt32() == 2, "channel 3 on program 2", 2);
        Assert.True((bool)Ask(OscMessage.Create("/ms/channel", 3, 0)).Arguments[1].Value!);
        Assert.True((bool)Ask(OscMessage.Create("/ms/unload", 2)).Arguments[1].Value!);
        Assert.False((bool)Ask(OscMessage.Create("/ms/unload", 2)).Arguments[1].Value!);
    }

    [Fact]
    public void Escapes_unknown_addresses_and_malformed_packets_get_a_refusal_and_oversized_packets_none()
    {
        var reply = Ask(OscMessage.Create("/ms/load", "../outside/secret.sfz", 4));
        Assert.False((bool)reply.Arguments[1].Value!);
        Assert.Contains("'..' is not allowed", reply.Arguments[2].AsString(), StringComparison.Ordinal);
        reply = Ask(OscMessage.Create("/ms/load", "escape.sfz", 4));
        Assert.Contains("leads outside", reply.Arguments[2].AsString(), StringComparison.Ordinal);

        reply = Ask(OscMessage.Create("/ms/volume", 3));
        Assert.Contains("unknown address", reply.Arguments[2].AsString(), StringComparison.Ordinal);

        reply = AskRaw([(byte)'/', (byte)'m', (byte)'s', 0, (byte)',', (byte)'i', 0, 0]); // an int tag with no int
        Assert.Contains("not OSC", reply.Arguments[2].AsString(), StringComparison.Ordinal);

        // Over 2 KiB: dropped without a word, and the receiver carries on.
        _udp.Send(OscCodec.Write(OscMessage.Create("/ms/load", new string('a', 4000))), new IPEndPoint(IPAddress.Loopback, rig.OscPort));
        _udp.Client.ReceiveTimeout = 500;
        IPEndPoint? from = null;
        Assert.Throws<SocketException>(() => _udp.Receive(ref from));
        Assert.Equal("/ms/status", Ask(OscMessage.Create("/ms/status")).Address);
    }

    private OscMessage Ask(OscMessage message) => AskRaw(OscCodec.Write(message));

    private OscMessage AskRaw(byte[] packet)
    {
        _udp.Client.ReceiveTimeout = 5000;
        _udp.Send(packet, new IPEndPoint(IPAddress.Loopback, rig.OscPort));
        IPEndPoint? from = null;
        return Assert.Single(OscCodec.Read(_udp.Receive(ref from)));
    }
}
