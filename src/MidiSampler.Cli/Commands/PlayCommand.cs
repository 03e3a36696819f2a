using System.CommandLine;
using MidiSampler.Cli.Service;
using MidiSampler.Engine;
using MidiSampler.Jack;
using MidiSampler.Jack.Service;
using MidiSampler.Realtime;
using MidiSampler.Remote;
using MidiSampler.Streaming;

namespace MidiSampler.Cli.Commands;

/// <summary>
/// <c>midi-sampler play INSTRUMENT...</c>: plays instruments live as a JACK client (midi_in, out_1, out_2).
/// Instrument i answers program change i (a directory stands for its instrument files in name order); a SoundFont
/// installs every preset at its own bank and program, as <c>render</c> does (bank select CC0/CC32, drum kits of
/// bank 128 on channel 10); every channel starts on program 0. A program change to an empty slot keeps the channel's current
/// instrument (the engine ignores it), so a stray program change never silences a channel.
/// </summary>
/// <remarks>
/// Runs until <c>quit</c> on the console, SIGINT/SIGTERM, or the server shutting down (exit 1 with the
/// server's reason; with --reconnect it waits for the server and carries on instead). SIGHUP reloads the
/// instruments while the old ones keep playing. Under systemd (Type=notify) it reports READY=1 once the
/// client is active with its instruments, and STOPPING=1 when it stops. The end of stdin does not stop it,
/// so it can run as a service with stdin closed. On a terminal a status line is refreshed every second.
/// </remarks>
internal static class PlayCommand
{
    /// <summary>Builds the command. Control thread.</summary>
    public static Command Create()
    {
        var instruments = new Argument<string[]>("INSTRUMENT")
        {
            Description = "SFZ files, SoundFonts (.sf2/.sf3: every preset at its own bank and program, as render; bank select CC0/CC32, drums on channel 10) or sample files (.wav/.flac/.ogg/.aiff), or directories of them; the first is program 0, the next program 1, ...",
            Arity = ArgumentArity.OneOrMore,
        }.RejectOptionLikeValues();
        var clientName = new Option<string>("--client-name") { Description = "JACK client name", DefaultValueFactory = _ => "midi-sampler" };
        var connect = new Option<bool>("--connect") { Description = "connect out_1/out_2 to the physical playback ports and every physical MIDI source to midi_in" };
        var midiConnect = new Option<string[]>("--midi-connect")
        {
            Description = "connect the JACK MIDI outputs matching this regular expression to midi_in (repeatable)",
            DefaultValueFactory = _ => [],
        };
        var polyphony = new Option<int>("--polyphony") { Description = "voices that may sound at once (1..8192)", DefaultValueFactory = _ => 256 };
        var gain = CommonOptions.GainDb();
        var rtPriority = new Option<int?>("--rt-priority") { Description = "SCHED_FIFO priority for the JACK process thread (1..99); default: the server's" };
        var noStartServer = new Option<bool>("--no-start-server") { Description = "fail if no JACK server runs instead of starting one" };
        var noEffects = new Option<bool>("--no-effects") { Description = "bypass the reverb and chorus (CC91/CC93 send buses) and SFZ <effect> buses" };
        var multiOut = new Option<bool>("--multi-out")
        {
            Description = "also a stereo output per MIDI channel (ch01_L, ch01_R ... ch16_R): its dry sound after --gain; reverb and chorus stay on out_1/out_2",
        };
        var outputs = new Option<int>("--outputs")
        {
            Description = "also N stereo outputs by SFZ region output (output00_L, output00_R ... ; 1..16): each its regions' dry sound after --gain, outputs >= N on the last; reverb and chorus stay on out_1/out_2",
        };
        var reconnect = new Option<bool>("--reconnect")
        {
            Description = "when the JACK server is missing or shuts down, wait for it and reconnect (same instruments and connections) instead of exiting",
        };

        var command = new Command("play", "Play instruments (SFZ, SoundFont, WAV/FLAC) live through JACK (MIDI in, stereo out), sample-accurately")
        {
            instruments, clientName, connect, midiConnect, polyphony, gain, rtPriority, noStartServer, noEffects, multiOut, outputs, reconnect,
        };
        var streaming = new StreamingCli();
        streaming.AddTo(command);
        var backends = new AudioBackendCli();
        backends.AddTo(command);
        var remote = new RemoteCli();
        remote.AddTo(command);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var options = new JackHostOptions
            {
                ClientName = parse.GetValue(clientName) ?? "midi-sampler",
                ConnectPhysical = parse.GetValue(connect),
                MidiConnectPatterns = parse.GetValue(midiConnect) ?? [],
                Polyphony = parse.GetValue(polyphony),
                GainDb = parse.GetValue(gain) ?? CommonOptions.DefaultGainDb(parse.GetValue(instruments) ?? []),
                RealtimePriority = parse.GetValue(rtPriority),
                NoStartServer = parse.GetValue(noStartServer),
                EffectsEnabled = !parse.GetValue(noEffects),
                MultiOut = parse.GetValue(multiOut),
                Outputs = parse.GetValue(outputs),
                MeasureProcessTime = remote.Wanted(parse), // the panel's callback-time histogram (a counter per period)
                ChannelMeters = remote.Wanted(parse), // the panel's and OSC's per-channel level meters
            };
            string[] paths = parse.GetValue(instruments) ?? [];
            var remoteOptions = remote.Read(parse, paths, output);
            return Run(paths, options, parse.GetValue(reconnect), streaming.Options(parse, offline: false) with { MaxStreams = EngineLimits.VoicePoolSize(options.Polyphony) }, output, error, backends.Read(parse), remoteOptions);
        });
        return command;
    }

    private static int Run(string[] paths, JackHostOptions options, bool reconnect, StreamingOptions streaming, TextWriter output, TextWriter error, AudioChoice audio, RemoteOptions? remoteOptions)
    {
        if (options.Polyphony is < 1 or > 8192)
            throw new ArgumentException($"--polyphony {options.Polyphony} is outside 1..8192");
        if (!double.IsFinite(options.GainDb) || options.GainDb > 40)
            throw new ArgumentException($"--gain {options.GainDb} dB is above +40 dB");
        if (options.RealtimePriority is < 1 or > 99)
            throw new ArgumentException($"--rt-priority {options.RealtimePriority} is outside 1..99");
        if (options.Outputs is < 0 or > SamplerConfig.MaxOutputBuses)
            throw new ArgumentException($"--outputs {options.Outputs} is outside 1..{SamplerConfig.MaxOutputBuses}");
        if (options.Outputs > 0 && options.MultiOut)
            throw new ArgumentException("--outputs and --multi-out exclude each other: buses follow either the region's output or the MIDI channel");

        // Load everything before touching JACK: a bad file exits with code 1 and nothing half-started.
        // Streamed samples keep a head in RAM and read the rest from disk on the store's thread (docs/streaming.md).
        using var store = new SampleStore(streaming);
        var set = new InstrumentSet(paths, path => StreamingCli.Load(store, path, null));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var loaded = set.LoadAll();
        foreach (var file in loaded)
        {
            if (file.IsSoundFont)
                output.WriteLine($"midi-sampler: {Path.GetFileName(file.Path)}: {file.Programs.Count} presets loaded in {clock.Elapsed.TotalSeconds:0.00} s (all in RAM)");
            else
                output.WriteLine($"midi-sampler: {file.Programs[0].Instrument.Name}: {StreamingCli.Describe(file.Programs[0].Instrument, store.GetStats(), clock.Elapsed.TotalSeconds)}");
        }

        // Lock memory before the audio thread exists, so that its stack, the voices and the sample data are never
        // paged out while playing. A refusal is one warning with the fix; the program still plays.
        int lockErrno = RealtimeSupport.LockMemory(out _);
        if (lockErrno != 0)
            error.WriteLine($"midi-sampler: warning: {RealtimeAdvice.MemoryLockFailure(lockErrno, RealtimeSupport.ReadLimits(), Environment.ProcessPath)}");
        else
            store.ExcludeStreamedMemoryFromLock(); // only the heads stay locked; streamed chunks come and go

        using var notifier = SystemdNotifier.FromEnvironment();
        // JACK when a server answers, else ALSA (or what --audio says); the sequencer input when --midi wants it.
        var (backend, extras, midiInput) = AudioBackendCli.Choose(audio, options, output, error);
        using var midi = midiInput;
        using var session = new PlaySession(set, backend, reconnect, output, error, notifier, extras)
        {
            Streaming = () => store.GetStats() is { StreamedSamples: > 0 } s ? s : null,
            CheckReport = () => CheckCommand.ReportJson(remoteOptions?.Library.Roots.FirstOrDefault()),
        };
        var remote = remoteOptions is null ? null : RemoteControl.StartAsync(session.RemoteTarget, remoteOptions).GetAwaiter().GetResult();
        if (remote?.Web is { } web)
            output.WriteLine($"midi-sampler: web panel on http://{web.Endpoint}/ (library: {string.Join(", ", remoteOptions!.Library.Roots)})");
        if (remote?.Osc is { } osc)
            output.WriteLine($"midi-sampler: OSC on udp://{osc.Endpoint} (/ms/..., docs/remote.md)");
        int code;
        try
        {
            code = session.Run(loaded);
        }
        finally
        {
            remote?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        if (store.GetStats() is { StreamedSamples: > 0 } streamed)
            output.WriteLine("midi-sampler: " + StreamingCli.Figures(streamed));
        return code;
    }
}
