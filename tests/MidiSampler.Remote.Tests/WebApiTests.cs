using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using MidiSampler.Remote.Tests.TestSupport;

namespace MidiSampler.Remote.Tests;

/// <summary>The JSON API and its WebSocket over real HTTP, against <c>midi-sampler play --web</c> on a dummy jackd.</summary>
[Collection(RemoteCollection.Name)]
public sealed class WebApiTests(RemoteRig rig)
{
    [Fact]
    public void Status_shows_the_sounding_voice_the_callback_histogram_and_memory_and_the_library_lists_only_instruments_inside()
    {
        var status = rig.WaitForStatus(s => s.GetProperty("voices").GetInt32() >= 1, "the held note", 7);
        Assert.True(status.GetProperty("connected").GetBoolean());
        Assert.Equal("JACK", status.GetProperty("backend").GetString());
        Assert.Equal(RemoteRig.Client, status.GetProperty("client").GetString());
        Assert.Equal(256, status.GetProperty("period_frames").GetInt32());
        long periods = status.GetProperty("periods").GetInt64();
        long counted = status.GetProperty("callback_histogram").GetProperty("counts").EnumerateArray().Sum(c => c.GetInt64());
        Assert.InRange(counted, periods / 2, periods + 1000); // every period so far is in the histogram (a few more since)
        Assert.InRange(status.GetProperty("late_callbacks").GetInt64(), 0, counted); // this program's own late periods
        Assert.True(status.GetProperty("memory").GetProperty("working_set_bytes").GetInt64() > 10_000_000);
        Assert.True(status.GetProperty("midi").GetProperty("messages").GetInt64() >= 1);

        var library = rig.Get("api/library");
        var files = library.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList();
        Assert.Contains("low.sfz", files);
        Assert.Contains("high.sfz", files);
        Assert.Contains("sine.wav", files);
        Assert.DoesNotContain("notes.txt", files);
        Assert.DoesNotContain("escape.sfz", files);
        Assert.DoesNotContain(files, f => f!.StartsWith("elsewhere", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Load_switch_a_channel_reload_unload_and_panic_with_live_updates_over_the_WebSocket()
    {
        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{rig.WebPort}/api/live"), CancellationToken.None);
        var first = await Receive(ws);
        Assert.Equal("programs", first.GetProperty("type").GetString());

        var (code, body) = rig.Post("api/load", new { path = "high.sfz", program = 1 });
        Assert.True(code == HttpStatusCode.OK, body.ToString());
        Assert.Equal(1, body.GetProperty("program").GetInt32());
        var programs = await ReceiveUntil(ws, m => m.GetProperty("type").GetString() == "programs"
            && m.GetProperty("data").GetProperty("slots").EnumerateArray().Any(s => s.GetProperty("program").GetInt32() == 1 && s.GetProperty("name").GetString() == "high"));
        Assert.Equal(2, programs.GetProperty("data").GetProperty("slots").GetArrayLength());

        (code, body) = rig.Post("api/channel", new { channel = 1, program = 1 });
        Assert.True(code == HttpStatusCode.OK, body.ToString());
        await ReceiveUntil(ws, m => m.GetProperty("type").GetString() == "status" && m.GetProperty("data").GetProperty("channels")[0].GetInt32() == 1);

        Assert.Equal(HttpStatusCode.OK, rig.Post("api/reload", new { program = 1 }).Status);
        Assert.Equal(HttpStatusCode.NotFound, rig.Post("api/reload", new { program = 9 }).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rig.Post("api/channel", new { channel = 1, program = 9 }).Status); // empty slot: refused
        Assert.Equal(HttpStatusCode.BadRequest, rig.Post("api/channel", new { channel = "one" }).Status);

        // Panic: the held note's voice is gone at the next periods (the sequencer does not play it again for 10 s).
        rig.WaitForStatus(s => s.GetProperty("voices").GetInt32() >= 1, "the held note before the panic", 7);
        (code, body) = rig.Post("api/panic", new { });
        Assert.True(code == HttpStatusCode.OK, body.ToString());
        await ReceiveUntil(ws, m => m.GetProperty("type").GetString() == "status" && m.GetProperty("data").GetProperty("voices").GetInt32() == 0);

        (code, _) = rig.Post("api/channel", new { channel = 1, program = 0 });
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(HttpStatusCode.OK, rig.Post("api/unload", new { program = 1 }).Status);
        Assert.Equal(HttpStatusCode.NotFound, rig.Post("api/unload", new { program = 1 }).Status);
        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public void The_MIDI_monitor_shows_the_sequencer_note_and_a_panic_in_order()
    {
        JsonElement midi = default;
        RemoteRig.Wait(
            () => (midi = rig.Get("api/midi")).GetProperty("events").EnumerateArray().Any(e => e.GetProperty("type").GetString() == "note on" && e.GetProperty("data1").GetInt32() == 69),
            $"no note on 69 in the monitor: {midi}",
            7);
        var note = midi.GetProperty("events").EnumerateArray().Last(e => e.GetProperty("type").GetString() == "note on");
        Assert.Equal(1, note.GetProperty("channel").GetInt32());
        Assert.True(note.GetProperty("data2").GetInt32() > 0);

        long latest = midi.GetProperty("latest").GetInt64();
        Assert.Equal(HttpStatusCode.OK, rig.Post("api/panic", new { }).Status);
        RemoteRig.Wait(() => (midi = rig.Get($"api/midi?since={latest}")).GetProperty("events").EnumerateArray().Any(e => e.GetProperty("type").GetString() == "panic"), $"no panic after {latest}: {midi}", 3);
        Assert.All(midi.GetProperty("events").EnumerateArray(), e => Assert.True(e.GetProperty("seq").GetInt64() > latest));
        Assert.Equal(0, midi.GetProperty("dropped").GetInt64());
    }

    [Fact]
    public void The_check_report_is_the_check_commands_json()
    {
        var check = rig.Get("api/check");
        var checks = check.GetProperty("checks").EnumerateArray().ToList();
        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.Contains(c.GetProperty("status").GetString(), new[] { "ok", "warning", "failure", "not-applicable" }));
        Assert.Contains(checks, c => c.GetProperty("id").GetString()!.Contains("rtprio", StringComparison.OrdinalIgnoreCase) || c.GetProperty("id").GetString()!.Contains("limits", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Gain_round_trips_and_bad_values_are_refused()
    {
        Assert.Equal(HttpStatusCode.OK, rig.Post("api/gain", new { db = -3.5 }).Status);
        Assert.Equal(-3.5, rig.Get("api/status").GetProperty("gain_db").GetDouble());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rig.Post("api/gain", new { db = 99 }).Status);
        Assert.Equal(HttpStatusCode.BadRequest, rig.Post("api/gain", new { }).Status);
        Assert.Equal(HttpStatusCode.OK, rig.Post("api/gain", new { db = 0 }).Status);
    }

    [Theory]
    [InlineData("../outside/secret.sfz")]
    [InlineData("escape.sfz")]
    [InlineData("elsewhere/secret.sfz")]
    [InlineData("/etc/passwd")]
    [InlineData("notes.txt")]
    public void Loading_outside_the_library_or_through_an_escaping_link_is_403(string path)
    {
        var (code, body) = rig.Post("api/load", new { path, program = 5 });
        Assert.True(code == HttpStatusCode.Forbidden, $"{path}: {(int)code} {body}");
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.DoesNotContain(rig.Get("api/programs").GetProperty("slots").EnumerateArray(), s => s.GetProperty("program").GetInt32() == 5);
    }

    [Fact]
    public async Task Oversized_bodies_wrong_content_types_foreign_hosts_and_origins_are_refused()
    {
        // Over 16 KiB: refused from the declared length, and when sent chunked with no length, once 16 KiB are read.
        // (Raw sockets: an HTTP client still sending the body would see the refusal as a reset connection.)
        Assert.StartsWith("HTTP/1.1 413", RawHttp("POST /api/load HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n"), StringComparison.Ordinal);
        string chunk = new('a', 20_000);
        Assert.StartsWith("HTTP/1.1 413", RawHttp($"POST /api/load HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{chunk.Length:x}\r\n{chunk}\r\n0\r\n\r\n"), StringComparison.Ordinal);
        using (var form = new StringContent("db=3", Encoding.UTF8, "application/x-www-form-urlencoded"))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await rig.Http.PostAsync("api/gain", form)).StatusCode);
        using (var emptyForm = new StringContent("", Encoding.UTF8, "application/x-www-form-urlencoded"))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await rig.Http.PostAsync("api/panic", emptyForm)).StatusCode);

        // DNS rebinding: a name that resolves to 127.0.0.1 but is not ours.
        using (var rebound = new HttpRequestMessage(HttpMethod.Get, "api/status"))
        {
            rebound.Headers.Host = "attacker.example";
            Assert.Equal(HttpStatusCode.MisdirectedRequest, (await rig.Http.SendAsync(rebound)).StatusCode);
        }

        // Another site's page in the user's browser.
        using (var foreign = new HttpRequestMessage(HttpMethod.Post, "api/panic") { Content = new StringContent("{}", Encoding.UTF8, "application/json") })
        {
            foreign.Headers.Add("Origin", "http://attacker.example");
            Assert.Equal(HttpStatusCode.Forbidden, (await rig.Http.SendAsync(foreign)).StatusCode);
        }

        // Another site's page opening the live WebSocket (cross-site WebSocket hijacking).
        using (var hijack = new ClientWebSocket())
        {
            hijack.Options.SetRequestHeader("Origin", "http://attacker.example");
            var e = await Assert.ThrowsAsync<WebSocketException>(() => hijack.ConnectAsync(new Uri($"ws://127.0.0.1:{rig.WebPort}/api/live"), CancellationToken.None));
            Assert.Contains("403", e.Message, StringComparison.Ordinal);
        }

        // A huge header: Kestrel's own limit.
        using (var headers = new HttpRequestMessage(HttpMethod.Get, "api/status"))
        {
            headers.Headers.Add("X-Big", new string('h', 20_000));
            Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, (await rig.Http.SendAsync(headers)).StatusCode);
        }
    }

    [Fact]
    public void Bound_to_127_0_0_1_it_cannot_be_reached_on_any_other_address()
    {
        var others = new List<IPAddress> { IPAddress.Parse("127.0.0.2") }; // loopback too, but not the address it was told
        others.AddRange(System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)));
        foreach (var address in others)
        {
            using var client = new TcpClient();
            var e = Assert.Throws<SocketException>(() => client.Connect(address, rig.WebPort));
            Assert.Equal(SocketError.ConnectionRefused, e.SocketErrorCode);
        }

        // Nor on the IPv6 loopback (refused, or no IPv6 at all here: either way nothing answers).
        using (var v6 = new TcpClient(AddressFamily.InterNetworkV6))
            Assert.Throws<SocketException>(() => v6.Connect(IPAddress.IPv6Loopback, rig.WebPort));

        // OSC (UDP, bound to 127.0.0.1 as well): a status request sent to the same port on the other addresses gets no answer.
        using (var udp = new UdpClient(new IPEndPoint(IPAddress.Any, 0)))
        {
            udp.Client.ReceiveTimeout = 500;
            foreach (var address in others)
            {
                udp.Send(MidiSampler.Remote.Osc.OscCodec.Write(MidiSampler.Remote.Osc.OscMessage.Create("/ms/status")), new IPEndPoint(address, rig.OscPort));
                IPEndPoint? from = null;
                Assert.Throws<SocketException>(() => udp.Receive(ref from)); // a timeout, or the port-unreachable ICMP
            }
        }

        using var ok = new TcpClient();
        ok.Connect(IPAddress.Loopback, rig.WebPort); // and it does listen where it was told
    }

    [Fact]
    public async Task A_flood_of_requests_is_rate_limited_with_429()
    {
        int limited = 0;
        for (int i = 0; i < 300 && limited == 0; i++)
        {
            using var r = await rig.Http.GetAsync("api/programs");
            if (r.StatusCode == HttpStatusCode.TooManyRequests)
                limited++;
        }

        Assert.True(limited > 0, "300 requests in a row were never limited");
        Thread.Sleep(2500); // the bucket refills (50 a second) for the tests after this one
    }

    private string RawHttp(string request)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, rig.WebPort);
        client.ReceiveTimeout = 5000;
        var stream = client.GetStream();
        stream.Write(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[4096];
        int n = stream.Read(buffer);
        return Encoding.ASCII.GetString(buffer, 0, n);
    }

    private static async Task<JsonElement> Receive(ClientWebSocket ws)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        int length = 0;
        WebSocketReceiveResult r;
        do
        {
            r = await ws.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), timeout.Token);
            length += r.Count;
        }
        while (!r.EndOfMessage);
        return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
    }

    private static async Task<JsonElement> ReceiveUntil(ClientWebSocket ws, Func<JsonElement, bool> condition)
    {
        for (int i = 0; i < 40; i++)
        {
            var m = await Receive(ws);
            if (condition(m))
                return m;
        }

        throw new TimeoutException("the live updates never showed the change");
    }
}
