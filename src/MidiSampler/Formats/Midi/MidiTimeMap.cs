namespace MidiSampler.Formats.Midi;

// Design: times are computed from integers, never by summing rounded per-event deltas. With a
// ticks-per-quarter division, each tempo segment keeps the exact elapsed time at its start as an
// integer count of (microseconds x ticks-per-quarter); a tick's time is that count plus
// (ticks into the segment x microseconds per quarter), divided once at the end. So a 10-minute song
// with a thousand tempo changes has the same error as one note: one rounding of a double.
// With an SMPTE division, ticks are absolute time (SMF 1.0, "Header Chunks": ticks per frame at
// 24, 25, 29.97 or 30 frames per second) and tempo events do not change timing.

/// <summary>Converts ticks to seconds for one file: a tempo map, or an SMPTE rate. Immutable; any thread.</summary>
internal sealed class MidiTimeMap
{
    private const int DefaultMicrosecondsPerQuarter = 500_000; // 120 BPM, SMF 1.0 default.

    private readonly long[] _segmentTicks;
    private readonly int[] _segmentMicrosecondsPerQuarter;
    private readonly Int128[] _segmentStartScaled; // microseconds x ticksPerQuarter at segment start
    private readonly Int128 _secondsDenominator;
    private readonly long _ticksNumerator; // SMPTE: seconds = tick x _ticksNumerator / _secondsDenominator

    private MidiTimeMap(long[] ticks, int[] microseconds, Int128[] starts, Int128 denominator, long ticksNumerator)
    {
        _segmentTicks = ticks;
        _segmentMicrosecondsPerQuarter = microseconds;
        _segmentStartScaled = starts;
        _secondsDenominator = denominator;
        _ticksNumerator = ticksNumerator;
    }

    /// <summary>The tempo changes in force, starting with the one at tick 0; empty for an SMPTE division.</summary>
    public IReadOnlyList<MidiTempoChange> Tempos { get; private set; } = [];

    /// <summary>Builds the map for a ticks-per-quarter division from tempo events sorted by <see cref="MidiRawEvent.Compare"/>.</summary>
    /// <remarks>Several tempo events at one tick: the last in merge order wins.</remarks>
    public static MidiTimeMap ForTicksPerQuarter(int ticksPerQuarter, List<MidiRawEvent> sortedTempos)
    {
        var ticks = new List<long> { 0 };
        var micros = new List<int> { DefaultMicrosecondsPerQuarter };
        var starts = new List<Int128> { Int128.Zero };
        foreach (var tempo in sortedTempos)
        {
            int last = ticks.Count - 1;
            if (tempo.Tick == ticks[last])
            {
                micros[last] = tempo.MicrosecondsPerQuarter;
                continue;
            }

            starts.Add(starts[last] + ((Int128)(tempo.Tick - ticks[last]) * micros[last]));
            ticks.Add(tempo.Tick);
            micros.Add(tempo.MicrosecondsPerQuarter);
        }

        var map = new MidiTimeMap([.. ticks], [.. micros], [.. starts], (Int128)ticksPerQuarter * 1_000_000, 0);
        var tempos = new MidiTempoChange[ticks.Count];
        for (int i = 0; i < tempos.Length; i++)
            tempos[i] = new MidiTempoChange(ticks[i], map.SecondsAt(ticks[i]), micros[i]);
        map.Tempos = tempos;
        return map;
    }

    /// <summary>Builds the map for an SMPTE division: <paramref name="framesPerSecond"/> 24, 25, 29 (meaning 30000/1001) or 30.</summary>
    public static MidiTimeMap ForSmpte(int framesPerSecond, int ticksPerFrame)
    {
        // 29 in the header stands for 30 drop-frame, whose real rate is 30000/1001 frames per second.
        long numerator = framesPerSecond == 29 ? 1001 : 1;
        Int128 denominator = (Int128)(framesPerSecond == 29 ? 30_000 : framesPerSecond) * ticksPerFrame;
        return new MidiTimeMap([], [], [], denominator, numerator);
    }

    /// <summary>The time of <paramref name="tick"/> in seconds (ticks before 0 count as 0).</summary>
    public double SecondsAt(long tick)
    {
        if (tick <= 0)
            return 0;
        if (_ticksNumerator != 0)
            return (double)((Int128)tick * _ticksNumerator) / (double)_secondsDenominator;

        int segment = Array.BinarySearch(_segmentTicks, tick);
        if (segment < 0)
            segment = ~segment - 1; // the last segment starting before tick; segment 0 starts at 0
        Int128 scaled = _segmentStartScaled[segment] + ((Int128)(tick - _segmentTicks[segment]) * _segmentMicrosecondsPerQuarter[segment]);
        return (double)scaled / (double)_secondsDenominator;
    }
}
