using System.CommandLine;
using System.CommandLine.Help;
using MidiSampler.Cli.Commands;

namespace MidiSampler.Cli;

/// <summary>Entry point of the <c>midi-sampler</c> program.</summary>
internal static class Program
{
    private static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses and runs a command line. Exit codes: 0 success, 1 bad input, 2 wrong usage (with the usage).</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
                error.WriteLine($"midi-sampler: {e.Message}");
            var command = parse.CommandResult.Command;
            error.Write(UsageSection(HelpText(command == root ? [] : [command.Name])));
            error.WriteLine($"Try 'midi-sampler {(command == root ? "" : command.Name + " ")}--help'.");
            return ExitCodes.Usage;
        }

        if (parse.Action is HelpAction)
        {
            output.Write(HelpText(args));
            return ExitCodes.Ok;
        }

        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        return CommandErrors.Guard(error, () => parse.Invoke(config));
    }

    /// <summary>The command tree. One file per command under Commands/.</summary>
    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("midi-sampler: a real-time, low-latency MIDI sampler for Linux (SFZ, SoundFont 2, WAV)");
        root.Subcommands.Add(PlayCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(LatencyCommand.Create());
        return root;
    }

    /// <summary>
    /// The help System.CommandLine writes for <paramref name="args"/> (which end in, or are, a help request), with the
    /// command list's labels corrected: it shows every argument as required; ours say which are optional
    /// (<c>check [&lt;INSTRUMENT&gt;]</c>) and which take several (<c>play &lt;INSTRUMENT&gt;...</c>), as each command's own
    /// usage line does.
    /// </summary>
    internal static string HelpText(IReadOnlyList<string> args)
    {
        var root = BuildRoot();
        using var text = new StringWriter();
        string[] request = args.Count > 0 && args[^1] is "--help" or "-h" or "-?" ? [.. args] : [.. args, "--help"];
        root.Parse(request).Invoke(new InvocationConfiguration { Output = text, Error = text });
        var lines = text.ToString().Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            foreach (var command in root.Subcommands)
            {
                string plain = "  " + command.Name + string.Concat(command.Arguments.Where(a => !a.Hidden).Select(a => $" <{a.HelpName ?? a.Name}>"));
                if (!lines[i].StartsWith(plain + "  ", StringComparison.Ordinal))
                    continue;
                string label = "  " + CommandLabel(command);
                int column = plain.Length + (lines[i].Length - lines[i][plain.Length..].TrimStart().Length - plain.Length);
                string description = lines[i][column..];
                lines[i] = label.PadRight(Math.Max(column, label.Length + 2)) + description;
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary><c>check [&lt;INSTRUMENT&gt;]</c>, <c>play &lt;INSTRUMENT&gt;...</c>, <c>render &lt;INSTRUMENT&gt; &lt;SONG&gt;</c>.</summary>
    internal static string CommandLabel(Command command)
    {
        var words = new List<string> { command.Name };
        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            string name = argument.HelpName ?? argument.Name;
            string label = argument.Arity.MaximumNumberOfValues > 1 ? $"<{name}>..." : $"<{name}>";
            words.Add(argument.Arity.MinimumNumberOfValues == 0 ? $"[{label}]" : label);
        }

        return string.Join(' ', words);
    }

    /// <summary>The "Usage:" section of a help text (what a usage error prints before pointing to --help).</summary>
    private static string UsageSection(string help)
    {
        var usage = new System.Text.StringBuilder();
        bool inside = false;
        foreach (string line in help.Split('\n'))
        {
            if (line.StartsWith("Usage:", StringComparison.Ordinal))
                inside = true;
            else if (inside && line.Trim().Length == 0)
                break;
            if (inside)
                usage.Append(line).Append('\n');
        }

        return usage.ToString();
    }
}
