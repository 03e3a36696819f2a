using System.Runtime.InteropServices;

namespace MidiSampler.Realtime.Native;

#pragma warning disable CS8981 // lower-case type names: the C struct names are kept exactly
#pragma warning disable IDE1006, CA1707 // C names and constants kept exactly

/// <summary>
/// The few libc calls .NET does not provide: real-time scheduling, memory locking, resource limits and
/// absolute-deadline sleeping. C names and constants are kept exactly as in the Linux headers
/// (sched.h, sys/mman.h, sys/resource.h, time.h). Every call sets errno, read with
/// <see cref="Marshal.GetLastPInvokeError"/>.
/// </summary>
internal static partial class LibC
{
    private const string Lib = "libc";

    public const int SCHED_OTHER = 0;
    public const int SCHED_FIFO = 1;
    public const int SCHED_RR = 2;
    public const int SCHED_BATCH = 3;
    public const int SCHED_IDLE = 5;
    public const int SCHED_DEADLINE = 6;

    /// <summary>Bit OR-ed into a policy so that children do not inherit it (sched.h).</summary>
    public const int SCHED_RESET_ON_FORK = 0x40000000;

    public const int MCL_CURRENT = 1;
    public const int MCL_FUTURE = 2;

    /// <summary>Linux 4.4 and later: lock pages when they are first touched rather than populating them now.</summary>
    public const int MCL_ONFAULT = 4;

    public const int RLIMIT_MEMLOCK = 8;
    public const int RLIMIT_RTPRIO = 14;

    public const int CLOCK_MONOTONIC = 1;
    public const int TIMER_ABSTIME = 1;

    public const int EPERM = 1;
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EINVAL = 22;

    /// <summary>struct sched_param.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct sched_param
    {
        public int sched_priority;
    }

    /// <summary>struct rlimit: rlim_t is unsigned long (32 bits on 32-bit ARM, 64 bits on arm64 and x86-64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct rlimit
    {
        public nuint rlim_cur;
        public nuint rlim_max;
    }

    /// <summary>struct timespec with the platform's native time_t and long.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct timespec
    {
        public nint tv_sec;
        public nint tv_nsec;
    }

    /// <summary>RLIM_INFINITY: all bits set in rlim_t.</summary>
    public static nuint RLIM_INFINITY => nuint.MaxValue;

    /// <summary>pid 0 is the calling thread: on Linux every thread is a task with its own policy.</summary>
    [LibraryImport(Lib, SetLastError = true)]
    public static partial int sched_setscheduler(int pid, int policy, in sched_param param);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int sched_getscheduler(int pid);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int sched_getparam(int pid, out sched_param param);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int sched_get_priority_max(int policy);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int mlockall(int flags);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int munlockall();

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int getrlimit(int resource, out rlimit rlim);

    /// <summary>Returns the error number itself (not -1 and errno), like every clock_nanosleep.</summary>
    [LibraryImport(Lib)]
    public static partial int clock_nanosleep(int clockid, int flags, in timespec request, nint remain);

    [LibraryImport(Lib, SetLastError = true)]
    public static partial int clock_gettime(int clockid, out timespec tp);
}
