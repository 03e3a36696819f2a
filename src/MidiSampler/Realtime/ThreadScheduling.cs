namespace MidiSampler.Realtime;

/// <summary>The scheduling policy and static priority of a thread (0 for the time-sharing policies).</summary>
/// <param name="Policy">The policy.</param>
/// <param name="Priority">The real-time priority, 1..99 for SCHED_FIFO and SCHED_RR, 0 otherwise.</param>
public readonly record struct ThreadScheduling(SchedulingPolicy Policy, int Priority)
{
    /// <summary>True for SCHED_FIFO and SCHED_RR.</summary>
    public bool IsRealtime => Policy is SchedulingPolicy.Fifo or SchedulingPolicy.RoundRobin;

    /// <summary>The C name and priority, e.g. "SCHED_FIFO 80".</summary>
    public override string ToString() => Policy switch
    {
        SchedulingPolicy.Other => "SCHED_OTHER",
        SchedulingPolicy.Fifo => $"SCHED_FIFO {Priority}",
        SchedulingPolicy.RoundRobin => $"SCHED_RR {Priority}",
        SchedulingPolicy.Batch => "SCHED_BATCH",
        SchedulingPolicy.Idle => "SCHED_IDLE",
        SchedulingPolicy.Deadline => "SCHED_DEADLINE",
        _ => $"policy {(int)Policy} priority {Priority}",
    };
}
