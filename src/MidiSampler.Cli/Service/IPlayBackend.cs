using MidiSampler.Hosting;

namespace MidiSampler.Cli.Service;

/// <summary>
/// The audio backend a <see cref="PlaySession"/> plays through (JACK or ALSA): how to start a host, which failures mean
/// "not there yet" (worth waiting for with --reconnect), and the backend's own startup lines.
/// </summary>
internal interface IPlayBackend
{
    /// <summary>"JACK" or "ALSA".</summary>
    string Name { get; }

    /// <summary>SFZ output buses the host renders (for the routing warning), 0 when none.</summary>
    int OutputBuses { get; }

    /// <summary>What the session says when the backend goes away ("the JACK server shut down", "the ALSA device failed").</summary>
    string LostPhrase(ILiveHost host);

    /// <summary>Starts a host. <paramref name="firstTime"/> is false when reconnecting. Control thread.</summary>
    ILiveHost Start(bool firstTime);

    /// <summary>True when <paramref name="exception"/> means the backend is not available (a missing server or device).</summary>
    bool IsUnavailable(Exception exception);

    /// <summary>Called once the session starts waiting for the backend (--reconnect): quiet the library's repeated messages.</summary>
    void WaitingStarted();

    /// <summary>Writes the backend's startup lines (rate, period, ports or device grant, MIDI input). Control thread.</summary>
    void Describe(ILiveHost host, TextWriter output);

    /// <summary>Signalled when the song given with --song has ended and every voice is silent; null without a song.</summary>
    WaitHandle? SongEnded(ILiveHost host);
}
