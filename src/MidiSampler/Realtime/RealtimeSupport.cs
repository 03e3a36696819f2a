namespace MidiSampler.Realtime;

/// <summary>Real-time scheduling and memory locking for the calling thread and process (ms_sampler_enable_rt).</summary>
public static class RealtimeSupport
{
    /// <summary>
    /// Sets SCHED_FIFO at <paramref name="priority"/> (1..99) on the calling thread and, when
    /// <paramref name="lockMemory"/>, locks the process's memory. Never throws for a refusal: the result says
    /// what failed and how to fix it. Control thread (or the thread to be promoted).
    /// </summary>
    public static RealtimeResult EnableRealtime(int priority, bool lockMemory = true) =>
        throw new NotSupportedException("contract stub" + priority + lockMemory);
}
