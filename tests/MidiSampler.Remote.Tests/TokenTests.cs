using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using MidiSampler.Jack.Tests.TestSupport;
using MidiSampler.Remote.Osc;
using MidiSampler.Remote.Tests.TestSupport;

namespace MidiSampler.Remote.Tests;

/// <summary>
/// <c>--web 0.0.0.0:P</c> and <c>--osc 0.0.0.0:Q</c>: a token is generated at first start, printed and stored (mode
/// 0600), and every API request without it is 401, on any address.
/// </summary>
[Collection(RemoteCollection.Name)]
public sealed class TokenTests(RemoteRig rig)
{
    [Fact]
    public async Task Listening_beyond_the_loopback_needs_the_generated_token()
    {
        string tokenFile = Path.Join(rig.Top, "state", "remote-token");
        int web = RemoteRig.FreeTcpPort(), osc = RemoteRig.FreeUdpPort();
        using var play = ChildProcess.Start(
            RemoteRig.MidiSamplerPath(),
            new Dictionary<string, string>(StringComparer.Ordinal) { [RemoteToken.EnvironmentVariable] = "" },
            "play", Path.Join(rig.Library, "low.sfz"), "--client-name", "T", "--no-start-server",
            "--web", $"0.0.0.0:{web}", "--osc", $"0.0.0.0:{osc}", "--token-file", tokenFile);
        try
        {
            Assert.True(play.WaitForOutput("console:", TimeSpan.FromSeconds(30)), play.Output);
            Assert.True(File.Exists(tokenFile), play.Output);
            string token = File.ReadAllText(tokenFile).Trim();
            Assert.True(token.Length >= 24);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
            Assert.Contains($"remote token generated and stored in {tokenFile}: {token}", play.Output, StringComparison.Ordinal);

            var addresses = new List<IPAddress> { IPAddress.Loopback };
            addresses.AddRange(System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(u => u.Address)
                .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)));
            foreach (var address in addresses)
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://{address}:{web}/") };
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("")).StatusCode); // the panel page itself holds no secret
                Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/status")).StatusCode);
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
                Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/status")).StatusCode);
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("api/status")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"api/programs?token={token}")).StatusCode);
            }

            // The panel from another address, the token in the URL's fragment: it goes live (the WebSocket takes ?token=).
            await using (var browser = await PanelBrowser.LaunchAsync())
            {
                var page = await browser.Browser.NewPageAsync();
                await page.GotoAsync($"http://{addresses[^1]}:{web}/#token={token}");
                await Microsoft.Playwright.Assertions.Expect(page.Locator("#conn")).ToHaveTextAsync("live", new() { Timeout = 10_000 });
                await Microsoft.Playwright.Assertions.Expect(page.Locator("#slots")).ToContainTextAsync("0 · low");
                var anonymous = await browser.Browser.NewPageAsync();
                await anonymous.GotoAsync($"http://{addresses[^1]}:{web}/");
                await Microsoft.Playwright.Assertions.Expect(anonymous.Locator("#auth")).ToBeVisibleAsync(); // asks for the token
            }

            // OSC from another address of this machine must authenticate first (loopback senders are this machine's own).
            if (addresses.Count > 1)
            {
                var external = addresses[1];
                using var udp = new UdpClient(new IPEndPoint(external, 0)) { Client = { ReceiveTimeout = 5000 } };
                var target = new IPEndPoint(external, osc);
                OscMessage Ask(OscMessage m)
                {
                    udp.Send(OscCodec.Write(m), target);
                    IPEndPoint? from = null;
                    return Assert.Single(OscCodec.Read(udp.Receive(ref from)));
                }

                Assert.Contains("/ms/auth", Ask(OscMessage.Create("/ms/panic")).Arguments[2].AsString(), StringComparison.Ordinal);
                Assert.False((bool)Ask(OscMessage.Create("/ms/auth", "wrong-token-wrong-token")).Arguments[1].Value!);
                Assert.True((bool)Ask(OscMessage.Create("/ms/auth", token)).Arguments[1].Value!);
                Assert.True((bool)Ask(OscMessage.Create("/ms/panic")).Arguments[1].Value!);
            }
        }
        finally
        {
            play.Signal(15);
            play.Process.WaitForExit(5000);
        }
    }

    [Fact]
    public void A_bad_endpoint_is_a_clear_usage_error()
    {
        using var play = ChildProcess.Start(RemoteRig.MidiSamplerPath(), "play", Path.Join(rig.Library, "low.sfz"), "--no-start-server", "--web", "nowhere");
        Assert.True(play.Process.WaitForExit(20_000));
        play.Process.WaitForExit();
        Assert.Equal(1, play.Process.ExitCode);
        Assert.Contains("--web 'nowhere': expected ADDRESS:PORT", play.Output, StringComparison.Ordinal);
    }
}
