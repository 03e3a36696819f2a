using MidiSampler.Collections;
using MidiSampler.Engine;

namespace MidiSampler.Hosting;

/// <summary>
/// Carries MIDI events stamped on arrival (the ALSA sequencer's reader thread) to the audio thread, which applies each
/// at a frame of its period such that every event is delayed by the same fixed latency: the spacing between two
/// notes is kept to the frame instead of being rounded to periods.
/// </summary>
/// <remarks>
/// Design: the reader stamps each event with CLOCK_MONOTONIC and writes it to a bounded SPSC ring (full: dropped and
/// counted). At the start of each period the audio thread estimates the time that period stands for and places an
/// event that arrived at t at frame (t + latency − periodStart) × rate. With the latency one period, events that
/// arrived during the previous period fall inside this one at the same position. The period start is the audio
/// thread's wake-up time smoothed like a delay-locked loop (the prediction is the last start plus one period, pulled
/// a 64th of the way to the measured wake-up: wake-up jitter moves it by a fraction of a frame, while a device clock 50 ppm off the system clock leaves it under a frame behind), so that scheduling jitter of the wake-up does not move notes; a
/// wake-up more than a period off the prediction (after an xrun) resets it (the first 64 wake-ups after a reset are averaged, so the estimate settles within a few periods). An event the smoothed clock places
/// beyond this period waits for the next; one placed before it (a late wake) plays at frame 0.
/// Threads: <see cref="Post"/> on one producer thread; <see cref="BeginPeriod"/> and <see cref="Take"/> on the audio thread.
/// </remarks>
public sealed class ArrivalScheduler
{
    private const int Smoothing = 64;
    private readonly SpscRing<TimedMidiEvent> _ring;
    private long _dropped;
    private long _late;
    private long _periodStartNanoseconds;
    private long _periodNanoseconds;
    private int _sampleRate;
    private int _periodsSinceReset;
    private bool _started;

    /// <summary>Creates a scheduler with room for <paramref name="capacity"/> events in flight. Control thread.</summary>
    public ArrivalScheduler(int capacity = 4096)
    {
        _ring = new SpscRing<TimedMidiEvent>(capacity);
    }

    /// <summary>The fixed delay from an event's arrival to its sound, in nanoseconds (one period; 0 before the first period). Any thread.</summary>
    public long LatencyNanoseconds => Volatile.Read(ref _periodNanoseconds);

    /// <summary>
    /// The decoder of the input stream that feeds this scheduler (running status, SysEx and RPN state belong to one
    /// stream). Used by the producer thread only; its counts may be read on any thread.
    /// </summary>
    public MidiDecoder Decoder { get; } = new();

    /// <summary>Events dropped because the ring was full. Any thread.</summary>
    public long DroppedEvents => Volatile.Read(ref _dropped);

    /// <summary>Events that arrived too late for their frame and played at the start of a period. Any thread.</summary>
    public long LateEvents => Volatile.Read(ref _late);

    // MIDI clock: the producer measures, the audio thread reads the published tempo and the time of the last tick.
    private readonly MidiClockTempo _clock = new();
    private double _clockBpm = double.NaN;
    private long _lastClockNanoseconds;

    /// <summary>
    /// Counts a MIDI clock tick (0xF8; the ALSA sequencer's SND_SEQ_EVENT_CLOCK) that arrived at
    /// <paramref name="arrivalNanoseconds"/>, and publishes the tempo it gives. Producer thread.
    /// </summary>
    public void PostClock(long arrivalNanoseconds)
    {
        _clock.Tick(arrivalNanoseconds);
        double bpm = _clock.TryGetTempo(arrivalNanoseconds, 1_000_000_000, out double measured) ? measured : double.NaN;
        Volatile.Write(ref _clockBpm, bpm);
        Volatile.Write(ref _lastClockNanoseconds, arrivalNanoseconds);
    }

    /// <summary>
    /// The tempo of the MIDI clock at <paramref name="nowNanoseconds"/>, in BPM; NaN when none ticks (none yet, or none
    /// for <see cref="MidiClockTempo.TimeoutSeconds"/>). Any thread.
    /// </summary>
    public double ClockTempoBpm(long nowNanoseconds)
    {
        double bpm = Volatile.Read(ref _clockBpm);
        long last = Volatile.Read(ref _lastClockNanoseconds);
        return nowNanoseconds - last > MidiClockTempo.TimeoutSeconds * 1e9 ? double.NaN : bpm;
    }

    /// <summary>Queues an event that arrived at <paramref name="arrivalNanoseconds"/> (CLOCK_MONOTONIC). False (counted) when full. Producer thread.</summary>
    public bool Post(in MidiEvent midiEvent, long arrivalNanoseconds)
    {
        if (_ring.TryWrite(new TimedMidiEvent(arrivalNanoseconds, midiEvent)))
            return true;
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>
    /// Starts a period of <paramref name="frames"/> frames at <paramref name="sampleRate"/> Hz whose audio thread woke at
    /// <paramref name="wakeNanoseconds"/> (CLOCK_MONOTONIC). Audio thread.
    /// </summary>
    public void BeginPeriod(long wakeNanoseconds, int frames, int sampleRate)
    {
        long period = frames * 1_000_000_000L / sampleRate;
        if (!_started || sampleRate != _sampleRate || period != _periodNanoseconds)
        {
            _started = true;
            _sampleRate = sampleRate;
            Volatile.Write(ref _periodNanoseconds, period);
            _periodStartNanoseconds = wakeNanoseconds;
            _periodsSinceReset = 1;
            return;
        }

        long predicted = _periodStartNanoseconds + period;
        long error = wakeNanoseconds - predicted;
        if (Math.Abs(error) > period)
        {
            _periodStartNanoseconds = wakeNanoseconds;
            _periodsSinceReset = 1;
            return;
        }

        // The mean of the deviations so far for the first periods (settles fast), then a fixed 1/64 (steady).
        _periodsSinceReset = Math.Min(_periodsSinceReset + 1, Smoothing);
        _periodStartNanoseconds = predicted + (error / _periodsSinceReset);
    }

    /// <summary>
    /// Moves the events due in frames <paramref name="fromFrame"/> .. <paramref name="fromFrame"/> + <paramref name="lengthFrames"/>
    /// − 1 of the current period into <paramref name="destination"/>, with offsets from <paramref name="fromFrame"/>, in
    /// arrival order. Returns the count. Audio thread: no allocation.
    /// </summary>
    public int Take(int fromFrame, int lengthFrames, Span<MidiEvent> destination)
    {
        int count = 0;
        long latency = _periodNanoseconds;
        while (count < destination.Length && _ring.TryPeek(out var timed))
        {
            long due = timed.ArrivalNanoseconds + latency - _periodStartNanoseconds;
            long frame = (long)Math.Round(due * (double)_sampleRate / 1e9);
            if (frame >= fromFrame + lengthFrames)
                break; // for a later chunk or period
            if (frame < fromFrame)
            {
                if (frame < 0)
                    Interlocked.Increment(ref _late);
                frame = fromFrame;
            }

            destination[count++] = timed.Event with { OffsetFrames = (int)(frame - fromFrame) };
            _ring.TryRead(out _);
        }

        return count;
    }
}
