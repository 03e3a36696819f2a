using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using MidiSampler.Jack.Tests.TestSupport;
using MidiSampler.Remote.Osc;
using MidiSampler.Remote.Tests.TestSupport;

namespace MidiSampler.Remote.Tests;

/// <summary>
/// The per-channel meters end to end: a JACK MIDI client plays a held note on channel 3 into <c>midi-sampler play</c>
/// on the dummy jackd; the JSON API, the live WebSocket and OSC show channel 3 at the level that note has in the output,
/// and the channels nothing plays on as silent.
/// </summary>
[Collection(RemoteCollection.Name)]
public sealed class ChannelMeterTests(RemoteRig rig)
{
    private const int Channel3 = 2;

    [Fact]
    public async Task A_note_on_channel_3_shows_on_its_meter_at_the_expected_level_and_silent_channels_read_silence()
    {
        using var sender = new MidiSenderClient("meter-sender", intervalCycles: int.MaxValue, key: 69);
        var (rc, text) = JackServer.RunTool("jack_connect", TimeSpan.FromSeconds(5), sender.OutputPort, $"{RemoteRig.Client}:midi_in");
        Assert.True(rc == 0, "jack_connect: " + text);
        sender.SendOnce(0x92, 69, 127); // note on, channel 3, held until the end
        RemoteRig.Wait(() => sender.OneShotSent, "the note on was not sent");
        try
        {
            // The rig's instrument is a 0.25 sine (−12.04 dBFS) played at its key centre; velocity 127 is 0 dB, CC7 at its
            // GM default of 100 is 40·log10(100/127) = −4.15 dB, centre pan is unity; then the master gain.
            JsonElement meters = default;
            RemoteRig.Wait(() => (meters = rig.Get("api/meters")).ValueKind == JsonValueKind.Object && Db(meters, "peak_db", Channel3) > -60, $"channel 3's meter never moved: {meters}", 5);
            Thread.Sleep(1500); // the RMS average (0.3 s time constant) settles within a part in 100
            double gainDb = rig.Get("api/status").GetProperty("gain_db").GetDouble();
            double expectedDb = (20 * Math.Log10(0.25)) + (40 * Math.Log10(100 / 127.0)) + gainDb;
            meters = rig.Get("api/meters");
            Assert.InRange(Db(meters, "peak_db", Channel3), expectedDb - 1, expectedDb + 1);
            Assert.InRange(Db(meters, "rms_db", Channel3), expectedDb - 3.01 - 1, expectedDb - 3.01 + 1); // a sine's RMS
            Assert.InRange(Db(meters, "hold_db", Channel3), expectedDb - 1, expectedDb + 1);
            for (int c = 0; c < 16; c++)
            {
                if (c is 0 or Channel3)
                    continue; // channel 1 has the rig's sequencer loop
                Assert.Equal(ChannelMeters.FloorDb, Db(meters, "peak_db", c));
                Assert.Equal(ChannelMeters.FloorDb, Db(meters, "rms_db", c));
            }

            // The status carries the same meters, the live WebSocket streams them, OSC answers them.
            Assert.InRange(Db(rig.Get("api/status").GetProperty("meters"), "peak_db", Channel3), expectedDb - 1, expectedDb + 1);
            using (var ws = new System.Net.WebSockets.ClientWebSocket())
            {
                await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{rig.WebPort}/api/live"), CancellationToken.None);
                var buffer = new byte[16384];
                int seen = 0;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (seen < 3 && clock.Elapsed < TimeSpan.FromSeconds(5))
                {
                    var r = await ws.ReceiveAsync(buffer, CancellationToken.None);
                    var m = JsonDocument.Parse(buffer.AsMemory(0, r.Count)).RootElement;
                    if (m.GetProperty("type").GetString() == "meters")
                    {
                        Assert.InRange(Db(m.GetProperty("data"), "peak_db", Channel3), expectedDb - 1, expectedDb + 1);
                        seen++;
                    }
                }

                // Three meter messages within 5 s, while the status comes every 500 ms: the meters come faster.
                Assert.True(seen == 3, $"{seen} meter messages in {clock.Elapsed.TotalSeconds:0.0} s");
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.2), $"3 meter messages took {clock.Elapsed.TotalSeconds:0.0} s");
            }

            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            udp.Client.ReceiveTimeout = 5000;
            udp.Send(OscCodec.Write(OscMessage.Create("/ms/meters")), new IPEndPoint(IPAddress.Loopback, rig.OscPort));
            IPEndPoint? from = null;
            var osc = Assert.Single(OscCodec.Read(udp.Receive(ref from)));
            Assert.Equal("/ms/meters", osc.Address);
            Assert.Equal(new string('f', 32), new string(osc.Arguments.Select(a => a.Tag).ToArray()));
            Assert.InRange(osc.Arguments[Channel3].AsNumber()!.Value, expectedDb - 1, expectedDb + 1);
            Assert.InRange(osc.Arguments[16 + Channel3].AsNumber()!.Value, expectedDb - 3.01 - 1, expectedDb - 3.01 + 1);
            Assert.Equal(ChannelMeters.FloorDb, osc.Arguments[5].AsNumber()!.Value);
        }
        finally
        {
            sender.SendOnce(0x82, 69, 0);
            RemoteRig.Wait(() => sender.OneShotSent, "the note off was not sent");
        }

        // Released: channel 3 falls back to silence (the peak falls at 20 dB/s once the release is over).
        RemoteRig.Wait(() => Db(rig.Get("api/meters"), "peak_db", Channel3) < -60, "channel 3 never fell silent after its note off", 8);
    }

    private static double Db(JsonElement meters, string name, int channel) => meters.GetProperty(name)[channel].GetDouble();
}
