namespace MidiSampler.Formats.Midi;

/// <summary>A tempo in force from a tick on (from a Set Tempo meta event 0x51, or the default 120 BPM at tick 0).</summary>
/// <param name="Tick">Where it takes effect, in the file's ticks (on the merged timeline).</param>
/// <param name="TimeSeconds">Where it takes effect, in seconds.</param>
/// <param name="MicrosecondsPerQuarter">The tempo as the file states it: microseconds per quarter note.</param>
public readonly record struct MidiTempoChange(long Tick, double TimeSeconds, int MicrosecondsPerQuarter)
{
    /// <summary>The tempo in quarter notes per minute. Any thread.</summary>
    public double BeatsPerMinute => 60_000_000.0 / MicrosecondsPerQuarter;
}
