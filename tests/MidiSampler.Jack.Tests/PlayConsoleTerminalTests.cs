using System.Diagnostics;
using MidiSampler.Formats.Wav;
using MidiSampler.Jack.Tests.TestSupport;
using MidiSampler.Model;

namespace MidiSampler.Jack.Tests;

/// <summary>
/// <c>play</c> on a real terminal (tmux, on a private server socket): what the user types on the console stays intact
/// while the status line updates every second, and the command typed across updates runs.
/// </summary>
public sealed class PlayConsoleTerminalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ms-tty-").FullName;
    private readonly string _socket = $"ms-tty-{Environment.ProcessId}";

    public void Dispose()
    {
        Tmux("kill-server"); // our private tmux server only (-L)
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void The_status_line_never_draws_over_what_the_user_is_typing()
    {
        using var server = JackServer.Start(256);
        float[] data = TestInstruments.SineCycles(0.5f, 100);
        string wav = Path.Combine(_directory, "sine.wav");
        WavWriter.WriteFile(wav, 48_000, 1, WavSampleFormat.Float32, data, new SampleMetadata(60, 0, 0, data.Length - 1));
        string program = Path.Combine(AppContext.BaseDirectory, "midi-sampler");

        var (code, text) = Tmux("new-session", "-d", "-x", "120", "-y", "24", "-e", $"JACK_DEFAULT_SERVER={server.Name}", "-e", "JACK_NO_START_SERVER=1",
            $"'{program}' play '{wav}' --client-name T --no-start-server; sleep 30");
        Assert.True(code == 0, "tmux: " + text);
        Assert.True(WaitForScreen(s => s.Contains("  console:", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), Screen());

        Tmux("send-keys", "-t", "0", "-l", "sta");
        Thread.Sleep(2600); // two status updates while "sta" waits on the input line
        string screen = Screen();
        var lines = screen.Split('\n');
        Assert.Contains(lines, l => l.TrimEnd() == "sta"); // the typed text, intact
        Assert.Contains("voices", lines[^1], StringComparison.Ordinal); // the status, on the last row
        Assert.DoesNotContain(lines[..^1], l => l.Contains("voices   0/", StringComparison.Ordinal)); // and nowhere else

        // The rest of the word, then Enter: the console got "stats" whole.
        Tmux("send-keys", "-t", "0", "-l", "ts");
        Tmux("send-keys", "-t", "0", "Enter");
        Assert.True(WaitForScreen(s => s.Contains("period time mean", StringComparison.Ordinal), TimeSpan.FromSeconds(10)), Screen());
        Tmux("send-keys", "-t", "0", "-l", "quit");
        Tmux("send-keys", "-t", "0", "Enter");
        Assert.True(WaitForScreen(s => s.Contains("stopped after", StringComparison.Ordinal), TimeSpan.FromSeconds(10)), Screen());
    }

    private string Screen() => Tmux("capture-pane", "-p", "-t", "0").Output.TrimEnd('\n');

    private bool WaitForScreen(Func<string, bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition(Screen()))
                return true;
            Thread.Sleep(100);
        }

        return false;
    }

    private (int ExitCode, string Output) Tmux(params string[] args)
    {
        var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-L");
        psi.ArgumentList.Add(_socket);
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        psi.Environment.Remove("TMUX");
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start tmux (install tmux: scripts/install-deps.sh)");
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }
}
