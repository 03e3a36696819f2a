namespace MidiSampler.Diagnostics;

/// <summary>Order statistics of a set of durations, in microseconds.</summary>
public sealed record LatencySummary(double MinMicroseconds, double MeanMicroseconds, double P99Microseconds, double P999Microseconds, double MaxMicroseconds)
{
    /// <summary>Summarises nanosecond values (sorts a copy). Control thread.</summary>
    public static LatencySummary FromNanoseconds(ReadOnlySpan<long> values)
    {
        if (values.IsEmpty)
            return new LatencySummary(0, 0, 0, 0, 0);
        long[] sorted = values.ToArray();
        Array.Sort(sorted);
        double sum = 0;
        foreach (long v in sorted)
            sum += v;
        return new LatencySummary(sorted[0] / 1e3, sum / sorted.Length / 1e3, Rank(sorted, 0.99) / 1e3, Rank(sorted, 0.999) / 1e3, sorted[^1] / 1e3);
    }

    // Nearest-rank percentile: the smallest value with at least p of the samples at or below it.
    private static long Rank(long[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
