using MidiSampler.Realtime;

namespace MidiSampler.Cli.Commands.Check;

/// <summary>
/// May this process run in real time: limits, the audio group, capabilities, and an actual SCHED_FIFO
/// attempt (rtcqs checks the first three; the attempt catches cgroups and containers that refuse anyway).
/// </summary>
internal static class PermissionChecks
{
    /// <summary>The lowest RLIMIT_RTPRIO we call ready: room for JACK (often 70-90) and our own thread just below it.</summary>
    public const int MinimumRtprio = 75;

    public static CheckResult Rtprio(ISystemView view)
    {
        const string id = "limits.rtprio";
        long? limit = SystemFacts.Limit(view, "Max realtime priority");
        if (limit == -1)
            return CheckResult.NotApplicable(id, "/proc/self/limits is unreadable");
        string seen = $"RLIMIT_RTPRIO {RealtimeLimits.Format(limit)}";
        if (limit is null || limit >= MinimumRtprio)
            return CheckResult.Ok(id, seen);
        if (SystemFacts.HasCapability(view, SystemFacts.CapSysNice))
            return CheckResult.Ok(id, seen + ", but the process has CAP_SYS_NICE, which overrides it");
        string fix = "allow real-time priorities: " + RealtimeAdvice.LimitsFix;
        return limit == 0
            ? CheckResult.Fail(id, seen + ": no real-time scheduling is allowed", fix)
            : CheckResult.Warn(id, seen + $": below {MinimumRtprio}, the sampler cannot sit just below JACK's priority", fix);
    }

    public static CheckResult Memlock(ISystemView view)
    {
        const string id = "limits.memlock";
        long? limit = SystemFacts.Limit(view, "Max locked memory");
        if (limit == -1)
            return CheckResult.NotApplicable(id, "/proc/self/limits is unreadable");
        string seen = $"RLIMIT_MEMLOCK {RealtimeLimits.FormatBytes(limit)}";
        if (limit is null)
            return CheckResult.Ok(id, seen);
        if (SystemFacts.HasCapability(view, SystemFacts.CapIpcLock))
            return CheckResult.Ok(id, seen + ", but the process has CAP_IPC_LOCK, which overrides it");
        return CheckResult.Warn(id,
            seen + ": memory cannot be locked (a .NET process maps far more address space than any finite limit), so sample pages may be swapped out and fault on the audio thread",
            "set memlock to unlimited: " + RealtimeAdvice.LimitsFix);
    }

    public static CheckResult AudioGroup(ISystemView view)
    {
        const string id = "user.audio-group";
        int uid = SystemFacts.Uid(view);
        var (gid, members) = AudioGroupEntry(view);
        if (gid is null)
            return CheckResult.Warn(id, "no 'audio' group in /etc/group", "create it ('sudo groupadd audio') and give it the limits: " + RealtimeAdvice.LimitsFix);
        bool inSession = (SystemFacts.Status(view, "Groups") ?? "").Split(' ', '\t', StringSplitOptions.RemoveEmptyEntries).Contains(gid);
        if (uid == 0)
            return CheckResult.Ok(id, "running as root, which needs no group (for daily use run as an ordinary user in the audio group)");
        if (inSession)
            return CheckResult.Ok(id, $"this session is in the audio group (gid {gid})");
        bool limitsEnough = LimitsEnough(view);
        string user = UserName(view, uid);
        if (members.Contains(user))
            return CheckResult.Warn(id, $"{user} is listed in the audio group but this session predates it", "log out and in again (or reboot) so that the new group takes effect");
        return limitsEnough
            ? CheckResult.Ok(id, $"not in the audio group (gid {gid}), but the limits already allow real time")
            : CheckResult.Fail(id, $"{user} is not in the audio group (gid {gid})", $"sudo usermod -aG audio {user}, then log in again");
    }

    public static CheckResult Capabilities(ISystemView view)
    {
        const string id = "user.capabilities";
        bool nice = SystemFacts.HasCapability(view, SystemFacts.CapSysNice);
        bool ipc = SystemFacts.HasCapability(view, SystemFacts.CapIpcLock);
        string found = $"CAP_SYS_NICE {(nice ? "yes" : "no")}, CAP_IPC_LOCK {(ipc ? "yes" : "no")}";
        if (FileCapabilities(view) is { } fileCaps)
            found += $"; the executable's file capabilities: {fileCaps}";
        if (nice && ipc)
            return CheckResult.Ok(id, found);
        if (LimitsEnough(view))
            return CheckResult.Ok(id, found + " (not needed: the limits allow real time)");
        return CheckResult.Warn(id, found + ", and the limits do not make up for it",
            "either fix the limits (see limits.rtprio) " + RealtimeAdvice.CapabilityFix(view.ProcessPath));
    }

    /// <summary>
    /// The capabilities set on the executable itself (what `setcap` wrote, read back with `getcap`), "none", or
    /// null when they cannot be read (no getcap, or no executable path). They explain a process's capabilities
    /// when it does not run as root, and they are lost when the file is replaced by an update.
    /// </summary>
    internal static string? FileCapabilities(ISystemView view)
    {
        if (view.ProcessPath is not { } path)
            return null;
        var result = view.RunTool("getcap", path);
        if (result is null || result.ExitCode != 0)
            return null;
        string output = result.Output.Trim();
        if (output.Length == 0)
            return "none";
        // getcap prints "PATH CAPS" (libcap 2.4x) or "PATH = CAPS" (older): keep what follows the path.
        string caps = output.StartsWith(path, StringComparison.Ordinal) ? output[path.Length..].Trim() : output;
        return caps.TrimStart('=').Trim();
    }

    public static CheckResult SchedFifo(ISystemView view, int priority)
    {
        const string id = "rt.sched-fifo";
        var (result, seen) = view.TryRealtimeThread(priority);
        if (result.Scheduling && seen == new ThreadScheduling(SchedulingPolicy.Fifo, priority))
            return CheckResult.Ok(id, $"a test thread got {seen}");
        if (result.Scheduling)
            return CheckResult.Warn(id, $"SCHED_FIFO {priority} was accepted but the thread reads back {seen}", "check for a tool that resets priorities (e.g. a system-wide scheduler daemon)");
        return CheckResult.Fail(id, $"SCHED_FIFO {priority} refused ({RealtimeAdvice.ErrnoName(result.SchedulingErrno)})",
            result.Problems.Count > 0 ? result.Problems[0] : RealtimeAdvice.LimitsFix);
    }

    private static bool LimitsEnough(ISystemView view)
    {
        long? rt = SystemFacts.Limit(view, "Max realtime priority");
        long? mem = SystemFacts.Limit(view, "Max locked memory");
        return (rt is null || rt >= MinimumRtprio) && mem is null;
    }

    private static (string? Gid, string[] Members) AudioGroupEntry(ISystemView view)
    {
        foreach (string line in (view.ReadText("/etc/group") ?? "").Split('\n'))
        {
            string[] f = line.Split(':');
            if (f.Length >= 4 && f[0] == "audio")
                return (f[2], f[3].Trim().Split(',', StringSplitOptions.RemoveEmptyEntries));
        }

        return (null, []);
    }

    private static string UserName(ISystemView view, int uid)
    {
        string u = uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string line in (view.ReadText("/etc/passwd") ?? "").Split('\n'))
        {
            string[] f = line.Split(':');
            if (f.Length >= 3 && f[2] == u)
                return f[0];
        }

        return Environment.UserName;
    }
}
