using System.Runtime.ExceptionServices;
using MidiSampler.Realtime;
using MidiSampler.Tests.TestSupport;

namespace MidiSampler.Tests.Realtime;

/// <summary>
/// SCHED_FIFO and mlockall for real: each attempt runs on a dedicated thread that ends afterwards, so the
/// test runner's threads keep their normal policy; memory is unlocked again at once.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class RealtimeSupportTests
{
    [Fact]
    public void Fifo_is_set_on_the_calling_thread_only_and_can_be_undone()
    {
        var limits = RealtimeSupport.ReadLimits();
        bool allowed = ThreadCapabilities.HasEffective(ThreadCapabilities.CAP_SYS_NICE) || limits.RtprioSoft is null || limits.RtprioSoft >= 80;
        var before = RealtimeSupport.GetCurrentThreadScheduling();

        var (result, during, after) = OnThread(() =>
        {
            var r = RealtimeSupport.EnableRealtime(80, lockMemory: false);
            var d = RealtimeSupport.GetCurrentThreadScheduling();
            Assert.True(RealtimeSupport.SetNormalScheduling());
            return (r, d, RealtimeSupport.GetCurrentThreadScheduling());
        });

        Assert.Equal(allowed, result.Scheduling);
        Assert.Equal(result.Scheduling, result.Success); // no memory lock asked for
        Assert.Equal(result.Scheduling ? new ThreadScheduling(SchedulingPolicy.Fifo, 80) : before, during);
        Assert.Equal(new ThreadScheduling(SchedulingPolicy.Other, 0), after);
        Assert.Equal(before, RealtimeSupport.GetCurrentThreadScheduling()); // this thread never changed
        Assert.Equal(result.Scheduling, result.Problems.Count == 0);
    }

    [Fact]
    public void Refusal_names_errno_the_limits_seen_and_the_fix()
    {
        var limits = RealtimeSupport.ReadLimits();
        // With RLIMIT_RTPRIO at 99 or unlimited no priority can be refused: ask for 99 and expect success.
        bool refusable = limits.RtprioSoft is not null and < 99;
        int priority = refusable ? (int)limits.RtprioSoft!.Value + 1 : 99;

        var result = OnThread(() =>
        {
            // As an unprivileged user would be: no CAP_SYS_NICE, no CAP_IPC_LOCK (this thread only).
            ThreadCapabilities.DropEffective(ThreadCapabilities.CAP_SYS_NICE, ThreadCapabilities.CAP_IPC_LOCK);
            var r = RealtimeSupport.EnableRealtime(priority);
            if (r.MemoryLocked)
                RealtimeSupport.UnlockMemory();
            return r;
        });

        Assert.Equal(!refusable, result.Scheduling);
        if (!refusable)
            return;
        Assert.False(result.Success);
        Assert.Equal(1, result.SchedulingErrno); // EPERM
        string sched = result.Problems[0];
        Assert.Contains("EPERM", sched, StringComparison.Ordinal);
        Assert.Contains($"RLIMIT_RTPRIO is {limits.RtprioSoft}", sched, StringComparison.Ordinal);
        Assert.Contains("@audio - rtprio 95", sched, StringComparison.Ordinal);
        Assert.Contains("/etc/security/limits.d/audio.conf", sched, StringComparison.Ordinal);
        Assert.Contains("usermod -aG audio", sched, StringComparison.Ordinal);
        Assert.Contains("LimitRTPRIO", sched, StringComparison.Ordinal);
        Assert.Contains("setcap cap_sys_nice,cap_ipc_lock+ep", sched, StringComparison.Ordinal);

        if (limits.MemlockSoftBytes is not null)
        {
            // A .NET process maps far more than any usual finite limit: mlockall(MCL_CURRENT) must refuse.
            Assert.False(result.MemoryLocked);
            Assert.Equal(12, result.MemoryLockErrno); // ENOMEM
            string mem = result.Problems[1];
            Assert.Contains("ENOMEM", mem, StringComparison.Ordinal);
            Assert.Contains("RLIMIT_MEMLOCK is " + RealtimeLimits.FormatBytes(limits.MemlockSoftBytes), mem, StringComparison.Ordinal);
            Assert.Contains("@audio - memlock unlimited", mem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Memory_locks_on_fault_and_unlocks()
    {
        bool allowed = ThreadCapabilities.HasEffective(ThreadCapabilities.CAP_IPC_LOCK) || RealtimeSupport.ReadLimits().MemlockSoftBytes is null;
        int errno = RealtimeSupport.LockMemory(out bool onFault);
        try
        {
            Assert.Equal(allowed ? 0 : 12, errno);
            if (!allowed)
                return;
            Assert.True(onFault); // every kernel since 4.4 has MCL_ONFAULT
            Assert.True(LockedKiB() > 0);
        }
        finally
        {
            RealtimeSupport.UnlockMemory();
        }

        Assert.Equal(0, LockedKiB());
    }

    [Fact]
    public void Sleeping_until_an_absolute_deadline_never_wakes_early()
    {
        long start = RealtimeClock.NowNanoseconds();
        for (int i = 1; i <= 5; i++)
        {
            long deadline = start + (i * 1_000_000L);
            RealtimeClock.SleepUntil(deadline);
            Assert.True(RealtimeClock.NowNanoseconds() >= deadline);
        }

        RealtimeClock.SleepUntil(start); // in the past: returns at once
    }

    [Fact]
    public void Advice_for_the_shared_dotnet_host_says_not_to_grant_it()
    {
        string text = RealtimeAdvice.CapabilityFix("/usr/lib/dotnet/dotnet");
        Assert.Contains("every .NET program", text, StringComparison.Ordinal);
        Assert.Contains("apphost", text, StringComparison.Ordinal);
        Assert.Contains("setcap cap_sys_nice,cap_ipc_lock+ep /opt/ms/midi-sampler", RealtimeAdvice.CapabilityFix("/opt/ms/midi-sampler"), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => RealtimeSupport.EnableRealtime(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RealtimeSupport.EnableRealtime(100));
    }

    private static long LockedKiB()
    {
        foreach (string line in File.ReadAllLines("/proc/self/status"))
        {
            if (line.StartsWith("VmLck:", StringComparison.Ordinal))
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException("no VmLck in /proc/self/status");
    }

    private static T OnThread<T>(Func<T> body)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = body();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
