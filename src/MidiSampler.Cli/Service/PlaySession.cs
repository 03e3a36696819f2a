using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using MidiSampler.Engine;
using MidiSampler.Formats;
using MidiSampler.Hosting;
using MidiSampler.Jack;
using MidiSampler.Jack.Service;
using MidiSampler.Model;
using MidiSampler.Remote;
using MidiSampler.Streaming;

namespace MidiSampler.Cli.Service;

/// <summary>
/// One run of <c>midi-sampler play</c> once the instruments are loaded: the host (JACK or ALSA, see
/// <see cref="IPlayBackend"/>), the console on
/// stdin, signals (SIGINT/SIGTERM stop, SIGHUP reloads), systemd notifications and, with
/// <c>--reconnect</c>, surviving a JACK server restart.
/// </summary>
/// <remarks>
/// Design: the main thread only waits and decides (quit, server gone, reload asked). A reload runs on its
/// own background thread: it decodes every file while the current instruments keep playing, then installs
/// each with one swap (the engine picks it up at a period boundary; sounding notes finish on the
/// instrument they started with; the host's worker frees the replaced one off the audio thread).
/// SIGHUPs that arrive during a reload are coalesced into one more reload. When the server goes away
/// with --reconnect, the instruments installed at that moment (console loads included) are kept, the dead
/// client is closed, and a new one is opened every second until a server answers; it gets the same
/// instruments and the connections the options ask for (connections made by hand are not restored:
/// a patchbay or session manager owns those).
/// </remarks>
internal sealed class PlaySession : IDisposable
{
    private static readonly TimeSpan ReconnectInterval = TimeSpan.FromSeconds(1);

    private readonly InstrumentSet _set;
    private readonly IPlayBackend _backend;
    private readonly PlaySessionExtras _extras;
    private readonly bool _reconnect;
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly SystemdNotifier? _notifier;
    private readonly bool _terminal;
    private readonly Lock _hostGate = new();
    private readonly ManualResetEvent _quit = new(initialState: false);
    private readonly AutoResetEvent _reloadAsked = new(initialState: false);
    private ILiveHost? _host;
    private JackHostConsole? _console;
    private HashSet<(int Bank, int Program)> _slotsFromSet = [];
    private readonly LiveCommands _commands;
    private int _reloadRunning;
    private int _reloadPending;

    /// <summary>Prepares a session; nothing runs yet. Control thread.</summary>
    public PlaySession(InstrumentSet set, IPlayBackend backend, bool reconnect, TextWriter output, TextWriter error, SystemdNotifier? notifier, PlaySessionExtras? extras = null)
    {
        _set = set;
        _backend = backend;
        _extras = extras ?? new PlaySessionExtras();
        _reconnect = reconnect;
        _terminal = !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out);
        _output = TextWriter.Synchronized(output);
        _error = TextWriter.Synchronized(error);
        _notifier = notifier;
        // One command layer for the console, the web panel and OSC, serialised on the same gate as reloads.
        _commands = new LiveCommands(() => Volatile.Read(ref _host), _hostGate, set.LoadOne);
        RemoteTarget = new SessionRemoteTarget(this);
    }

    /// <summary>What the web panel and OSC drive: this session's commands, reload, and the host's figures.</summary>
    public IRemoteTarget RemoteTarget { get; }

    /// <summary>The sample streamer's figures for the remote status, or null.</summary>
    public Func<StreamingStats?>? Streaming { get; init; }

    /// <summary>The check report as JSON for the remote (<c>check --json</c>).</summary>
    public Func<string>? CheckReport { get; init; }

    /// <summary>
    /// Connects (waiting for a server with --reconnect), installs <paramref name="files"/> (file i at program i, a
    /// SoundFont's presets at their own bank and program), tells systemd it is ready, and plays until asked to stop.
    /// Returns the exit code. Control thread.
    /// </summary>
    public int Run(IReadOnlyList<InstrumentPrograms> files)
    {
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnStopSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnStopSignal);
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnReloadSignal);
        if (InheritedSignals.IsIgnored(InheritedSignals.Hangup))
        {
            _error.WriteLine("midi-sampler: warning: SIGHUP was ignored when this process started (nohup does that), so it will not "
                + "reload: use the console's 'reload PROGRAM', or the web panel or OSC");
        }

        var slots = InstrumentSet.Slots(files);
        _slotsFromSet = [.. slots.Select(s => (s.Bank, s.Program))];

        // Avoid blocking gen2 collections while playing (background ones only, where the runtime can): a
        // reload's large sample arrays would otherwise stop every thread, the JACK one included.
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;

        var host = Connect(slots, firstTime: true);
        if (host is null)
            return _quit.WaitOne(0) ? ExitCodes.Ok : ExitCodes.BadInput;
        foreach (string line in _extras.StartupLines)
            _output.WriteLine(line);
        Describe(host, files);
        _notifier?.Ready(ReadyStatus(host));

        StartConsole();
        bool terminal = _terminal;
        // On the terminal's last row, outside the scrolling region: never over the line the user is typing.
        using var statusLine = terminal ? new StatusLine(_output, () => Console.WindowHeight) : null;
        using var status = statusLine is not null
            ? new Timer(_ => statusLine.Draw(Volatile.Read(ref _console)?.StatusLine() ?? ""), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))
            : null;

        try
        {
            while (true)
            {
                var songEnded = _extras.ExitAtEnd ? _backend.SongEnded(host) : null;
                int which = songEnded is null
                    ? WaitHandle.WaitAny([_quit, host.ShutdownWaitHandle, _reloadAsked])
                    : WaitHandle.WaitAny([_quit, host.ShutdownWaitHandle, _reloadAsked, songEnded]);
                if (which == 0)
                    break;
                if (which == 3)
                {
                    _output.WriteLine("midi-sampler: the song has ended (--exit-at-end)");
                    break;
                }

                if (which == 2)
                {
                    StartReload();
                    continue;
                }

                if (terminal)
                    _output.Write("\r\u001b[K");
                _error.WriteLine($"midi-sampler: {_backend.LostPhrase(host)} ({host.ShutdownReason}); " + (_reconnect ? "reconnecting when it is back" : "exiting"));
                if (!_reconnect)
                {
                    _notifier?.Stopping(_backend.LostPhrase(host));
                    lock (_hostGate)
                    {
                        host.Dispose(); // returns at once: the server is gone, nothing to drain
                        _host = null;
                    }

                    return ExitCodes.BadInput;
                }

                _notifier?.Status($"{_backend.LostPhrase(host)}; waiting for it to come back");
                host = Reconnect(host);
                if (host is null)
                    break; // asked to quit while waiting
            }
        }
        finally
        {
            status?.Dispose();
        }

        _notifier?.Stopping("stopping: fading out every voice");
        if (host is null)
            return ExitCodes.Ok; // asked to stop while waiting for the server: nothing sounds
        lock (_hostGate)
        {
            host.Stop(); // panic with a short fade, then deactivate: no stuck or cut notes
            var s = host.GetStats();
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"midi-sampler: stopped after {s.FramesProcessed / (double)Math.Max(1, host.SampleRate):0.0} s; peak voices {s.PeakVoices}, xruns {s.Xruns}, dropped events {s.DroppedEvents}"));
            host.Dispose();
            _host = null;
        }

        return ExitCodes.Ok;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _quit.Dispose();
        _reloadAsked.Dispose();
    }

    private static string ReadyStatus(ILiveHost host)
    {
        int programs = host.GetInstruments().Count;
        return string.Create(CultureInfo.InvariantCulture,
            $"playing {programs} instrument(s) as {host.Backend} {(host.Backend == "JACK" ? "client" : "device")} '{host.ClientName}' ({host.SampleRate} Hz, {host.BufferSizeFrames} frames)");
    }

    /// <summary>Opens a host and installs the instruments. Null when it failed and we may not wait (the message is written), or when asked to quit.</summary>
    private ILiveHost? Connect(IReadOnlyList<(int Bank, int Program, Instrument? Instrument)> slots, bool firstTime)
    {
        bool waitingSaid = false;
        while (true)
        {
            try
            {
                var host = _backend.Start(firstTime);
                host.SetInstruments(slots);

                host.StartSong();
                lock (_hostGate)
                {
                    _host = host;
                    Volatile.Write(ref _console, new JackHostConsole(host, _commands, _output));
                }

                return host;
            }
            catch (Exception e) when (_backend.IsUnavailable(e))
            {
                if (!_reconnect)
                {
                    _error.WriteLine($"midi-sampler: {e.Message}");
                    return null;
                }

                if (!waitingSaid)
                {
                    _error.WriteLine($"midi-sampler: {e.Message}; retrying every {ReconnectInterval.TotalSeconds:0} s (--reconnect)");
                    waitingSaid = true;
                    _backend.WaitingStarted();
                }
            }

            firstTime = false;
            if (_quit.WaitOne(ReconnectInterval))
                return null;
        }
    }

    private ILiveHost? Reconnect(ILiveHost dead)
    {
        IReadOnlyList<(int Bank, int Program, Instrument? Instrument)> slots;
        lock (_hostGate)
        {
            slots = dead.GetInstruments();
            dead.Dispose();
            _host = null;
        }

        var host = Connect(slots, firstTime: false);
        if (host is null)
            return null;
        _output.WriteLine($"midi-sampler: reconnected as {host.Backend} {(host.Backend == "JACK" ? "client" : "device")} '{host.ClientName}'");
        foreach (var warning in host.Warnings)
            _error.WriteLine($"midi-sampler: warning: {warning}");
        _notifier?.Status(ReadyStatus(host));
        return host;
    }

    private void StartConsole()
    {
        var reader = new Thread(() =>
        {
            // EOF (stdin closed, /dev/null under systemd) ends the console, not the program.
            while (Console.In.ReadLine() is { } line)
            {
                if (Volatile.Read(ref _console)?.Execute(line) == true)
                {
                    _quit.Set();
                    return;
                }
            }
        })
        { IsBackground = true, Name = "console" };
        reader.Start();
    }

    private void StartReload()
    {
        if (Interlocked.Exchange(ref _reloadRunning, 1) == 1)
        {
            Volatile.Write(ref _reloadPending, 1); // one more pass when the running one ends
            return;
        }

        var loader = new Thread(ReloadLoop) { IsBackground = true, Name = "reload", Priority = ThreadPriority.BelowNormal };
        loader.Start();
    }

    /// <summary>Loader thread: decode everything, then swap slot by slot. Repeats while SIGHUPs arrived meanwhile.</summary>
    private void ReloadLoop()
    {
        do
        {
            Volatile.Write(ref _reloadPending, 0);
            _output.WriteLine("midi-sampler: SIGHUP: reloading the instruments (the current ones keep playing)");
            _notifier?.Reloading("reloading the instruments");
            var (loaded, errors) = _set.LoadForReload();
            var slots = InstrumentSet.Slots(loaded);
            int files = loaded.Count(f => f is not null);
            lock (_hostGate)
            {
                if (_host is { } host)
                {
                    // Slots the set no longer fills (a file removed from the directory) are emptied; not when a file
                    // failed, since its slots keep their instruments.
                    var fresh = slots.Select(s => (s.Bank, s.Program)).ToHashSet();
                    if (errors.Count == 0)
                        slots.AddRange(_slotsFromSet.Where(s => !fresh.Contains(s)).Select(s => (s.Bank, s.Program, (Instrument?)null)));
                    host.SetInstruments(slots);
                    foreach (var instrument in slots.Select(s => s.Instrument).OfType<Instrument>().Distinct())
                    {
                        if (OutputBusRouting.Warning(instrument, _backend.OutputBuses) is { } outputs)
                            _error.WriteLine($"midi-sampler: warning: {outputs}");
                    }

                    if (errors.Count == 0)
                        _slotsFromSet = fresh;
                    else
                        _slotsFromSet.UnionWith(fresh);
                }
            }

            foreach (string e in errors)
                _error.WriteLine($"midi-sampler: reload: {e} (the program keeps its current instrument)");
            _output.WriteLine($"midi-sampler: reloaded {files} of {loaded.Length} instrument(s)");
            var current = Volatile.Read(ref _host);
            if (current is not null)
                _notifier?.Ready(ReadyStatus(current) + (errors.Count > 0 ? $"; reload: {errors.Count} error(s)" : ""));
        }
        while (Volatile.Read(ref _reloadPending) == 1);

        Volatile.Write(ref _reloadRunning, 0);
        if (Volatile.Read(ref _reloadPending) == 1)
            _reloadAsked.Set(); // a SIGHUP slipped in between the check and the reset
    }

    private void Describe(ILiveHost host, IReadOnlyList<InstrumentPrograms> files)
    {
        _backend.Describe(host, _output);
        foreach (string line in _extras.MidiLines)
            _output.WriteLine(line);
        foreach (var file in files)
        {
            foreach (string warning in file.Warnings)
                _error.WriteLine($"midi-sampler: warning: {warning}");
            if (file.IsSoundFont)
                _output.WriteLine($"  {file.Summary()}");
            foreach (var (bank, program, instrument) in file.Programs)
            {
                if (!file.IsSoundFont)
                    _output.WriteLine($"  program {program}: {instrument.Name} ({instrument.Regions.Count} regions)");
                foreach (var warning in instrument.Warnings)
                    _error.WriteLine($"midi-sampler: warning: {instrument.Name}: {warning}");
                if (OutputBusRouting.Warning(instrument, _backend.OutputBuses) is { } outputs)
                    _error.WriteLine($"midi-sampler: warning: {outputs}");
            }
        }

        foreach (var warning in host.Warnings)
            _error.WriteLine($"midi-sampler: warning: {warning}");
        _output.WriteLine("  console: load FILE [PROGRAM] | unload PROGRAM | reload PROGRAM | program CHANNEL PROGRAM | panic | stats [reset] | voices | gain [DB] | quit; SIGHUP reloads");
    }

    private void OnStopSignal(PosixSignalContext context)
    {
        context.Cancel = true; // we shut down ourselves, cleanly
        _quit.Set();
    }

    private void OnReloadSignal(PosixSignalContext context)
    {
        context.Cancel = true; // SIGHUP's default action would end the process
        _reloadAsked.Set();
    }

    /// <summary>The session as the remote control sees it.</summary>
    private sealed class SessionRemoteTarget(PlaySession session) : IRemoteTarget
    {
        public LiveCommands Commands => session._commands;

        public StreamingStats? Streaming => session.Streaming?.Invoke();

        public void ReloadAll() => session._reloadAsked.Set(); // the SIGHUP path: in the background, with no gap

        public int CopyProcessTimeHistogram(Span<long> destination) =>
            Volatile.Read(ref session._host) is JackSamplerHost jack ? jack.CopyProcessTimeHistogram(destination) : 0;

        public int CopyCompletionTimeHistogram(Span<long> destination) =>
            Volatile.Read(ref session._host) is JackSamplerHost jack ? jack.CopyCompletionTimeHistogram(destination) : 0;

        public string CheckReportJson() => session.CheckReport?.Invoke() ?? "{\"ready\": null, \"checks\": []}";
    }
}
