using System.Diagnostics;
using System.Text.Json;
using MidiSampler.Engine;
using MidiSampler.Hosting;

namespace MidiSampler.Remote;

/// <summary>
/// The panel's and OSC's per-channel level meters: each MIDI channel's peak (falling back at
/// <see cref="PeakFallDbPerSecond"/>), its RMS level (averaged over about <see cref="RmsSeconds"/>) and its highest peak
/// of the last <see cref="HoldSeconds"/>, in dBFS after the master gain (<see cref="FloorDb"/> is silence).
/// </summary>
/// <remarks>
/// Design: the audio thread only keeps each channel's peak and sum of squares since the last read
/// (<see cref="Sampler.TryReadChannelLevels"/>, a lock-free handshake); one timer here, the sampler's only reader, reads
/// them every <see cref="PollInterval"/> and does the ballistics (fall, averaging, hold) off the audio thread. Every
/// client (HTTP, WebSocket, OSC) reads the same figures, so no client can steal another's peaks. A new sampler (a JACK
/// reconnection) starts from silence; a sampler without meters (<c>--outputs</c>) makes them unavailable.
/// </remarks>
public sealed class ChannelMeters : IDisposable
{
    /// <summary>The level shown for silence, in dBFS.</summary>
    public const double FloorDb = -120;

    /// <summary>How fast a shown peak falls back, in dB a second.</summary>
    public const double PeakFallDbPerSecond = 20;

    /// <summary>How long the highest peak is held.</summary>
    public const double HoldSeconds = 2;

    /// <summary>The time constant of the RMS average.</summary>
    public const double RmsSeconds = 0.3;

    /// <summary>How often the sampler is read.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private const int Channels = LiveCommands.Channels;
    private readonly Func<ILiveHost?> _host;
    private readonly PollingTimer _timer;
    private readonly Lock _gate = new();
    private readonly float[] _peaks = new float[Channels];
    private readonly float[] _squares = new float[Channels];
    private readonly double[] _peakDb = new double[Channels];
    private readonly double[] _power = new double[Channels];
    private readonly double[] _holdDb = new double[Channels];
    private readonly long[] _holdSince = new long[Channels];
    private Sampler? _metered;
    private long _lastRead;
    private bool _available;

    /// <summary>Meters whatever sampler <paramref name="host"/> has now. Control thread.</summary>
    public ChannelMeters(Func<ILiveHost?> host)
    {
        _host = host;
        Array.Fill(_peakDb, FloorDb);
        Array.Fill(_holdDb, FloorDb);
        _timer = new PollingTimer(ReadOnce, PollInterval); // one read at a time: the sampler has one reader
    }

    /// <summary>True when the running sampler measures its channels. Any thread.</summary>
    public bool Available
    {
        get
        {
            lock (_gate)
                return _available;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _timer.Dispose();

    /// <summary>Copies the levels (dBFS, rounded to 0.1 dB) into the three 16-value spans; false when unavailable. Any thread.</summary>
    public bool CopyTo(Span<float> peakDb, Span<float> rmsDb, Span<float> holdDb)
    {
        lock (_gate)
        {
            for (int c = 0; c < Channels; c++)
            {
                peakDb[c] = Round(_peakDb[c]);
                rmsDb[c] = Round(PowerDb(_power[c]));
                holdDb[c] = Round(_holdDb[c]);
            }

            return _available;
        }
    }

    /// <summary>
    /// Writes <c>{"peak_db": [16], "rms_db": [16], "hold_db": [16]}</c>, or null when the sampler has no meters. Any thread.
    /// </summary>
    public void Write(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        Span<float> peak = stackalloc float[Channels], rms = stackalloc float[Channels], hold = stackalloc float[Channels];
        if (!CopyTo(peak, rms, hold))
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        WriteArray(w, "peak_db", peak);
        WriteArray(w, "rms_db", rms);
        WriteArray(w, "hold_db", hold);
        w.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter w, string name, ReadOnlySpan<float> values)
    {
        w.WriteStartArray(name);
        foreach (float v in values)
            w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    private static float Round(double db) => (float)Math.Round(db, 1);

    private static double PowerDb(double power) => power > 1e-12 ? Math.Max(FloorDb, 10 * Math.Log10(power)) : FloorDb;

    private void ReadOnce()
    {
        var sampler = _host()?.Sampler;
        lock (_gate)
        {
            _available = sampler is { ChannelMetersEnabled: true };
            if (!_available || !ReferenceEquals(sampler, _metered))
            {
                _metered = sampler;
                Array.Fill(_peakDb, FloorDb);
                Array.Fill(_holdDb, FloorDb);
                Array.Clear(_power);
                _lastRead = Stopwatch.GetTimestamp();
            }

            if (!_available || !sampler!.TryReadChannelLevels(_peaks, _squares))
                return;
            long now = Stopwatch.GetTimestamp();
            double seconds = Math.Clamp(Stopwatch.GetElapsedTime(_lastRead, now).TotalSeconds, 0, 1);
            _lastRead = now;
            double keep = Math.Exp(-seconds / RmsSeconds);
            for (int c = 0; c < Channels; c++)
            {
                // A non-finite level (the output guard scrubs such samples from the output) reads as silence.
                float peak = float.IsFinite(_peaks[c]) ? _peaks[c] : 0;
                double meanSquare = float.IsFinite(_squares[c]) ? _squares[c] : 0;
                double db = peak > 1e-6f ? Math.Max(FloorDb, 20 * Math.Log10(peak)) : FloorDb;
                _peakDb[c] = Math.Max(db, Math.Max(FloorDb, _peakDb[c] - (PeakFallDbPerSecond * seconds)));
                _power[c] = (_power[c] * keep) + (meanSquare * (1 - keep));
                if (db >= _holdDb[c] || Stopwatch.GetElapsedTime(_holdSince[c], now).TotalSeconds > HoldSeconds)
                {
                    _holdDb[c] = Math.Max(db, _peakDb[c]);
                    _holdSince[c] = now;
                }
            }
        }
    }
}
