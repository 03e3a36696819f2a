namespace MidiSampler.Realtime;

/// <summary>What <see cref="RealtimeSupport.EnableRealtime"/> achieved, and how to fix what it could not.</summary>
/// <param name="Scheduling">True when the calling thread now runs SCHED_FIFO at the requested priority.</param>
/// <param name="MemoryLocked">True when the process's memory is locked (mlockall).</param>
/// <param name="Problems">What failed, each with the fix, in words a user can act on; empty when all went well.</param>
public sealed record RealtimeResult(bool Scheduling, bool MemoryLocked, IReadOnlyList<string> Problems)
{
    /// <summary>True when scheduling succeeded and, if it was asked for, memory locking too.</summary>
    public bool Success => Scheduling && (MemoryLocked || !MemoryLockRequested);

    /// <summary>The priority that was asked for.</summary>
    public int RequestedPriority { get; init; }

    /// <summary>True when memory locking was asked for.</summary>
    public bool MemoryLockRequested { get; init; }

    /// <summary>errno of sched_setscheduler (EPERM = 1, EINVAL = 22), 0 when it succeeded.</summary>
    public int SchedulingErrno { get; init; }

    /// <summary>errno of mlockall (ENOMEM = 12, EPERM = 1, EAGAIN = 11), 0 when it succeeded or was not asked for.</summary>
    public int MemoryLockErrno { get; init; }

    /// <summary>True when pages are locked as they are first touched (MCL_ONFAULT, Linux 4.4 and later) rather than all at once.</summary>
    public bool LockedOnFault { get; init; }

    /// <summary>The resource limits seen when the attempt was made.</summary>
    public RealtimeLimits? Limits { get; init; }
}
