using System.Runtime.InteropServices;
using MidiSampler.Realtime.Native;

namespace MidiSampler.Realtime;

/// <summary>
/// The words that tell a user why real-time scheduling or memory locking was refused and what to change.
/// Shared by <see cref="RealtimeSupport"/> and the <c>check</c> command so that both give the same fix.
/// Any thread (allocates: never the audio thread).
/// </summary>
/// <remarks>
/// The fixes are the usual ones on Linux audio systems: PAM limits for the audio group (the
/// <c>/etc/security/limits.d/audio.conf</c> that Debian's jackd2 package offers to install),
/// systemd's LimitRTPRIO/LimitMEMLOCK for services, or file capabilities on the executable.
/// </remarks>
public static class RealtimeAdvice
{
    /// <summary>The lines of /etc/security/limits.d/audio.conf that allow real-time audio for the audio group.</summary>
    public const string LimitsConfLines = "@audio - rtprio 95\n@audio - memlock unlimited";

    /// <summary>The PAM limits fix, in one sentence.</summary>
    public static string LimitsFix =>
        "put '@audio - rtprio 95' and '@audio - memlock unlimited' in /etc/security/limits.d/audio.conf, " +
        "add the user to the audio group ('sudo usermod -aG audio $USER') and log in again " +
        "(a systemd service ignores PAM limits: set LimitRTPRIO=95 and LimitMEMLOCK=infinity in its unit)";

    /// <summary>The file-capability fix for the running executable, with what it means for a .NET host.</summary>
    public static string CapabilityFix(string? processPath)
    {
        string exe = string.IsNullOrEmpty(processPath) ? "midi-sampler" : processPath;
        if (string.Equals(Path.GetFileName(exe), "dotnet", StringComparison.Ordinal))
        {
            return $"or grant capabilities to the executable; this process runs under the shared 'dotnet' host ({exe}), " +
                "and a capability set on it would apply to every .NET program on the machine: install the 'midi-sampler' " +
                "executable (the apphost, or a self-contained publish) and run 'sudo setcap cap_sys_nice,cap_ipc_lock+ep' on that instead";
        }

        return $"or grant capabilities to the executable: 'sudo setcap cap_sys_nice,cap_ipc_lock+ep {exe}' " +
            "(re-run it after every update, since replacing the file drops them; such a program runs in secure mode, " +
            "where the loader ignores LD_LIBRARY_PATH and LD_PRELOAD, so a self-contained publish is the safest to grant)";
    }

    /// <summary>Explains a refused sched_setscheduler(SCHED_FIFO) and names the fix.</summary>
    public static string SchedulingFailure(int priority, int errno, RealtimeLimits? limits, string? processPath)
    {
        string seen = limits is null ? "" :
            $" RLIMIT_RTPRIO is {RealtimeLimits.Format(limits.RtprioSoft)} (hard {RealtimeLimits.Format(limits.RtprioHard)}).";
        if (errno == LibC.EINVAL)
            return $"SCHED_FIFO priority {priority} refused (EINVAL): the priority must be 1..99.";
        if (errno != LibC.EPERM)
            return $"SCHED_FIFO priority {priority} refused ({ErrnoName(errno)}: {Marshal.GetPInvokeErrorMessage(errno)}).{seen}";

        if (limits is not null && (limits.RtprioSoft is null || limits.RtprioSoft >= priority))
        {
            // The limit allows it, yet the kernel said no: with CONFIG_RT_GROUP_SCHED a cgroup without
            // real-time runtime refuses SCHED_FIFO, and containers usually drop CAP_SYS_NICE.
            return $"SCHED_FIFO priority {priority} refused (EPERM) although the limit allows it.{seen} " +
                "The refusal comes from the cgroup or the container: with CONFIG_RT_GROUP_SCHED the process's cgroup needs " +
                "a real-time budget (cpu.rt_runtime_us above 0), and a container needs CAP_SYS_NICE (docker run --cap-add=sys_nice " +
                "--ulimit rtprio=95).";
        }

        return $"SCHED_FIFO priority {priority} refused (EPERM): the process lacks CAP_SYS_NICE and its limit is below {priority}.{seen} " +
            $"Fix: {LimitsFix}; {CapabilityFix(processPath)}.";
    }

    /// <summary>Explains a refused mlockall and names the fix.</summary>
    public static string MemoryLockFailure(int errno, RealtimeLimits? limits, string? processPath)
    {
        string seen = limits is null ? "" :
            $" RLIMIT_MEMLOCK is {RealtimeLimits.FormatBytes(limits.MemlockSoftBytes)} (hard {RealtimeLimits.FormatBytes(limits.MemlockHardBytes)}).";
        string what = errno switch
        {
            LibC.ENOMEM => "mlockall refused (ENOMEM): the process lacks CAP_IPC_LOCK and its mapped memory exceeds the limit.",
            LibC.EPERM => "mlockall refused (EPERM): the process lacks CAP_IPC_LOCK and its limit is 0.",
            LibC.EAGAIN => "mlockall could not lock all memory (EAGAIN): some pages could not be locked.",
            _ => $"mlockall refused ({ErrnoName(errno)}: {Marshal.GetPInvokeErrorMessage(errno)}).",
        };

        // Why 'unlimited' and not a few hundred MB: mlockall(MCL_CURRENT) compares the whole mapped
        // address space (total_vm) with the limit, and the .NET runtime reserves far more address space
        // than it uses (the GC reserves its heap range up front), so any finite limit is usually too small.
        return what + seen + " A .NET process maps much more address space than it uses, so the limit has to be 'unlimited'. " +
            $"Fix: {LimitsFix}; {CapabilityFix(processPath)}.";
    }

    /// <summary>The C name of an errno value (EPERM, ENOMEM...), or "errno N".</summary>
    public static string ErrnoName(int errno) => errno switch
    {
        LibC.EPERM => "EPERM",
        LibC.EINTR => "EINTR",
        LibC.EAGAIN => "EAGAIN",
        LibC.ENOMEM => "ENOMEM",
        LibC.EINVAL => "EINVAL",
        _ => $"errno {errno}",
    };
}
