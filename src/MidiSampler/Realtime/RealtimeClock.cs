using MidiSampler.Realtime.Native;

namespace MidiSampler.Realtime;

/// <summary>
/// CLOCK_MONOTONIC in nanoseconds and sleeping until an absolute deadline on it
/// (clock_nanosleep with TIMER_ABSTIME), the way cyclictest and periodic audio loops wait: a deadline
/// computed from the previous one does not drift, whatever the lateness of each wake-up.
/// Any thread, the audio thread included (no allocation, no lock).
/// </summary>
public static class RealtimeClock
{
    /// <summary>The current CLOCK_MONOTONIC time in nanoseconds.</summary>
    public static long NowNanoseconds()
    {
        _ = LibC.clock_gettime(LibC.CLOCK_MONOTONIC, out var ts);
        return (ts.tv_sec * 1_000_000_000L) + ts.tv_nsec;
    }

    /// <summary>Sleeps until CLOCK_MONOTONIC reaches <paramref name="deadlineNanoseconds"/>; returns at once if it has passed.</summary>
    public static void SleepUntil(long deadlineNanoseconds)
    {
        var ts = new LibC.timespec
        {
            tv_sec = (nint)(deadlineNanoseconds / 1_000_000_000L),
            tv_nsec = (nint)(deadlineNanoseconds % 1_000_000_000L),
        };

        // A signal (the runtime uses them to suspend threads for a GC) interrupts the sleep with EINTR:
        // sleeping again to the same absolute deadline is exactly right.
        while (LibC.clock_nanosleep(LibC.CLOCK_MONOTONIC, LibC.TIMER_ABSTIME, ts, 0) == LibC.EINTR)
        {
        }
    }
}
