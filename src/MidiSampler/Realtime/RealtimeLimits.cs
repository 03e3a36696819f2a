namespace MidiSampler.Realtime;

/// <summary>The process's resource limits that decide what an unprivileged process may do in real time (getrlimit).</summary>
/// <param name="RtprioSoft">RLIMIT_RTPRIO soft limit: the highest SCHED_FIFO priority allowed without CAP_SYS_NICE; null when unlimited.</param>
/// <param name="RtprioHard">RLIMIT_RTPRIO hard limit; null when unlimited.</param>
/// <param name="MemlockSoftBytes">RLIMIT_MEMLOCK soft limit in bytes; null when unlimited.</param>
/// <param name="MemlockHardBytes">RLIMIT_MEMLOCK hard limit in bytes; null when unlimited.</param>
public sealed record RealtimeLimits(long? RtprioSoft, long? RtprioHard, long? MemlockSoftBytes, long? MemlockHardBytes)
{
    /// <summary>Formats a limit the way <c>ulimit</c> does: "unlimited" or the number.</summary>
    public static string Format(long? value) => value is null ? "unlimited" : value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Formats a byte limit as "unlimited", "64 KiB", "8 MiB"...</summary>
    public static string FormatBytes(long? bytes) => bytes switch
    {
        null => "unlimited",
        >= 1L << 30 when bytes.Value % (1L << 30) == 0 => $"{bytes.Value >> 30} GiB",
        >= 1L << 20 when bytes.Value % (1L << 20) == 0 => $"{bytes.Value >> 20} MiB",
        >= 1L << 10 when bytes.Value % (1L << 10) == 0 => $"{bytes.Value >> 10} KiB",
        _ => $"{bytes.Value} bytes",
    };
}
