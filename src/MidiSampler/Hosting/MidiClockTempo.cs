namespace MidiSampler.Hosting;

/// <summary>
/// The tempo of an incoming MIDI clock (0xF8, 24 per quarter note, MIDI 1.0 "System Real Time Messages"), from the
/// frames at which its ticks arrive, averaged over the last beat so that a jittery source still gives a steady tempo.
/// </summary>
/// <remarks>
/// Design: a fixed ring of the last <see cref="WindowTicks"/> + 1 tick frames; no allocation after construction.
/// A clock that stops (no tick for <see cref="TimeoutSeconds"/>) no longer counts, so the host falls back to its other
/// tempo sources. Threads: one writer, the audio thread (<see cref="Tick"/>, <see cref="TryGetTempo"/>).
/// </remarks>
public sealed class MidiClockTempo
{
    /// <summary>Clock ticks per quarter note (MIDI 1.0).</summary>
    public const int TicksPerQuarter = 24;

    /// <summary>Intervals averaged: one beat.</summary>
    public const int WindowTicks = TicksPerQuarter;

    /// <summary>Seconds without a tick after which the clock is taken as stopped (a tick every 0.125 s is 20 BPM).</summary>
    public const double TimeoutSeconds = 0.5;

    private readonly long[] _frames = new long[WindowTicks + 1];
    private int _count; // ticks held, at most _frames.Length
    private int _head; // where the next tick goes

    /// <summary>Counts a clock tick that arrived at <paramref name="frame"/> (any monotonic frame count). Audio thread.</summary>
    public void Tick(long frame)
    {
        if (_count > 0 && frame < Newest)
            Reset(); // the frame count went back (a restarted server): start over
        _frames[_head] = frame;
        _head = (_head + 1) % _frames.Length;
        _count = Math.Min(_count + 1, _frames.Length);
    }

    /// <summary>Forgets every tick. Audio thread.</summary>
    public void Reset()
    {
        _count = 0;
        _head = 0;
    }

    /// <summary>
    /// The clock's tempo in BPM at <paramref name="nowFrame"/>, when at least two ticks arrived and the last is recent;
    /// false otherwise. Audio thread.
    /// </summary>
    public bool TryGetTempo(long nowFrame, int sampleRate, out double beatsPerMinute)
    {
        beatsPerMinute = 0;
        if (_count < 2 || sampleRate <= 0 || nowFrame - Newest > TimeoutSeconds * sampleRate)
            return false;
        long oldest = _frames[(_head - _count + _frames.Length) % _frames.Length];
        long span = Newest - oldest;
        if (span <= 0)
            return false;
        beatsPerMinute = 60.0 * sampleRate * (_count - 1) / (TicksPerQuarter * (double)span);
        return true;
    }

    private long Newest => _frames[(_head - 1 + _frames.Length) % _frames.Length];
}
