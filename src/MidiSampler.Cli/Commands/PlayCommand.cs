using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using MidiSampler.Formats;
using MidiSampler.Jack;
using MidiSampler.Model;
using MidiSampler.Realtime;
using MidiSampler.Streaming;

namespace MidiSampler.Cli.Commands;

/// <summary>
/// <c>midi-sampler play INSTRUMENT...</c>: plays instruments live as a JACK client (midi_in, out_1, out_2).
/// Instrument i answers program change i; every channel starts on program 0.
/// </summary>
/// <remarks>
/// Runs until <c>quit</c> on the console, SIGINT/SIGTERM, or the server shutting down (exit 1 with the
/// server's reason). The end of stdin does not stop it, so it can run as a service with stdin closed.
/// On a terminal a status line is refreshed every second.
/// </remarks>
internal static class PlayCommand
{
    /// <summary>Builds the command. Control thread.</summary>
    public static Command Create()
    {
        var instruments = new Argument<string[]>("INSTRUMENT")
        {
            Description = "SFZ or sample files; the first is program 0, the next program 1, ...",
            Arity = ArgumentArity.OneOrMore,
        };
        var clientName = new Option<string>("--client-name") { Description = "JACK client name", DefaultValueFactory = _ => "midi-sampler" };
        var connect = new Option<bool>("--connect") { Description = "connect out_1/out_2 to the physical playback ports and every physical MIDI source to midi_in" };
        var midiConnect = new Option<string[]>("--midi-connect")
        {
            Description = "connect the JACK MIDI outputs matching this regular expression to midi_in (repeatable)",
            DefaultValueFactory = _ => [],
        };
        var polyphony = new Option<int>("--polyphony") { Description = "voices that may sound at once (1..8192)", DefaultValueFactory = _ => 256 };
        var gain = new Option<double>("--gain") { Description = "output gain in dB (at most +40)", DefaultValueFactory = _ => 0 };
        var rtPriority = new Option<int?>("--rt-priority") { Description = "SCHED_FIFO priority for the JACK process thread (1..99); default: the server's" };
        var noStartServer = new Option<bool>("--no-start-server") { Description = "fail if no JACK server runs instead of starting one" };
        var noEffects = new Option<bool>("--no-effects") { Description = "bypass the reverb and chorus (CC91/CC93 send buses)" };

        var command = new Command("play", "Play instruments live through JACK (MIDI in, stereo out), sample-accurately")
        {
            instruments, clientName, connect, midiConnect, polyphony, gain, rtPriority, noStartServer, noEffects,
        };
        var streaming = new StreamingCli();
        streaming.AddTo(command);
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
                GainDb = parse.GetValue(gain),
                RealtimePriority = parse.GetValue(rtPriority),
                NoStartServer = parse.GetValue(noStartServer),
                EffectsEnabled = !parse.GetValue(noEffects),
            };
            return Run(parse.GetValue(instruments) ?? [], options, streaming.Options(parse, offline: false) with { MaxStreams = options.Polyphony }, output, error);
        });
        return command;
    }

    private static int Run(string[] paths, JackHostOptions options, StreamingOptions streaming, TextWriter output, TextWriter error)
    {
        if (options.Polyphony is < 1 or > 8192)
            throw new ArgumentException($"--polyphony {options.Polyphony} is outside 1..8192");
        if (!double.IsFinite(options.GainDb) || options.GainDb > 40)
            throw new ArgumentException($"--gain {options.GainDb} dB is above +40 dB");
        if (options.RealtimePriority is < 1 or > 99)
            throw new ArgumentException($"--rt-priority {options.RealtimePriority} is outside 1..99");
        if (paths.Length > 128)
            throw new ArgumentException($"{paths.Length} instruments given; programs go up to 128");

        // Load everything before touching JACK: a bad file exits with code 1 and nothing half-started.
        // Streamed samples keep a head in RAM and read the rest from disk on the store's thread (docs/streaming.md).
        using var store = new SampleStore(streaming);
        var loaded = new Instrument[paths.Length];
        for (int i = 0; i < paths.Length; i++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            loaded[i] = StreamingCli.Load(store, paths[i], null);
            output.WriteLine($"midi-sampler: {loaded[i].Name}: {StreamingCli.Describe(loaded[i], store.GetStats(), clock.Elapsed.TotalSeconds)}");
        }

        // Lock memory before the audio thread exists, so that its stack, the voices and the sample data are never
        // paged out while playing. A refusal is one warning with the fix; the program still plays.
        int lockErrno = RealtimeSupport.LockMemory(out _);
        if (lockErrno != 0)
            error.WriteLine($"midi-sampler: warning: {RealtimeAdvice.MemoryLockFailure(lockErrno, RealtimeSupport.ReadLimits(), Environment.ProcessPath)}");
        else
            store.ExcludeStreamedMemoryFromLock(); // only the heads stay locked; streamed chunks come and go

        JackSamplerHost host;
        try
        {
            host = JackSamplerHost.Start(options);
        }
        catch (JackException e)
        {
            error.WriteLine($"midi-sampler: {e.Message}");
            return ExitCodes.BadInput;
        }

        using (host)
        {
            for (int i = 0; i < loaded.Length; i++)
                host.SetInstrument(i, loaded[i]);
            Describe(host, loaded, output, error);
            int code = Play(host, output, error);
            if (store.GetStats() is { StreamedSamples: > 0 } streamed)
                output.WriteLine("midi-sampler: " + StreamingCli.Figures(streamed));
            return code;
        }
    }

    private static int Play(JackSamplerHost host, TextWriter output, TextWriter error)
    {
        using var quit = new ManualResetEvent(initialState: false);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        bool terminal = !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out);
        var console = new JackHostConsole(host, output);
        var reader = new Thread(() =>
        {
            // EOF (stdin closed, /dev/null under systemd) ends the console, not the program.
            if (console.Run(Console.In))
                quit.Set();
        })
        { IsBackground = true, Name = "console" };
        reader.Start();

        using var status = terminal
            ? new Timer(_ => output.Write($"\r{console.StatusLine()}\u001b[K"), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1))
            : null;

        int which = WaitHandle.WaitAny([quit, host.ShutdownWaitHandle]);
        status?.Dispose();
        if (terminal)
            output.Write("\r\u001b[K");
        if (which == 1)
        {
            error.WriteLine($"midi-sampler: the JACK server shut down ({host.ShutdownReason}); exiting");
            return ExitCodes.BadInput;
        }

        host.Stop(); // panic with a short fade, then deactivate: no stuck or cut notes
        var s = host.GetStats();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"midi-sampler: stopped after {s.FramesProcessed / (double)Math.Max(1, host.SampleRate):0.0} s; peak voices {s.PeakVoices}, xruns {s.Xruns}, dropped events {s.DroppedEvents}"));
        return ExitCodes.Ok;

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // we shut down ourselves, cleanly
            quit.Set();
        }
    }

    private static void Describe(JackSamplerHost host, Instrument[] instruments, TextWriter output, TextWriter error)
    {
        double periodMs = 1000.0 * host.BufferSizeFrames / host.SampleRate;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"midi-sampler: JACK client '{host.ClientName}', {host.SampleRate} Hz, period {host.BufferSizeFrames} frames ({periodMs:0.00} ms)"));
        output.WriteLine($"  MIDI in: {host.MidiInputPort}; audio out: {string.Join(", ", host.OutputPorts)}");
        for (int i = 0; i < instruments.Length; i++)
        {
            output.WriteLine($"  program {i}: {instruments[i].Name} ({instruments[i].Regions.Count} regions)");
            foreach (var warning in instruments[i].Warnings)
                error.WriteLine($"midi-sampler: warning: {instruments[i].Name}: {warning}");
        }

        foreach (var warning in host.Warnings)
            error.WriteLine($"midi-sampler: warning: {warning}");
        output.WriteLine("  console: load FILE [PROGRAM] | unload PROGRAM | panic | stats | voices | gain [DB] | quit");
    }
}
