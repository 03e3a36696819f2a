namespace MidiSampler.Cli.Commands.Check;

/// <summary>What a tool printed and its exit code (-1 when it timed out).</summary>
internal sealed record ToolResult(int ExitCode, string Output);
