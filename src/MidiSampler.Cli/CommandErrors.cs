using MidiSampler.Formats;

namespace MidiSampler.Cli;

/// <summary>Turns the errors a command can meet into one line on stderr and an exit code: never a stack trace.</summary>
internal static class CommandErrors
{
    /// <summary>Runs <paramref name="action"/>; bad input becomes exit code 1 with a message.</summary>
    public static int Guard(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (InstrumentLoadException e)
        {
            error.WriteLine($"midi-sampler: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            error.WriteLine($"midi-sampler: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
