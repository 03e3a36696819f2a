using MidiSampler.Collections;

namespace MidiSampler.Engine;

/// <summary>A copy of the events the audio thread applies, for a MIDI monitor (the web panel's).</summary>
public sealed partial class Sampler
{
    private SpscRing<MidiEvent>? _monitor;
    private long _monitorDropped;

    /// <summary>Events the monitor ring had no room for (its reader was slow), since <see cref="StartMonitor"/>.</summary>
    public long MonitorDropped => Interlocked.Read(ref _monitorDropped);

    /// <summary>
    /// From the next block on, the audio thread copies every event it applies (MIDI in, the console's and the remote's
    /// program changes and panics) into a ring of <paramref name="capacity"/> events, read with
    /// <see cref="TryReadMonitor"/>; a full ring drops and counts, never waits. Off until called: no cost without a
    /// monitor. Control thread, once (allocates the ring).
    /// </summary>
    public void StartMonitor(int capacity)
    {
        if (Volatile.Read(ref _monitor) is null)
            Volatile.Write(ref _monitor, new SpscRing<MidiEvent>(capacity));
    }

    /// <summary>The next monitored event, if any. One reader thread only (the ring has one consumer).</summary>
    public bool TryReadMonitor(out MidiEvent midiEvent)
    {
        if (Volatile.Read(ref _monitor) is { } ring)
            return ring.TryRead(out midiEvent);
        midiEvent = default;
        return false;
    }

    /// <summary>Audio thread: one copy into the ring, or a count when it is full.</summary>
    private void Monitor(in MidiEvent e)
    {
        if (_monitor is { } ring && !ring.TryWrite(e))
            Interlocked.Increment(ref _monitorDropped);
    }
}
