using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using MidiSampler.Formats.Wav;
using MidiSampler.Jack.Tests.TestSupport;
using MidiSampler.Model;

namespace MidiSampler.Jack.Tests;

/// <summary>
/// <c>midi-sampler play</c> end to end, as a child process against a private jackd: notes in over JACK
/// MIDI, audio captured by another client, systemd notifications, SIGHUP reload without a gap, SIGTERM
/// fading every voice out and exiting 0, and a dying server (exit with a message, or reconnection).
/// </summary>
public sealed class PlayCommandTests : IDisposable
{
    private const int SIGHUP = 1;
    private const int SIGTERM = 15;
    private const float SineLevel = 0.5f;
    private readonly string _directory = Directory.CreateTempSubdirectory("ms-play-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Play_sounds_notes_reports_ready_reloads_on_SIGHUP_without_a_gap_and_fades_out_on_SIGTERM()
    {
        using var server = JackServer.Start(256);
        string wav = WriteLoopedSine("sine.wav", server.SampleRate);
        using var capture = new CaptureClient("capture", recordFrames: server.SampleRate * 6);
        using var sender = new MidiSenderClient("sender", intervalCycles: 100_000);
        string socketName = $"ms-play-notify-{Environment.ProcessId}-{Guid.NewGuid():N}";
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint("\0" + socketName));
        notify.ReceiveTimeout = 10_000;

        using var play = ChildProcess.Start(
            MidiSamplerPath(),
            new Dictionary<string, string>(StringComparer.Ordinal) { ["NOTIFY_SOCKET"] = "@" + socketName },
            "play", _directory, "--client-name", "X", "--no-start-server", "--midi-connect", "sender:midi_out");
        string ready = Receive(notify);
        Assert.StartsWith("READY=1\nSTATUS=playing 1 instrument(s) as JACK client 'X'", ready, StringComparison.Ordinal);
        Assert.Contains("X:midi_in", JackServer.RunTool("jack_lsp", TimeSpan.FromSeconds(5)).Output, StringComparison.Ordinal); // ready means connected
        capture.Client.Connect("X:out_1", capture.InputPort);

        capture.StartRecording();
        sender.SendOnce(0x90, 60, 127); // held: no note-off ever comes
        Thread.Sleep(400);
        play.Signal(SIGHUP);
        Assert.StartsWith("RELOADING=1", Receive(notify), StringComparison.Ordinal);
        Assert.StartsWith("READY=1", Receive(notify), StringComparison.Ordinal);
        Assert.True(play.WaitForOutput("reloaded 1 of 1 instrument(s)", TimeSpan.FromSeconds(10)), play.Output);
        Thread.Sleep(300);
        int beforeStop = capture.Samples().Length;

        var clock = Stopwatch.StartNew();
        play.Signal(SIGTERM);
        Assert.StartsWith("STOPPING=1", Receive(notify), StringComparison.Ordinal);
        Assert.True(play.Process.WaitForExit(10_000), "play did not exit after SIGTERM");
        play.Process.WaitForExit();
        Thread.Sleep(100);
        capture.StopRecording();

        Assert.True(play.Process.ExitCode == 0, $"exit code {play.Process.ExitCode}:\n{play.Output}");
        Assert.Contains("peak voices 1,", play.Output, StringComparison.Ordinal);
        float[] x = capture.Samples();
        float[] held = x[..beforeStop];
        int onset = Array.FindIndex(held, v => MathF.Abs(v) > 1e-4f);
        Assert.True(onset >= 0, "the note was not heard");
        float peak = held.Max(MathF.Abs);
        Assert.InRange(peak, 0.2f, SineLevel);

        // The held note sounded through the reload: no run of silence once it started.
        Assert.True(LongestQuietRun(held.AsSpan(onset + 480), peak) <= 3, "a gap in the held note during the reload");

        // SIGTERM: the note is faded out (panic's short fade) before the client goes, not cut and not left sounding.
        int last = Array.FindLastIndex(x, v => MathF.Abs(v) > 1e-4f);
        Assert.True(last < x.Length - 1000, "still sounding at the end of the capture");
        float tail = 0;
        for (int i = Math.Max(0, last - 32); i <= last; i++)
            tail = MathF.Max(tail, MathF.Abs(x[i]));
        Assert.True(tail < 0.5f * peak, $"the last 32 frames before silence reach {tail:0.000} of a {peak:0.000} note: cut, not faded");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Started_under_nohup_play_says_that_SIGHUP_will_not_reload_and_the_console_still_does()
    {
        // nohup ignores SIGHUP, and .NET keeps an inherited ignored signal ignored: play cannot reload on it, so it says
        // so at start; the console's reload works, and a SIGHUP neither reloads nor stops it.
        using var server = JackServer.Start(256);
        string wav = WriteLoopedSine("sine.wav", server.SampleRate);
        using var play = ChildProcess.Start("bash", "-c", "trap '' HUP; exec \"$0\" \"$@\"", MidiSamplerPath(), "play", wav, "--client-name", "X", "--no-start-server");
        Assert.True(play.WaitForOutput("console:", TimeSpan.FromSeconds(20)), play.Output);
        Assert.Contains("SIGHUP was ignored when this process started (nohup does that), so it will not reload", play.Output, StringComparison.Ordinal);
        play.Signal(SIGHUP);
        Thread.Sleep(500);
        Assert.False(play.HasExited, play.Output);
        Assert.DoesNotContain("SIGHUP: reloading", play.Output, StringComparison.Ordinal);
        int before = Count(play.Output, "program 0: sine");
        play.Process.StandardInput.WriteLine("reload 0");
        var clock = Stopwatch.StartNew();
        while (Count(play.Output, "program 0: sine") == before && clock.Elapsed < TimeSpan.FromSeconds(10))
            Thread.Sleep(20);
        Assert.True(Count(play.Output, "program 0: sine") > before, $"the console's reload did not answer:\n{play.Output}");
        play.Process.StandardInput.WriteLine("quit");
        Assert.True(play.Process.WaitForExit(10_000), play.Output);
        Assert.Equal(0, play.Process.ExitCode);
    }

    [Fact]
    public void A_killed_server_makes_play_exit_1_with_a_message_within_two_seconds()
    {
        var server = JackServer.Start(256);
        try
        {
            string wav = WriteLoopedSine("sine.wav", server.SampleRate);
            using var play = ChildProcess.Start(MidiSamplerPath(), "play", wav, "--client-name", "X", "--no-start-server");
            Assert.True(play.WaitForOutput("MIDI in: X:midi_in", TimeSpan.FromSeconds(20)), play.Output);

            var clock = Stopwatch.StartNew();
            server.Kill();
            bool exited = play.Process.WaitForExit(2000);
            long ms = clock.ElapsedMilliseconds;
            Assert.True(exited, $"still running {ms} ms after the server died:\n{play.Output}");
            play.Process.WaitForExit();
            Assert.Equal(1, play.Process.ExitCode);
            Assert.Contains("midi-sampler: the JACK server shut down", play.Output, StringComparison.Ordinal);
            Assert.Contains("exiting", play.Output, StringComparison.Ordinal);
        }
        finally
        {
            server.Dispose();
        }
    }

    [Fact]
    public void With_reconnect_play_waits_for_a_restarted_server_and_plays_again()
    {
        var server = JackServer.Start(256);
        try
        {
            string wav = WriteLoopedSine("sine.wav", server.SampleRate);
            using var play = ChildProcess.Start(MidiSamplerPath(), "play", wav, "--client-name", "X", "--no-start-server", "--reconnect", "--midi-connect", "sender:midi_out");
            Assert.True(play.WaitForOutput("MIDI in: X:midi_in", TimeSpan.FromSeconds(20)), play.Output);

            server.Kill();
            Assert.True(play.WaitForOutput("reconnecting when it is back", TimeSpan.FromSeconds(2)), play.Output);
            server.Dispose();
            Thread.Sleep(1500); // a second failed attempt or two
            Assert.False(play.HasExited, play.Output);
            server = JackServer.Start(256);

            using var sender = new MidiSenderClient("sender", intervalCycles: 100_000);
            using var capture = new CaptureClient("capture", recordFrames: server.SampleRate);
            Assert.True(play.WaitForOutput("reconnected as JACK client 'X'", TimeSpan.FromSeconds(10)), play.Output);
            capture.Client.Connect("X:out_1", capture.InputPort);
            capture.StartRecording();
            sender.Client.Connect(sender.OutputPort, "X:midi_in");
            sender.SendOnce(0x90, 60, 127);
            Thread.Sleep(300);
            capture.StopRecording();

            Assert.InRange(capture.Samples().Max(MathF.Abs), 0.2f, SineLevel); // the instrument came back with the client
            Assert.Equal(1, play.Output.Split('\n').Count(l => l.Contains("retrying every", StringComparison.Ordinal))); // said once, not every second
            play.Signal(SIGTERM);
            Assert.True(play.Process.WaitForExit(10_000));
            Assert.Equal(0, play.Process.ExitCode);
        }
        finally
        {
            server.Dispose();
        }
    }

    /// <summary>The midi-sampler program built beside the tests (the project references the CLI).</summary>
    private static string MidiSamplerPath()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "midi-sampler");
        Assert.True(File.Exists(path), $"{path} is missing: build tests/MidiSampler.Jack.Tests");
        return path;
    }

    private static string Receive(Socket socket)
    {
        var buffer = new byte[4096];
        int n = socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }

    private static int Count(string text, string part)
    {
        int n = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            n++;
        return n;
    }

    private static int LongestQuietRun(ReadOnlySpan<float> x, float peak)
    {
        int run = 0, longest = 0;
        foreach (float v in x)
        {
            run = MathF.Abs(v) < 1e-3f * peak ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    /// <summary>A 16-bit WAV of a seamless sine loop (smpl chunk, root key 60): a held note sounds until released.</summary>
    private string WriteLoopedSine(string name, int sampleRate)
    {
        float[] data = TestInstruments.SineCycles(SineLevel, 100);
        string path = Path.Combine(_directory, name);
        WavWriter.WriteFile(path, sampleRate, 1, WavSampleFormat.Float32, data, new SampleMetadata(60, 0, 0, data.Length - 1));
        return path;
    }
}
