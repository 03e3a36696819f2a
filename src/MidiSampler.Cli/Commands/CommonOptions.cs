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

    /// <summary>
    /// The master gain when <c>--gain</c> is not given: -12 dB when a SoundFont is among the instruments, else 0 dB.
    /// A General MIDI song through a whole SoundFont sums 16 channels of full-scale presets (a dense one peaked at
    /// +8 dBFS at unity); FluidSynth's default gain 0.2 (-14 dB, with its -3 dB centre pan) exists for the same reason.
    /// -12 dB keeps such a song below full scale and a solo preset still usefully loud (docs/soundfont.md).
    /// </summary>
    public static double DefaultGainDb(IEnumerable<string> instrumentPaths) =>
        instrumentPaths.Any(p => Path.GetExtension(p).ToLowerInvariant() is ".sf2" or ".sf3") ? SoundFontGainDb : 0;

    /// <summary>The default master gain with a SoundFont (see <see cref="DefaultGainDb"/>).</summary>
    public const double SoundFontGainDb = -12;
}
