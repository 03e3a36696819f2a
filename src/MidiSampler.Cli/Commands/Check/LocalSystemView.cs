using System.Diagnostics;
using MidiSampler.Realtime;

namespace MidiSampler.Cli.Commands.Check;

/// <summary>The real system. Control thread.</summary>
internal sealed class LocalSystemView : ISystemView
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(3);

    public string? ProcessPath => Environment.ProcessPath;

    public string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public byte[]? ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public IReadOnlyList<string>? ListDirectory(string path)
    {
        try
        {
            var names = Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).OfType<string>().ToList();
            names.Sort(StringComparer.Ordinal);
            return names;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    public bool CanOpenForWriting(string path)
    {
        // Opening /dev/cpu_dma_latency and closing it at once leaves no request behind: the kernel
        // drops a latency request when its file is closed.
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public (long TotalBytes, long FreeBytes)? GetSpace(string path)
    {
        try
        {
            var drive = new DriveInfo(path);
            return (drive.TotalSize, drive.AvailableFreeSpace);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    public string? ResolvePath(string path)
    {
        try
        {
            string full = Path.GetFullPath(path);
            if (!File.Exists(full) && !Directory.Exists(full))
                return null;
            var info = new FileInfo(full);
            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    public ToolResult? RunTool(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(name)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments)
            start.ArgumentList.Add(a);

        // Never let a JACK client start a server as a side effect of being asked a question.
        start.Environment["JACK_NO_START_SERVER"] = "1";
        try
        {
            using var process = Process.Start(start);
            if (process is null)
                return null;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(ToolTimeout))
            {
                process.Kill(entireProcessTree: true);
                return new ToolResult(-1, "");
            }

            return new ToolResult(process.ExitCode, stdout.Result + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed
        }
    }

    public (RealtimeResult Result, ThreadScheduling Seen) TryRealtimeThread(int priority)
    {
        RealtimeResult? result = null;
        ThreadScheduling seen = default;
        var thread = new Thread(() =>
        {
            result = RealtimeSupport.EnableRealtime(priority, lockMemory: false);
            seen = RealtimeSupport.GetCurrentThreadScheduling();
            RealtimeSupport.SetNormalScheduling();
        })
        { Name = "check: SCHED_FIFO probe", IsBackground = true };
        thread.Start();
        thread.Join();
        return (result!, seen);
    }
}
