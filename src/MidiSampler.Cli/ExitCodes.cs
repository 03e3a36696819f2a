namespace MidiSampler.Cli;

/// <summary>The program's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Bad input: a file that cannot be read or parsed, a value out of range. A message on stderr.</summary>
    public const int BadInput = 1;

    /// <summary>Wrong usage: unknown option, missing argument.</summary>
    public const int Usage = 2;
}
