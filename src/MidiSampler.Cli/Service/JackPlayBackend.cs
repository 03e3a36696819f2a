using System.Globalization;
using MidiSampler.Hosting;
using MidiSampler.Jack;

namespace MidiSampler.Cli.Service;

/// <summary><c>play --audio jack</c>: a JACK client (ports midi_in, out_1, out_2, and the buses asked for).</summary>
internal sealed class JackPlayBackend : IPlayBackend
{
    private readonly JackHostOptions _options;
    private readonly TextWriter _output;
    private JackSamplerHost? _started;

    /// <summary>A backend that opens clients with <paramref name="options"/>; <paramref name="started"/> is a host already opened (the automatic choice's probe).</summary>
    public JackPlayBackend(JackHostOptions options, TextWriter output, JackSamplerHost? started = null)
    {
        _options = options;
        _output = output;
        _started = started;
    }

    /// <inheritdoc/>
    public string Name => "JACK";

    /// <inheritdoc/>
    public int OutputBuses => _options.Outputs;

    /// <inheritdoc/>
    public string LostPhrase(ILiveHost host) => ((JackSamplerHost)host).IsServerLost ? "lost the JACK server" : "the JACK server shut down";

    /// <inheritdoc/>
    public ILiveHost Start(bool firstTime)
    {
        if (Interlocked.Exchange(ref _started, null) is { } host)
            return host;

        // Never let libjack start a default server behind our back while waiting for the real one.
        var started = JackSamplerHost.Start(firstTime ? _options with { Notice = line => _output.WriteLine("midi-sampler: " + line) } : _options with { NoStartServer = true });
        JackSamplerHost.QuietLibraryMessages = false;
        return started;
    }

    /// <inheritdoc/>
    public bool IsUnavailable(Exception exception) => exception is JackException;

    /// <inheritdoc/>
    public void WaitingStarted() => JackSamplerHost.QuietLibraryMessages = true; // libjack repeats its own lines on every attempt

    /// <inheritdoc/>
    public void Describe(ILiveHost host, TextWriter output)
    {
        var jack = (JackSamplerHost)host;
        double periodMs = 1000.0 * jack.BufferSizeFrames / jack.SampleRate;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"midi-sampler: JACK client '{jack.ClientName}', {jack.SampleRate} Hz, period {jack.BufferSizeFrames} frames ({periodMs:0.00} ms)"));
        output.WriteLine($"  MIDI in: {jack.MidiInputPort}; audio out: {string.Join(", ", jack.OutputPorts)}");
        if (jack.ChannelOutputPorts.Count > 0)
            output.WriteLine($"  per-channel out: {jack.ChannelOutputPorts[0]} ... {jack.ChannelOutputPorts[^1]} (dry; effects on the main pair only)");
        if (jack.OutputBusPorts.Count > 0)
            output.WriteLine($"  per-output out: {jack.OutputBusPorts[0]} ... {jack.OutputBusPorts[^1]} (by SFZ region output; dry; effects on the main pair only)");
        if (jack.Connections.Count > 0)
            output.WriteLine($"  connected: {string.Join(", ", jack.Connections)}");
    }

    /// <inheritdoc/>
    public WaitHandle? SongEnded(ILiveHost host) => ((JackSamplerHost)host).SongEndedWaitHandle;
}
