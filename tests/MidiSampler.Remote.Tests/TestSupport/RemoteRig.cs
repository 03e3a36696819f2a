using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MidiSampler.Formats.Wav;
using MidiSampler.Jack.Tests.TestSupport;
using MidiSampler.Model;

namespace MidiSampler.Remote.Tests.TestSupport;

/// <summary>
/// The real thing, once for all the end-to-end tests: a private jackd (dummy driver), <c>midi-sampler play</c> as a
/// child process with <c>--web 127.0.0.1:P --osc Q --library LIB</c>, and JACK's own <c>jack_midiseq</c> holding a
/// note on channel 1 for 9.9 s of every 10 s loop, so that there is a voice to see and to silence with panic.
/// </summary>
/// <remarks>
/// The library holds two instruments that differ in pitch (low.sfz, high.sfz: the same looped 480 Hz sine, keyed an
/// octave apart), a text file, a symbolic link out of the library and a directory link out of it.
/// </remarks>
public sealed class RemoteRig : IDisposable
{
    public const string Client = "R";
    private readonly JackServer _server;
    private readonly ChildProcess _play;
    private readonly ChildProcess _seq;

    public RemoteRig()
    {
        Top = Directory.CreateTempSubdirectory("ms-remote-").FullName;
        Library = Directory.CreateDirectory(Path.Join(Top, "library")).FullName;
        Outside = Directory.CreateDirectory(Path.Join(Top, "outside")).FullName;
        _server = JackServer.Start(256, family: "remote-tests");
        WriteInstruments(_server.SampleRate);
        WebPort = FreeTcpPort();
        OscPort = FreeUdpPort();
        _play = ChildProcess.Start(
            MidiSamplerPath(),
            new Dictionary<string, string>(StringComparer.Ordinal) { [RemoteToken.EnvironmentVariable] = "" },
            "play", Path.Join(Library, "low.sfz"), "--client-name", Client, "--no-start-server",
            "--web", $"127.0.0.1:{WebPort}", "--osc", OscPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--library", Library);
        if (!_play.WaitForOutput("OSC on udp://", TimeSpan.FromSeconds(30)) || !_play.WaitForOutput("console:", TimeSpan.FromSeconds(30)))
            throw new InvalidOperationException("midi-sampler play did not start:\n" + _play.Output);

        // One note in a 6 s loop, from 0.5 s to 5.5 s (so its first note-on comes after the connection below): a voice
        // that stays until a panic, which then leaves at least a second of silence.
        int rate = _server.SampleRate;
        _seq = ChildProcess.Start("jack_midiseq", "seq", Frames(6 * rate), Frames(rate / 2), "69", Frames(5 * rate));
        Wait(() => JackServer.RunTool("jack_lsp", TimeSpan.FromSeconds(5)).Output.Contains("seq:out", StringComparison.Ordinal), "jack_midiseq did not register seq:out");
        var (rc, text) = JackServer.RunTool("jack_connect", TimeSpan.FromSeconds(5), "seq:out", $"{Client}:midi_in");
        if (rc != 0)
            throw new InvalidOperationException("jack_connect: " + text);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{WebPort}/"), Timeout = TimeSpan.FromSeconds(20) };
    }

    public string Top { get; }

    public string Library { get; }

    public string Outside { get; }

    public int WebPort { get; }

    public int OscPort { get; }

    public HttpClient Http { get; }

    public int SampleRate => _server.SampleRate;

    /// <summary>What the program printed so far (for failure messages).</summary>
    public string Output => _play.Output;

    private static string Frames(int frames) => frames.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string MidiSamplerPath()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "midi-sampler");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} is missing: build tests/MidiSampler.Remote.Tests");
        return path;
    }

    public static int FreeTcpPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public static int FreeUdpPort()
    {
        using var u = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)u.Client.LocalEndPoint!).Port;
    }

    public static void Wait(Func<bool> condition, string message, double seconds = 10)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds))
                throw new TimeoutException(message);
            Thread.Sleep(25);
        }
    }

    public JsonElement Get(string path)
    {
        using var r = Http.GetAsync(path).GetAwaiter().GetResult();
        string body = r.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)r.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public (HttpStatusCode Status, JsonElement Body) Post(string path, object body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var r = Http.SendAsync(request).GetAwaiter().GetResult();
        string text = r.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        return (r.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Waits until the status satisfies <paramref name="condition"/>; returns it.</summary>
    public JsonElement WaitForStatus(Func<JsonElement, bool> condition, string what, double seconds = 5)
    {
        JsonElement status = default;
        Wait(() => condition(status = Get("api/status")), $"status never showed {what}; last: {status}\n{Output}", seconds);
        return status;
    }

    public void Dispose()
    {
        Http.Dispose();
        _seq.Dispose();
        _play.Signal(15);
        _play.Process.WaitForExit(5000);
        _play.Dispose();
        _server.Dispose();
        Directory.Delete(Top, recursive: true);
    }

    private void WriteInstruments(int sampleRate)
    {
        // 480 Hz at 48 kHz: 100 frames a cycle, 100 cycles, looped whole.
        float[] sine = new float[10_000];
        for (int i = 0; i < sine.Length; i++)
            sine[i] = 0.25f * MathF.Sin(2 * MathF.PI * i / 100f);
        WavWriter.WriteFile(Path.Join(Library, "sine.wav"), sampleRate, 1, WavSampleFormat.Float32, sine, new SampleMetadata(69, 0, 0, sine.Length - 1));
        File.WriteAllText(Path.Join(Library, "low.sfz"), "<region> sample=sine.wav pitch_keycenter=69 loop_mode=loop_continuous\n");
        File.WriteAllText(Path.Join(Library, "high.sfz"), "<region> sample=sine.wav pitch_keycenter=57 loop_mode=loop_continuous\n");
        File.WriteAllText(Path.Join(Library, "notes.txt"), "not an instrument");
        File.WriteAllText(Path.Join(Outside, "secret.sfz"), "<region> sample=secret.wav\n");
        File.CreateSymbolicLink(Path.Join(Library, "escape.sfz"), Path.Join(Outside, "secret.sfz"));
        Directory.CreateSymbolicLink(Path.Join(Library, "elsewhere"), Outside);
    }
}
