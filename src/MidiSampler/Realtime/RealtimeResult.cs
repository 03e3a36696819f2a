namespace MidiSampler.Realtime;

/// <summary>What <see cref="RealtimeSupport.EnableRealtime"/> achieved, and how to fix what it could not.</summary>
/// <param name="Scheduling">True when the calling thread now runs SCHED_FIFO at the requested priority.</param>
/// <param name="MemoryLocked">True when the process's memory is locked (mlockall).</param>
/// <param name="Problems">What failed, each with the fix, in words a user can act on; empty when all went well.</param>
public sealed record RealtimeResult(bool Scheduling, bool MemoryLocked, IReadOnlyList<string> Problems)
{
    /// <summary>True when both scheduling and memory locking succeeded.</summary>
    public bool Success => Scheduling && MemoryLocked;
}
