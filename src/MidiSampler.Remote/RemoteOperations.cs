using System.Text.Json;
using MidiSampler.Hosting;

namespace MidiSampler.Remote;

/// <summary>
/// The operations the web API and OSC both offer, on top of the shared <see cref="LiveCommands"/>: the library check
/// before any load, and the status, program and library documents as JSON. One place, so that HTTP and OSC cannot
/// drift apart.
/// </summary>
/// <remarks>
/// Design: commands run on the request's thread (a thread-pool thread, or the OSC receiver) through
/// <see cref="LiveCommands"/>, whose gate the audio thread never takes. The status document reads counters the audio
/// thread publishes (plain reads of numbers) and copies the callback histogram into a buffer allocated once, so a
/// panel polling twice a second adds little garbage; <see cref="Histogram"/> sums 1 µs bins into tenths of the period.
/// </remarks>
public sealed class RemoteOperations : IDisposable
{
    /// <summary>Histogram bins shown: tenths of the period, the last one "over the period".</summary>
    public const int HistogramBins = 11;

    private const int HistogramMicroseconds = 50_001;
    private readonly IRemoteTarget _target;
    private readonly InstrumentLibrary _library;
    private readonly long[] _histogram = new long[HistogramMicroseconds];
    private readonly Lock _histogramGate = new();
    private int _programsVersion;

    /// <summary>Operations on <paramref name="target"/>, loading only from <paramref name="library"/>.</summary>
    public RemoteOperations(IRemoteTarget target, InstrumentLibrary library)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(library);
        _target = target;
        _library = library;
        Midi = new MidiMonitor(() => target.Commands.Host);
        Meters = new ChannelMeters(() => target.Commands.Host);
    }

    /// <summary>The MIDI monitor (the events the engine applied).</summary>
    public MidiMonitor Midi { get; }

    /// <summary>The per-channel level meters.</summary>
    public ChannelMeters Meters { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Midi.Dispose();
        Meters.Dispose();
    }

    /// <summary>Bumped by every change of the program slots made here (the live updates resend the programs then).</summary>
    public int ProgramsVersion => Volatile.Read(ref _programsVersion);

    /// <summary>The library the remote may load from.</summary>
    public InstrumentLibrary Library => _library;

    /// <summary>The target (for the check report).</summary>
    public IRemoteTarget Target => _target;

    /// <summary>Loads <paramref name="path"/> (below library root <paramref name="root"/>) into a program slot. 403/404 outside the library.</summary>
    public (int Status, CommandResult Result) Load(string path, int root, int? program)
    {
        string real;
        try
        {
            real = _library.Resolve(path, root);
        }
        catch (LibraryAccessException e)
        {
            return (e.StatusCode, CommandResult.Fail(e.Message));
        }

        return Changed(_target.Commands.Load(real, program), 422);
    }

    /// <summary>Empties a program slot.</summary>
    public (int Status, CommandResult Result) Unload(int program) => Changed(_target.Commands.Unload(program), 404);

    /// <summary>Reloads one program from its file, or with null every instrument the program was started with (SIGHUP's reload).</summary>
    public (int Status, CommandResult Result) Reload(int? program)
    {
        if (program is { } p)
            return Changed(_target.Commands.Reload(p), 404);
        _target.ReloadAll();
        Interlocked.Increment(ref _programsVersion);
        return (202, new CommandResult(true, "reloading every instrument in the background (the current ones keep playing)"));
    }

    /// <summary>Switches a channel (1..16) to a program.</summary>
    public (int Status, CommandResult Result) SetChannelProgram(int channel, int program) =>
        Changed(_target.Commands.SetChannelProgram(channel - 1, program), 422);

    /// <summary>Sets the output gain in dB.</summary>
    public (int Status, CommandResult Result) SetGain(double gainDb) => Status(_target.Commands.SetGain(gainDb), 422);

    /// <summary>All notes off, controllers reset.</summary>
    public (int Status, CommandResult Result) Panic() => Status(_target.Commands.Panic(), 503);

    /// <summary>Resets the peaks (voices, longest period, level).</summary>
    public (int Status, CommandResult Result) ResetPeaks() => Status(_target.Commands.ResetPeaks(), 503);

    /// <summary>The live status: voices, DSP load, xruns, dropped events, histogram, channel meters, memory, streaming, MIDI counters.</summary>
    public void WriteStatus(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var host = _target.Commands.Host;
        w.WriteStartObject();
        w.WriteBoolean("connected", host is not null);
        if (host is not null)
        {
            var s = host.GetStats();
            w.WriteString("backend", host.Backend);
            w.WriteString("client", host.ClientName);
            w.WriteNumber("sample_rate", host.SampleRate);
            w.WriteNumber("period_frames", host.BufferSizeFrames);
            w.WriteNumber("voices", s.ActiveVoices);
            w.WriteNumber("peak_voices", s.PeakVoices);
            w.WriteNumber("polyphony", host.Sampler.Config.MaxPolyphony);
            w.WriteNumber("stolen_voices", s.StolenVoices);
            w.WriteNumber("dsp_load", Math.Round(s.DspLoad, 4));
            w.WriteNumber("mean_period_us", Math.Round(s.MeanBlockMicroseconds, 1));
            w.WriteNumber("max_period_us", Math.Round(s.MaxBlockMicroseconds, 1));
            w.WriteNumber("xruns", s.Xruns);
            w.WriteNumber("dropped_events", s.DroppedEvents);
            w.WriteNumber("periods", s.BlocksProcessed);
            w.WriteNumber("peak_level", Math.Round(s.PeakLevel, 5));
            w.WriteNumber("gain_db", Math.Round(host.GainDb, 2));
            var midi = host.MidiCounters;
            w.WriteStartObject("midi");
            w.WriteNumber("messages", midi.Messages);
            w.WriteNumber("ignored", midi.Unsupported);
            w.WriteNumber("malformed", midi.Malformed);
            w.WriteEndObject();
            double periodMicroseconds = 1e6 * host.BufferSizeFrames / Math.Max(1, host.SampleRate);
            WriteHistogram(w, periodMicroseconds);
            if (LateCallbacks(periodMicroseconds) is { } late)
                w.WriteNumber("late_callbacks", late);
            else
                w.WriteNull("late_callbacks");
            w.WriteStartArray("channels");
            for (int c = 0; c < LiveCommands.Channels; c++)
                w.WriteNumberValue(host.Sampler.GetChannelProgram(c));
            w.WriteEndArray();
            w.WritePropertyName("meters");
            Meters.Write(w);
        }

        w.WriteStartObject("memory");
        w.WriteNumber("managed_bytes", GC.GetTotalMemory(forceFullCollection: false));
        w.WriteNumber("working_set_bytes", Environment.WorkingSet);
        w.WriteNumber("gc_gen0", GC.CollectionCount(0));
        w.WriteNumber("gc_gen1", GC.CollectionCount(1));
        w.WriteNumber("gc_gen2", GC.CollectionCount(2));
        w.WriteEndObject();
        if (_target.Streaming is { } st)
        {
            w.WriteStartObject("streaming");
            w.WriteNumber("streamed_samples", st.StreamedSamples);
            w.WriteNumber("active_streams", st.ActiveStreams);
            w.WriteNumber("underruns", st.Underruns);
            w.WriteNumber("read_bytes_per_second", Math.Round(st.BytesReadPerSecond));
            w.WriteNumber("head_bytes", st.HeadBytes);
            w.WriteNumber("cached_bytes", st.CachedBytes);
            w.WriteNumber("budget_bytes", st.MemoryBudgetBytes);
            w.WriteNumber("read_errors", st.ReadErrors);
            w.WriteBoolean("heads_locked", st.HeadsLocked);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("streaming");
        }

        w.WriteNumber("programs_version", ProgramsVersion);
        w.WriteEndObject();
    }

    /// <summary>The program slots and each channel's program.</summary>
    public void WritePrograms(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteStartArray("slots");
        foreach (var (program, name, path, regions) in _target.Commands.ProgramSlots())
        {
            w.WriteStartObject();
            w.WriteNumber("program", program);
            w.WriteString("name", name);
            w.WriteString("path", path);
            w.WriteNumber("regions", regions);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("channels");
        var host = _target.Commands.Host;
        for (int c = 0; c < LiveCommands.Channels; c++)
        {
            w.WriteStartObject();
            w.WriteNumber("channel", c + 1);
            if (host is null)
                w.WriteNull("program");
            else
                w.WriteNumber("program", host.Sampler.GetChannelProgram(c));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("programs_version", ProgramsVersion);
        w.WriteEndObject();
    }

    /// <summary>The library: its roots and instrument files.</summary>
    public void WriteLibrary(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteStartArray("roots");
        foreach (string r in _library.Roots)
            w.WriteStringValue(r);
        w.WriteEndArray();
        w.WriteStartArray("files");
        foreach (var e in _library.List())
        {
            w.WriteStartObject();
            w.WriteNumber("root", e.Root);
            w.WriteString("path", e.Path);
            w.WriteNumber("bytes", e.Bytes);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A command's answer as JSON: ok, message, program, warnings.</summary>
    public static void WriteResult(Utf8JsonWriter w, CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        w.WriteStartObject();
        w.WriteBoolean("ok", result.Ok);
        w.WriteString("message", result.Message);
        if (result.Program is { } p)
            w.WriteNumber("program", p);
        w.WriteStartArray("warnings");
        foreach (string warning in result.Warnings ?? [])
            w.WriteStringValue(warning);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Sums the 1 µs histogram into tenths of the period (the last bin: longer than the period); null without one.</summary>
    public long[]? Histogram(double periodMicroseconds)
    {
        var bins = new long[HistogramBins];
        lock (_histogramGate)
        {
            int n = _target.CopyProcessTimeHistogram(_histogram);
            if (n == 0)
                return null;
            for (int us = 0; us < n; us++)
            {
                long count = _histogram[us];
                if (count != 0)
                    bins[Math.Min(HistogramBins - 1, (int)(us / Math.Max(1, periodMicroseconds) * 10))] += count;
            }
        }

        return bins;
    }

    /// <summary>
    /// Callbacks that ended after their period's deadline (from the period's start, so a late wake-up counts), since the
    /// start; null when the host keeps no such figure (ALSA). What this program itself was late with, apart from the
    /// server's xrun count, which any client (or the server) can cause. Any thread.
    /// </summary>
    public long? LateCallbacks(double periodMicroseconds)
    {
        lock (_histogramGate)
        {
            int n = _target.CopyCompletionTimeHistogram(_histogram);
            if (n == 0)
                return null;
            long late = 0;
            for (int us = (int)Math.Ceiling(periodMicroseconds); us < n; us++)
                late += _histogram[us];
            return late;
        }
    }

    private static (int, CommandResult) Status(CommandResult result, int failure) => (result.Ok ? 200 : failure, result);

    private void WriteHistogram(Utf8JsonWriter w, double periodMicroseconds)
    {
        if (Histogram(periodMicroseconds) is not { } bins)
        {
            w.WriteNull("callback_histogram");
            return;
        }

        w.WriteStartObject("callback_histogram");
        w.WriteString("unit", "tenths of the period; the last bin counts callbacks longer than the period");
        w.WriteStartArray("counts");
        foreach (long b in bins)
            w.WriteNumberValue(b);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private (int, CommandResult) Changed(CommandResult result, int failure)
    {
        if (result.Ok)
            Interlocked.Increment(ref _programsVersion);
        return Status(result, failure);
    }
}
