using System.Diagnostics;
using MidiSampler.Formats.Wav;
using MidiSampler.Jack.Tests.TestSupport;
using MidiSampler.Model;

namespace MidiSampler.Jack.Tests;

/// <summary>
/// What a service needs to be told (issue 19): a server that stops calling the client without a word (PipeWire's JACK
/// when PipeWire dies: simulated by freezing jackd with SIGSTOP) is noticed, <c>--connect</c> says when it finds no
/// MIDI source, and a process thread refused real-time scheduling is reported in our words with the fix.
/// </summary>
public sealed class JackServiceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ms-service-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_server_that_stops_calling_the_host_without_a_shutdown_notice_is_declared_lost()
    {
        using var server = JackServer.Start(256);
        var host = JackSamplerHost.Start(new JackHostOptions { ClientName = "watched", NoStartServer = true, LostServerSeconds = 1 });
        try
        {
            host.SetInstrument(0, TestInstruments.LoopedSine(server.SampleRate));
            Thread.Sleep(1500);
            Assert.False(host.IsServerShutdown, "a running server was declared lost: " + host.ShutdownReason);

            var clock = Stopwatch.StartNew();
            server.Pause();
            Assert.True(host.ShutdownWaitHandle.WaitOne(TimeSpan.FromSeconds(5)), "no verdict 5 s after the server froze");
            long ms = clock.ElapsedMilliseconds;
            Assert.True(host.IsServerLost);
            Assert.Contains("no process callback", host.ShutdownReason, StringComparison.Ordinal);
            Assert.InRange(ms, 900, 3000); // 1 s (at least 16 periods of 5.3 ms), polled every 125 ms

            // Closing must not wait for a server that does not answer.
            clock.Restart();
            host.Dispose();
            Assert.True(clock.ElapsedMilliseconds < 1000, $"Dispose took {clock.ElapsedMilliseconds} ms on a frozen server");
        }
        finally
        {
            server.Resume();
            host.Dispose();
        }
    }

    [Fact]
    public void Play_exits_with_the_reason_when_the_server_freezes_so_that_a_supervisor_or_reconnect_can_act()
    {
        using var server = JackServer.Start(256);
        string wav = WriteSine();
        using var play = ChildProcess.Start(MidiSamplerPath(), "play", wav, "--client-name", "F", "--no-start-server");
        Assert.True(play.WaitForOutput("  console:", TimeSpan.FromSeconds(30)), play.Output);

        var clock = Stopwatch.StartNew();
        server.Pause();
        try
        {
            Assert.True(play.Process.WaitForExit(8000), $"still running {clock.ElapsedMilliseconds} ms after the server froze:\n{play.Output}");
            play.Process.WaitForExit();
            Assert.Equal(1, play.Process.ExitCode);
            Assert.Contains("midi-sampler: lost the JACK server (no process callback for", play.Output, StringComparison.Ordinal);
            Assert.Contains("exiting", play.Output, StringComparison.Ordinal);
        }
        finally
        {
            server.Resume();
        }
    }

    [Fact]
    public void Connect_says_when_the_server_has_no_MIDI_source_and_names_what_it_connected()
    {
        using var server = JackServer.Start(256); // the dummy driver: playback ports, no MIDI (no -X seq)
        string wav = WriteSine();
        using var play = ChildProcess.Start(MidiSamplerPath(), "play", wav, "--client-name", "C", "--no-start-server", "--connect");
        Assert.True(play.WaitForOutput("  console:", TimeSpan.FromSeconds(30)), play.Output);

        Assert.Contains("--connect: the JACK server has no physical MIDI source", play.Output, StringComparison.Ordinal);
        Assert.Contains("-d alsa ... -X seq", play.Output, StringComparison.Ordinal);
        Assert.Contains("connected: C:out_1 -> system:playback_1, C:out_2 -> system:playback_2", play.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_process_thread_refused_real_time_scheduling_is_reported_with_the_fix()
    {
        if (Environment.GetEnvironmentVariable("MIDISAMPLER_JACKD_NO_REALTIME") == "1" || !Environment.IsPrivilegedProcess)
            return; // the refusal needs a real-time server that this test's child cannot follow; as root, capsh drops the right
        using var server = JackServer.Start(256);
        string wav = WriteSine();

        // No rtprio limit and no CAP_SYS_NICE: libjack cannot give the client thread the server's SCHED_FIFO.
        using var play = ChildProcess.Start("prlimit", "--rtprio=0", "capsh", "--drop=cap_sys_nice", "--",
            "-c", $"exec '{MidiSamplerPath()}' play '{wav}' --client-name R --no-start-server");
        Assert.True(play.WaitForOutput("  console:", TimeSpan.FromSeconds(30)), play.Output);

        Assert.Contains("midi-sampler: warning: the JACK process thread runs without real-time scheduling", play.Output, StringComparison.Ordinal);
        Assert.Contains("rtprio 95", play.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Letting_libjack_start_a_server_keeps_our_output_readable_and_its_messages_in_a_log()
    {
        // A private HOME whose ~/.jackdrc starts a dummy server, under a server name no test uses: libjack starts it.
        string home = Directory.CreateDirectory(Path.Combine(_directory, "home")).FullName;
        File.WriteAllText(Path.Combine(home, ".jackdrc"), "/usr/bin/jackd -d dummy -r 48000 -p 256\n");
        string name = $"ms-autostart-{Environment.ProcessId % 4}";
        string log = Path.Combine(Path.GetTempPath(), $"midi-sampler-jackd-{Environment.UserName}.log");
        long logBefore = File.Exists(log) ? new FileInfo(log).Length : 0;
        string wav = WriteSine();
        try
        {
            using var play = ChildProcess.Start(
                MidiSamplerPath(),
                new Dictionary<string, string>(StringComparer.Ordinal) { ["HOME"] = home, ["JACK_DEFAULT_SERVER"] = name, ["JACK_NO_START_SERVER"] = "" },
                "play", wav, "--audio", "jack", "--client-name", "S"); // --audio jack: auto would pick ALSA with no server running
            Assert.True(play.WaitForOutput("  console:", TimeSpan.FromSeconds(60)), play.Output);

            string shown = play.Output;
            Assert.Contains("midi-sampler: no JACK server is running: libjack is starting one", shown, StringComparison.Ordinal);
            Assert.Contains("midi-sampler: started a JACK server in", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("jackdmp", shown, StringComparison.Ordinal); // jackd's banner went to the log
            Assert.DoesNotContain("Cannot connect to server", shown, StringComparison.Ordinal);
            Assert.InRange(shown.Split('\n').Length, 4, 12);
            Assert.Contains("jackdmp", File.ReadAllText(log)[(int)logBefore..], StringComparison.Ordinal);

            play.Process.StandardInput.WriteLine("quit");
            Assert.True(play.Process.WaitForExit(10_000), play.Output);
            Assert.Equal(0, play.Process.ExitCode);
        }
        finally
        {
            Thread.Sleep(500); // the temporary server quits when its last client leaves
            JackServer.RemoveSharedMemory(name);
        }
    }

    private static string MidiSamplerPath()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "midi-sampler");
        Assert.True(File.Exists(path), $"{path} is missing: build tests/MidiSampler.Jack.Tests");
        return path;
    }

    private string WriteSine()
    {
        float[] data = TestInstruments.SineCycles(0.5f, 100);
        string path = Path.Combine(_directory, "sine.wav");
        WavWriter.WriteFile(path, 48_000, 1, WavSampleFormat.Float32, data, new SampleMetadata(60, 0, 0, data.Length - 1));
        return path;
    }
}
