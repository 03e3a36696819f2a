using MidiSampler.Diagnostics;

namespace MidiSampler.Tests.Diagnostics;

public sealed class LatencySummaryTests
{
    [Fact]
    public void Nearest_rank_percentiles_of_one_to_a_thousand()
    {
        long[] ns = Enumerable.Range(1, 1000).Reverse().Select(i => i * 1000L).ToArray(); // 1..1000 µs, unsorted
        var s = LatencySummary.FromNanoseconds(ns);
        Assert.Equal(1, s.MinMicroseconds);
        Assert.Equal(500.5, s.MeanMicroseconds, 6);
        Assert.Equal(990, s.P99Microseconds);
        Assert.Equal(999, s.P999Microseconds);
        Assert.Equal(1000, s.MaxMicroseconds);
        Assert.Equal(1000, ns[0] / 1000); // the caller's array is not sorted in place
    }
}
