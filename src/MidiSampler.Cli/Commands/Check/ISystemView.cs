using MidiSampler.Realtime;

namespace MidiSampler.Cli.Commands.Check;

/// <summary>
/// Everything the checks read from the system, behind one interface, so that unit tests feed recorded
/// /proc and /sys contents (and canned tool output) to each check.
/// </summary>
internal interface ISystemView
{
    /// <summary>The text of a file (/proc, /sys, /etc), or null when it is missing or unreadable.</summary>
    string? ReadText(string path);

    /// <summary>The bytes of a file (e.g. /proc/config.gz), or null.</summary>
    byte[]? ReadBytes(string path);

    /// <summary>The entry names (not paths) of a directory, sorted, or null when it is missing.</summary>
    IReadOnlyList<string>? ListDirectory(string path);

    /// <summary>True when a file or directory exists.</summary>
    bool Exists(string path);

    /// <summary>True when the file can be opened for writing by this process.</summary>
    bool CanOpenForWriting(string path);

    /// <summary>Total and free bytes of the file system holding <paramref name="path"/>, or null.</summary>
    (long TotalBytes, long FreeBytes)? GetSpace(string path);

    /// <summary>The full path of a file or directory as the system resolves it (symlinks followed), or null when missing.</summary>
    string? ResolvePath(string path);

    /// <summary>Runs a tool with a short timeout; null when it is not installed.</summary>
    ToolResult? RunTool(string name, params string[] arguments);

    /// <summary>Tries SCHED_FIFO at <paramref name="priority"/> on a throw-away thread; returns the result and the policy read back.</summary>
    (RealtimeResult Result, ThreadScheduling Seen) TryRealtimeThread(int priority);

    /// <summary>The path of the running executable (for the setcap advice).</summary>
    string? ProcessPath { get; }
}
