using MidiSampler.Realtime;

namespace MidiSampler.Diagnostics;

/// <summary>What <see cref="LatencyMeter.Run"/> measured. Raw values in nanoseconds, one per period.</summary>
public sealed record LatencyReport
{
    /// <summary>The deadline: one period, in microseconds.</summary>
    public required double PeriodMicroseconds { get; init; }

    /// <summary>Wake-up latency of each cycle (time from the deadline to running again), ns.</summary>
    public required long[] WakeNanoseconds { get; init; }

    /// <summary>Render time of each cycle (0 when no voices were rendered), ns.</summary>
    public required long[] ProcessNanoseconds { get; init; }

    /// <summary>The measuring thread's scheduling during the run.</summary>
    public required ThreadScheduling Scheduling { get; init; }

    /// <summary>Why real-time scheduling was not obtained; empty when it was.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Gen-0 collections during the run.</summary>
    public required int Gen0Collections { get; init; }

    /// <summary>Voices held during the run.</summary>
    public required int Voices { get; init; }

    /// <summary>Cycles whose wake-up plus render time exceeded the period.</summary>
    public int MissedDeadlines
    {
        get
        {
            long periodNs = (long)(PeriodMicroseconds * 1e3);
            int missed = 0;
            for (int i = 0; i < WakeNanoseconds.Length; i++)
            {
                if (WakeNanoseconds[i] + ProcessNanoseconds[i] > periodNs)
                    missed++;
            }

            return missed;
        }
    }
}
