using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using MidiSampler.Cli.Service;

namespace MidiSampler.Jack.Tests.TestSupport;

/// <summary>
/// A long-running child process for tests (jack_midiseq, jackd, midi-sampler play): its output is
/// collected line by line, and Dispose kills it if it is still running.
/// </summary>
internal sealed partial class ChildProcess : IDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();

    private ChildProcess(Process process) => Process = process;

    public Process Process { get; }

    public int Id => Process.Id;

    public bool HasExited => Process.HasExited;

    /// <summary>Everything the process printed so far (stdout and stderr interleaved as read).</summary>
    public string Output => string.Join('\n', _lines);

    public static ChildProcess Start(string fileName, params string[] args) => Start(fileName, new Dictionary<string, string>(StringComparer.Ordinal), args);

    public static ChildProcess Start(string fileName, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        // A runner that ignores SIGHUP (nohup) passes that on to the child, where .NET then never calls its SIGHUP handler:
        // the child starts with the default disposition, as under systemd (a test of the ignored case sets it in a shell).
        bool resetHangup = InheritedSignals.IsIgnored(InheritedSignals.Hangup);
        var psi = new ProcessStartInfo(resetHangup ? "env" : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (resetHangup)
        {
            psi.ArgumentList.Add("--default-signal=HUP"); // coreutils env: resets the disposition, then execs (same pid)
            psi.ArgumentList.Add(fileName);
        }

        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var (name, value) in environment)
        {
            if (value.Length == 0)
                psi.Environment.Remove(name); // an empty value unsets the variable (libjack treats a set-but-empty one as set)
            else
                psi.Environment[name] = value;
        }
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {fileName}");
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; false after the timeout or if the process exited first.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
                return true;
            if (Process.HasExited)
            {
                Process.WaitForExit(); // drains the asynchronous readers
                return Output.Contains(text, StringComparison.Ordinal);
            }

            Thread.Sleep(20);
        }

        return false;
    }

    /// <summary>Sends a POSIX signal (SIGTERM 15, SIGHUP 1, SIGINT 2).</summary>
    public void Signal(int signal)
    {
        if (kill(Process.Id, signal) != 0)
            throw new InvalidOperationException($"kill({Process.Id}, {signal}) failed");
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                Process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        Process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null && _lines.Count < 5000)
            _lines.Enqueue(line);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
