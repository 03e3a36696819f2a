using System.CommandLine;
using MidiSampler.Cli.Commands;

namespace MidiSampler.Cli;

/// <summary>Entry point of the <c>midi-sampler</c> program.</summary>
internal static class Program
{
    private static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses and runs a command line. Exit codes: 0 success, 1 bad input, 2 wrong usage.</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
                error.WriteLine($"midi-sampler: {e.Message}");
            error.WriteLine("Try 'midi-sampler --help'.");
            return ExitCodes.Usage;
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
}
