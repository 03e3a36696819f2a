using System.Runtime.InteropServices;
using MidiSampler.Realtime.Native;

namespace MidiSampler.Realtime;

/// <summary>Real-time scheduling and memory locking for the calling thread and process (ms_sampler_enable_rt).</summary>
/// <remarks>
/// Design: on Linux every .NET thread is a kernel task, and pid 0 in sched_setscheduler means the
/// calling task, so the policy applies to the calling thread only, as pthread_setschedparam would.
/// Refusals never throw: the result carries errno, the limits seen and the fix, so a host can go on
/// (with a warning) at normal priority, as JACK clients do when they are not allowed real time.
/// </remarks>
public static class RealtimeSupport
{
    /// <summary>
    /// Sets SCHED_FIFO at <paramref name="priority"/> (1..99) on the calling thread and, when
    /// <paramref name="lockMemory"/>, locks the process's memory. Never throws for a refusal: the result says
    /// what failed and how to fix it. Control thread (or the thread to be promoted).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="priority"/> is outside 1..99.</exception>
    /// <exception cref="PlatformNotSupportedException">Not running on Linux.</exception>
    public static RealtimeResult EnableRealtime(int priority, bool lockMemory = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(priority, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priority, 99);
        EnsureLinux();
        var limits = ReadLimits();
        var problems = new List<string>();
        string? exe = Environment.ProcessPath;

        var param = new LibC.sched_param { sched_priority = priority };
        bool scheduled = LibC.sched_setscheduler(0, LibC.SCHED_FIFO, param) == 0;
        int schedErrno = scheduled ? 0 : Marshal.GetLastPInvokeError();
        if (!scheduled)
            problems.Add(RealtimeAdvice.SchedulingFailure(priority, schedErrno, limits, exe));

        bool locked = false, onFault = false;
        int lockErrno = 0;
        if (lockMemory)
        {
            lockErrno = LockMemory(out onFault);
            locked = lockErrno == 0;
            if (!locked)
                problems.Add(RealtimeAdvice.MemoryLockFailure(lockErrno, limits, exe));
        }

        return new RealtimeResult(scheduled, locked, problems)
        {
            RequestedPriority = priority,
            MemoryLockRequested = lockMemory,
            SchedulingErrno = schedErrno,
            MemoryLockErrno = lockErrno,
            LockedOnFault = onFault,
            Limits = limits,
        };
    }

    /// <summary>
    /// Locks the process's current and future memory. Returns 0 or the errno of the refusal, and whether
    /// pages are locked on first touch (MCL_ONFAULT). Control thread.
    /// </summary>
    /// <remarks>
    /// MCL_ONFAULT (Linux 4.4) is asked for first. Without it, mlockall populates every mapping at once:
    /// each thread's whole stack, every mapped assembly, each GC region the moment it is committed, which
    /// costs tens to hundreds of MB of RAM on a .NET process (a real cost on a 1 GB Raspberry Pi) and stalls
    /// the call. With it, a page is locked when first touched and is never paged out after that, which is
    /// what the audio path needs, provided it has run once before going live (<c>Sampler.WarmUp</c>, sample
    /// data written at load). Older kernels answer EINVAL, and we fall back to plain MCL_CURRENT|MCL_FUTURE.
    /// </remarks>
    public static int LockMemory(out bool onFault)
    {
        EnsureLinux();
        onFault = true;
        if (LibC.mlockall(LibC.MCL_CURRENT | LibC.MCL_FUTURE | LibC.MCL_ONFAULT) == 0)
            return 0;
        int errno = Marshal.GetLastPInvokeError();
        if (errno != LibC.EINVAL)
            return errno;
        onFault = false;
        return LibC.mlockall(LibC.MCL_CURRENT | LibC.MCL_FUTURE) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>Unlocks all of the process's memory (munlockall). Control thread.</summary>
    public static void UnlockMemory()
    {
        EnsureLinux();
        _ = LibC.munlockall();
    }

    /// <summary>The calling thread's scheduling policy and priority. Any thread (does not allocate).</summary>
    public static ThreadScheduling GetCurrentThreadScheduling()
    {
        EnsureLinux();
        int policy = LibC.sched_getscheduler(0);
        if (policy < 0)
            return new ThreadScheduling(SchedulingPolicy.Unknown, 0);
        policy &= ~LibC.SCHED_RESET_ON_FORK;
        int priority = LibC.sched_getparam(0, out var param) == 0 ? param.sched_priority : 0;
        var known = policy switch
        {
            LibC.SCHED_OTHER => SchedulingPolicy.Other,
            LibC.SCHED_FIFO => SchedulingPolicy.Fifo,
            LibC.SCHED_RR => SchedulingPolicy.RoundRobin,
            LibC.SCHED_BATCH => SchedulingPolicy.Batch,
            LibC.SCHED_IDLE => SchedulingPolicy.Idle,
            LibC.SCHED_DEADLINE => SchedulingPolicy.Deadline,
            _ => SchedulingPolicy.Unknown,
        };
        return new ThreadScheduling(known, priority);
    }

    /// <summary>
    /// Returns the calling thread to SCHED_OTHER (always allowed). Returns false if the kernel refused.
    /// The thread that was promoted (the audio thread when it stops, or a test's throw-away thread).
    /// </summary>
    public static bool SetNormalScheduling()
    {
        EnsureLinux();
        var param = new LibC.sched_param { sched_priority = 0 };
        return LibC.sched_setscheduler(0, LibC.SCHED_OTHER, param) == 0;
    }

    /// <summary>The process's RLIMIT_RTPRIO and RLIMIT_MEMLOCK (getrlimit). Any thread except the audio thread.</summary>
    public static RealtimeLimits ReadLimits()
    {
        EnsureLinux();
        var (rtSoft, rtHard) = Get(LibC.RLIMIT_RTPRIO);
        var (memSoft, memHard) = Get(LibC.RLIMIT_MEMLOCK);
        return new RealtimeLimits(rtSoft, rtHard, memSoft, memHard);

        static (long? Soft, long? Hard) Get(int resource)
        {
            if (LibC.getrlimit(resource, out var r) != 0)
                return (0, 0);
            return (ToLimit(r.rlim_cur), ToLimit(r.rlim_max));
        }

        static long? ToLimit(nuint value) => value == LibC.RLIM_INFINITY || value > long.MaxValue ? null : (long)value;
    }

    private static void EnsureLinux()
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("real-time scheduling support is implemented for Linux only");
    }
}
