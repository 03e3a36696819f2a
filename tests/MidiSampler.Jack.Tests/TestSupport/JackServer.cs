using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MidiSampler.Jack.Tests.TestSupport;

/// <summary>
/// A private jackd on the dummy driver (no sound card needed), for tests. <see cref="Start"/> runs
/// <c>jackd -n NAME -d dummy -r RATE -p PERIOD</c>, points this process and the JACK tools it spawns at
/// it (JACK_DEFAULT_SERVER), and returns once <c>jack_lsp</c> answers. Dispose stops it; a process-exit
/// hook kills any server a crashed test left, so no jackd outlives the test run.
/// </summary>
/// <remarks>
/// Environment: MIDISAMPLER_JACKD_NO_REALTIME=1 runs jackd with --no-realtime, for CI runners where
/// SCHED_FIFO is refused (the tests check frames, not wake-up times, so they still hold).
/// JACK_NO_AUDIO_RESERVATION=1 keeps jackd off D-Bus device reservation; JACK_NO_START_SERVER=1 stops
/// libjack from starting a default server behind the test's back.
/// </remarks>
public sealed partial class JackServer : IDisposable
{
    private const int SIGTERM = 15;
    private const int SIGCONT = 18;
    private const int SIGSTOP = 19;
    private static readonly ConcurrentDictionary<int, Process> Live = new();
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    static JackServer()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var p in Live.Values)
            {
                try
                {
                    p.Kill();
                }
                catch (InvalidOperationException)
                {
                    // already gone
                }
            }
        };
    }

    private JackServer(string name, int periodFrames, int sampleRate, Process process)
    {
        Name = name;
        PeriodFrames = periodFrames;
        SampleRate = sampleRate;
        _process = process;
    }

    /// <summary>The server name (JACK_DEFAULT_SERVER).</summary>
    public string Name { get; }

    /// <summary>The period in frames.</summary>
    public int PeriodFrames { get; }

    /// <summary>The sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>True while jackd runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>What jackd printed (for failure messages).</summary>
    public string Log => string.Join('\n', _log);

    /// <summary>Starts a server and waits until it answers (at most 15 s).</summary>
    /// <param name="periodFrames">The period in frames.</param>
    /// <param name="sampleRate">The rate in Hz.</param>
    /// <param name="family">The name's prefix: another test project's runs on the same machine use their own family.</param>
    public static JackServer Start(int periodFrames, int sampleRate = 48_000, string family = "midisampler-test")
    {
        // Few names, reused: libjack's shared registry has room for few servers and reclaims a dead server's slot
        // only when a new server of the same name starts, so unique names would fill it with the dead (a killed
        // jackd never deregisters) until "Too many servers already active". Four names keep two test runs at
        // once (two clones on one machine) apart almost always, and the stale slots bounded.
        // MIDISAMPLER_JACK_FAMILY keeps concurrent test runs in separate worktrees of one machine apart for certain.
        family = Environment.GetEnvironmentVariable("MIDISAMPLER_JACK_FAMILY") is { Length: > 0 } f ? $"{f}-{family}" : family;
        string name = $"{family}-{Environment.ProcessId % 4}";
        NativeEnvironment.Set("JACK_DEFAULT_SERVER", name);
        NativeEnvironment.Set("JACK_NO_START_SERVER", "1");
        NativeEnvironment.Set("JACK_NO_AUDIO_RESERVATION", "1");

        var psi = new ProcessStartInfo("jackd") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-n");
        psi.ArgumentList.Add(name);
        if (Environment.GetEnvironmentVariable("MIDISAMPLER_JACKD_NO_REALTIME") == "1")
            psi.ArgumentList.Add("--no-realtime");
        psi.ArgumentList.Add("-t");
        psi.ArgumentList.Add("5000");
        foreach (var a in new[] { "-d", "dummy", "-r", sampleRate.ToString(), "-p", periodFrames.ToString() })
            psi.ArgumentList.Add(a);

        var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start jackd (install jackd2)");
        Live[process.Id] = process;
        var server = new JackServer(name, periodFrames, sampleRate, process);
        process.OutputDataReceived += (_, e) => server.AddLog(e.Data);
        process.ErrorDataReceived += (_, e) => server.AddLog(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (process.HasExited)
            {
                int code = process.ExitCode;
                server.Dispose();
                throw new InvalidOperationException($"jackd exited with code {code}:\n{server.Log}");
            }

            if (RunTool("jack_lsp", TimeSpan.FromSeconds(5)).ExitCode == 0)
                return server;
            Thread.Sleep(50);
        }

        server.Dispose();
        throw new TimeoutException($"jackd '{name}' did not answer jack_lsp within 15 s:\n{server.Log}");
    }

    /// <summary>Runs a JACK tool against the current server; returns its exit code and output.</summary>
    public static (int ExitCode, string Output) RunTool(string tool, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {tool}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill();
            p.WaitForExit();
            return (-1, "timeout");
        }

        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        Live.TryRemove(_process.Id, out _);
    }

    /// <summary>
    /// Freezes the server (SIGSTOP): its clients stop being called and get no shutdown notice, as with PipeWire's JACK
    /// when PipeWire dies. <see cref="Resume"/> (SIGCONT) lets it go on; Dispose resumes it first.
    /// </summary>
    public void Pause() => _ = kill(_process.Id, SIGSTOP);

    /// <summary>Lets a paused server go on (SIGCONT).</summary>
    public void Resume() => _ = kill(_process.Id, SIGCONT);

    /// <summary>Stops the server cleanly (SIGTERM, then SIGKILL after 3 s) and waits for it.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _ = kill(_process.Id, SIGCONT); // a paused server would not act on SIGTERM
            _ = kill(_process.Id, SIGTERM);
            if (!_process.WaitForExit(3000))
                _process.Kill();
            _process.WaitForExit();
        }

        Live.TryRemove(_process.Id, out _);
        _process.Dispose();
        RemoveSharedMemory(Name);
    }

    /// <summary>A killed jackd leaves its shared memory and semaphores in /dev/shm (jack_NAME_*, jack_sem.UID_NAME_*).</summary>
    internal static void RemoveSharedMemory(string server)
    {
        if (!Directory.Exists("/dev/shm"))
            return;
        foreach (var pattern in new[] { $"jack_{server}_*", $"jack_sem.*_{server}_*" })
        {
            foreach (var file in Directory.EnumerateFiles("/dev/shm", pattern))
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // in use by another process: leave it
                }
                catch (UnauthorizedAccessException)
                {
                    // not ours
                }
            }
        }
    }

    private void AddLog(string? line)
    {
        if (line is not null && _log.Count < 1000)
            _log.Enqueue(line);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
