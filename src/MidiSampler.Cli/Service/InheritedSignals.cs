using System.Globalization;

namespace MidiSampler.Cli.Service;

/// <summary>
/// Signals this process inherited as ignored. The .NET runtime keeps such a signal ignored and calls no registered
/// handler for it (it honours <c>nohup</c>, which ignores SIGHUP), so <c>play</c> started under <c>nohup</c> cannot
/// reload on SIGHUP; it says so instead of leaving a reload request unanswered.
/// </summary>
internal static class InheritedSignals
{
    public const int Hangup = 1; // SIGHUP

    /// <summary>True when <paramref name="signal"/> is ignored in this process (Linux: the SigIgn mask of /proc/self/status).</summary>
    public static bool IsIgnored(int signal)
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("SigIgn:", StringComparison.Ordinal)
                    && ulong.TryParse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong mask))
                    return (mask & (1UL << (signal - 1))) != 0;
            }
        }
        catch (IOException)
        {
            // no /proc: nothing to report
        }
        catch (UnauthorizedAccessException)
        {
        }

        return false;
    }
}
