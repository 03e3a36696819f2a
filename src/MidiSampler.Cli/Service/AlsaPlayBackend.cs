using System.Globalization;
using MidiSampler.Alsa;
using MidiSampler.Hosting;

namespace MidiSampler.Cli.Service;

/// <summary><c>play --audio alsa</c>: an ALSA playback device driven by an audio thread of our own.</summary>
internal sealed class AlsaPlayBackend : IPlayBackend
{
    private readonly AlsaHostOptions _options;

    /// <summary>A backend that opens <see cref="AlsaHostOptions.Device"/> with <paramref name="options"/>.</summary>
    public AlsaPlayBackend(AlsaHostOptions options) => _options = options;

    /// <inheritdoc/>
    public string Name => "ALSA";

    /// <inheritdoc/>
    public int OutputBuses => 0;

    /// <inheritdoc/>
    public string LostPhrase(ILiveHost host) => $"the ALSA device '{_options.Device}' failed";

    /// <inheritdoc/>
    public ILiveHost Start(bool firstTime) => AlsaSamplerHost.Start(_options);

    /// <inheritdoc/>
    public bool IsUnavailable(Exception exception) => exception is AlsaException;

    /// <inheritdoc/>
    public void WaitingStarted()
    {
        // alsa-lib prints nothing per failed open that we do not print ourselves.
    }

    /// <inheritdoc/>
    public void Describe(ILiveHost host, TextWriter output)
    {
        var alsa = (AlsaSamplerHost)host;
        var g = alsa.Grant;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"midi-sampler: ALSA device '{g.Device}', {g.SampleRate} Hz, period {g.PeriodFrames} frames ({1000.0 * g.PeriodFrames / g.SampleRate:0.00} ms) x {g.Periods} = {g.BufferFrames} frames ({g.BufferMilliseconds:0.0} ms output latency)"));
        output.WriteLine($"  format {g.Format} (the device offers {string.Join(", ", g.OfferedFormats)}), {g.Channels} channels; audio thread {alsa.AudioThreadScheduling}");
        if (g.PeriodFrames != g.RequestedPeriodFrames || g.SampleRate != g.RequestedSampleRate)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  asked for {g.RequestedSampleRate} Hz and {g.RequestedPeriodFrames}-frame periods: the device granted the above"));
    }

    /// <inheritdoc/>
    public WaitHandle? SongEnded(ILiveHost host) => ((AlsaSamplerHost)host).SongEndedWaitHandle;
}
