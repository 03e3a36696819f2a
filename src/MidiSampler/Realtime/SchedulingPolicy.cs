namespace MidiSampler.Realtime;

/// <summary>A Linux scheduling policy (sched(7)).</summary>
public enum SchedulingPolicy
{
    /// <summary>A policy this code does not know.</summary>
    Unknown = -1,

    /// <summary>SCHED_OTHER: the default time-sharing policy.</summary>
    Other = 0,

    /// <summary>SCHED_FIFO: real-time, first in first out; what JACK and audio threads use.</summary>
    Fifo = 1,

    /// <summary>SCHED_RR: real-time, round robin among equal priorities.</summary>
    RoundRobin = 2,

    /// <summary>SCHED_BATCH: time-sharing for CPU-bound batch work.</summary>
    Batch = 3,

    /// <summary>SCHED_IDLE: runs only when nothing else wants the CPU.</summary>
    Idle = 5,

    /// <summary>SCHED_DEADLINE: earliest deadline first.</summary>
    Deadline = 6,
}
