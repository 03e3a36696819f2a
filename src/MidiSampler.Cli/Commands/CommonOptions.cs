using System.CommandLine;
using MidiSampler.Engine;

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

    /// <summary>
    /// <c>-g, --gain DB</c>: the master gain in decibels, the same on <c>render</c> and <c>play</c>. FluidSynth's <c>-g</c> is
    /// a linear factor (its default 0.2 is about -14 dB), so the help says which this one is.
    /// </summary>
    public static Option<double?> GainDb() => new("--gain", "-g")
    {
        HelpName = "DB",
        Description = "output gain in dB, not a linear factor (FluidSynth's -g 0.2 is about -14 here); at most +40; default 0, -12 with a SoundFont",
    };

    /// <summary><c>--interpolation linear|cubic</c>, lowercase everywhere.</summary>
    public static Option<string> Interpolation()
    {
        var option = new Option<string>("--interpolation") { Description = "linear or cubic (4-point Hermite)", DefaultValueFactory = _ => "cubic" };
        option.AcceptOnlyFromAmong("linear", "cubic");
        return option;
    }

    /// <summary>The engine's mode for a value of <see cref="Interpolation"/>.</summary>
    public static InterpolationMode InterpolationMode(string? value) => value == "linear" ? Engine.InterpolationMode.Linear : Engine.InterpolationMode.Cubic;

    /// <summary>
    /// Makes a word that looks like an option (<c>--bogus</c>) a usage error when it lands among an argument's values:
    /// a command whose argument takes any number of files would otherwise take it for a file name.
    /// </summary>
    public static T RejectOptionLikeValues<T>(this T argument)
        where T : Argument
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-' && !File.Exists(token.Value) && !Directory.Exists(token.Value))
                    result.AddError($"unknown option '{token.Value}'");
            }
        });
        return argument;
    }
}
