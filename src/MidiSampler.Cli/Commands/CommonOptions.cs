using System.CommandLine;

namespace MidiSampler.Cli.Commands;

/// <summary>Options shared by several commands, so that they are named and described the same everywhere.</summary>
internal static class CommonOptions
{
    /// <summary><c>--root-note</c>: the root key of an instrument made from a single sample file.</summary>
    public static Option<int?> RootNote() => new("--root-note")
    {
        Description = "Root key (0-127) of a single-sample instrument; default: the WAV smpl chunk's, else 60",
    };
}
