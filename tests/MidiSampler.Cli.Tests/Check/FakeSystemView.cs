using MidiSampler.Cli.Commands.Check;
using MidiSampler.Realtime;

namespace MidiSampler.Cli.Tests.Check;

/// <summary>A recorded system: file contents by path, tool outputs by name, a canned SCHED_FIFO answer.</summary>
internal sealed class FakeSystemView : ISystemView
{
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ToolResult> Tools { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Writable { get; } = new(StringComparer.Ordinal);

    public (long, long)? Space { get; set; }

    public RealtimeResult Fifo { get; set; } = new(true, false, []);

    public ThreadScheduling FifoSeen { get; set; } = new(SchedulingPolicy.Fifo, 80);

    public string? ProcessPath => "/opt/midi-sampler/midi-sampler";

    public FakeSystemView With(string path, string text)
    {
        Files[path] = text;
        return this;
    }

    public string? ReadText(string path) => Files.GetValueOrDefault(path);

    public byte[]? ReadBytes(string path) => Files.TryGetValue(path, out var t) ? System.Text.Encoding.UTF8.GetBytes(t) : null;

    public IReadOnlyList<string>? ListDirectory(string path)
    {
        string prefix = path.TrimEnd('/') + "/";
        var names = Files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => k[prefix.Length..].Split('/')[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? null : names;
    }

    public bool Exists(string path) => Files.ContainsKey(path) || ListDirectory(path) is not null;

    public bool CanOpenForWriting(string path) => Writable.Contains(path);

    public (long TotalBytes, long FreeBytes)? GetSpace(string path) => Space;

    public string? ResolvePath(string path) => Exists(path) ? path : null;

    public ToolResult? RunTool(string name, params string[] arguments) => Tools.GetValueOrDefault(name);

    public (RealtimeResult Result, ThreadScheduling Seen) TryRealtimeThread(int priority) => (Fifo, FifoSeen);

    /// <summary>/proc/self/limits as the kernel writes it.</summary>
    public FakeSystemView Limits(string rtprio, string memlock) => With("/proc/self/limits",
        "Limit                     Soft Limit           Hard Limit           Units     \n" +
        $"Max locked memory         {memlock,-21}{memlock,-21}bytes     \n" +
        $"Max realtime priority     {rtprio,-21}{rtprio,-21}\n");

    /// <summary>/proc/self/status with a uid, groups and effective capabilities (hex).</summary>
    public FakeSystemView Status(int uid, string groups, string capEff = "0000000000000000") => With("/proc/self/status",
        $"Name:\tmidi-sampler\nUid:\t{uid}\t{uid}\t{uid}\t{uid}\nGroups:\t{groups}\nCapEff:\t{capEff}\n");
}
