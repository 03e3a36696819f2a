using System.Text.Json;
using MidiSampler.Engine;
using MidiSampler.Hosting;

namespace MidiSampler.Remote;

/// <summary>
/// The panel's MIDI monitor: the events the engine applied, newest last, kept <see cref="Kept"/> deep, each with a
/// sequence number so that a live client receives only the new ones.
/// </summary>
/// <remarks>
/// Design: the audio thread copies each applied event into the sampler's monitor ring (<see cref="Sampler.StartMonitor"/>;
/// full means dropped and counted); one timer here, the ring's only reader, drains it every
/// <see cref="PollInterval"/> and stamps the events with the wall clock (so a time is the drain's, within 50 ms of the
/// event). A new sampler (a JACK reconnection) gets its own ring.
/// </remarks>
public sealed class MidiMonitor : IDisposable
{
    /// <summary>Events kept for the panel.</summary>
    public const int Kept = 100;

    /// <summary>How often the ring is drained.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly Func<ILiveHost?> _host;
    private readonly (long Sequence, DateTime Time, MidiEvent Event)[] _events = new (long, DateTime, MidiEvent)[Kept];
    private readonly Lock _gate = new();
    private readonly PollingTimer _timer;
    private Sampler? _monitored;
    private long _sequence;

    /// <summary>Monitors whatever sampler <paramref name="host"/> has now. Control thread.</summary>
    public MidiMonitor(Func<ILiveHost?> host)
    {
        _host = host;
        _timer = new PollingTimer(DrainOnce, PollInterval); // one drain at a time: the ring has one reader
    }

    /// <summary>The sequence number of the newest event (0 before any). Any thread.</summary>
    public long Latest
    {
        get
        {
            lock (_gate)
                return _sequence;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _timer.Dispose();

    /// <summary>Writes the kept events newer than <paramref name="since"/> as a JSON array. Any thread.</summary>
    public void Write(Utf8JsonWriter w, long since)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        lock (_gate)
        {
            w.WriteNumber("latest", _sequence);
            w.WriteNumber("dropped", _monitored?.MonitorDropped ?? 0);
            w.WriteStartArray("events");
            for (long s = Math.Max(since + 1, _sequence - Kept + 1); s <= _sequence; s++)
            {
                var (sequence, time, e) = _events[s % Kept];
                w.WriteStartObject();
                w.WriteNumber("seq", sequence);
                w.WriteString("time", time.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteString("type", Name(e.Type));
                w.WriteNumber("channel", (e.Channel & 15) + 1);
                w.WriteNumber("data1", e.Data1);
                w.WriteNumber("data2", e.Data2);
                if (e.Type is MidiEventType.PitchBend)
                    w.WriteNumber("value", e.Value);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Name(MidiEventType type) => type switch
    {
        MidiEventType.NoteOn => "note on",
        MidiEventType.NoteOff => "note off",
        MidiEventType.ControlChange => "control change",
        MidiEventType.ProgramChange => "program change",
        MidiEventType.PitchBend => "pitch bend",
        MidiEventType.ChannelPressure => "channel pressure",
        MidiEventType.PolyPressure => "poly pressure",
        MidiEventType.Panic => "panic",
        MidiEventType.SysEx => "sysex",
        _ => "other",
    };

    private void DrainOnce()
    {
        if (_host()?.Sampler is not { } sampler)
            return;
        if (!ReferenceEquals(sampler, _monitored))
        {
            sampler.StartMonitor(1024);
            _monitored = sampler;
        }

        var now = DateTime.Now;
        lock (_gate)
        {
            for (int n = 0; n < 1024 && sampler.TryReadMonitor(out var e); n++)
            {
                _sequence++;
                _events[_sequence % Kept] = (_sequence, now, e);
            }
        }
    }
}
