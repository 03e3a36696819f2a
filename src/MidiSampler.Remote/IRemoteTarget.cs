using MidiSampler.Hosting;
using MidiSampler.Streaming;

namespace MidiSampler.Remote;

/// <summary>What the program running the host offers the remote (the CLI's play session implements it).</summary>
public interface IRemoteTarget
{
    /// <summary>The shared command layer (the console's too). Any thread.</summary>
    LiveCommands Commands { get; }

    /// <summary>Reloads every instrument the program was started with, as SIGHUP does (in the background). Any thread.</summary>
    void ReloadAll();

    /// <summary>The sample streamer's figures, or null without one. Any thread.</summary>
    StreamingStats? Streaming { get; }

    /// <summary>
    /// Copies the process-callback duration histogram (element i: periods whose callback took i µs) into
    /// <paramref name="destination"/> without allocating; returns the elements copied, 0 when the host keeps none. Any thread.
    /// </summary>
    int CopyProcessTimeHistogram(Span<long> destination);

    /// <summary>
    /// Copies the histogram of the time from each period's start to the end of its callback (element i: i µs), which
    /// shows a callback that finished after its deadline (a late wake-up or a stall included), like
    /// <see cref="CopyProcessTimeHistogram"/>; 0 when the host keeps none. Any thread.
    /// </summary>
    int CopyCompletionTimeHistogram(Span<long> destination) => 0;

    /// <summary>The <c>midi-sampler check</c> report as its JSON document (<c>check --json</c>). Control thread; slow (runs tools).</summary>
    string CheckReportJson();
}
