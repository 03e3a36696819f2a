using System.CommandLine;
using System.Globalization;
using MidiSampler.Engine;
using MidiSampler.Formats;
using MidiSampler.Formats.Midi;
using MidiSampler.Formats.Wav;
using MidiSampler.Model;
using MidiSampler.Rendering;
using MidiSampler.Streaming;
using Spectre.Console;

namespace MidiSampler.Cli.Commands;

/// <summary><c>midi-sampler render INSTRUMENT SONG.mid -o OUT.wav</c>: offline rendering, faster than real time.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var instrument = new Argument<string>("INSTRUMENT") { Description = "An .sfz file, a SoundFont (.sf2: every preset at its bank and program) or a single .wav sample" };
        var song = new Argument<string>("SONG") { Description = "A Standard MIDI File (.mid), format 0 or 1" };
        var output = new Option<string>("--output", "-o") { Description = "The WAV file to write", Required = true };
        var rate = new Option<int>("--sample-rate", "-r") { Description = "Output rate in Hz", DefaultValueFactory = _ => 48_000 };
        var polyphony = new Option<int>("--polyphony") { Description = "Voices that may sound at once", DefaultValueFactory = _ => 256 };
        var block = new Option<int>("--block-size") { Description = "Frames per engine block", DefaultValueFactory = _ => 256 };
        var interpolation = CommonOptions.Interpolation();
        var format = new Option<string>("--format") { Description = "pcm16, pcm24 or float32", DefaultValueFactory = _ => "pcm24" };
        format.AcceptOnlyFromAmong("pcm16", "pcm24", "float32");
        var gain = CommonOptions.GainDb();
        var rootNote = CommonOptions.RootNote();
        var noEffects = new Option<bool>("--no-effects") { Description = "Bypass the reverb and chorus (CC91/CC93 send buses) and SFZ <effect> buses: the dry mix only" };
        var outputs = new Option<int>("--outputs")
        {
            Description = "Also write one stereo stem per SFZ region output 0..N-1 (1..16) beside the main file: OUT.output00.wav ... (each its regions' dry sound; outputs >= N in the last)",
        };
        var multiOut = new Option<bool>("--multi-out")
        {
            Description = "Also write one stereo stem per MIDI channel beside the main file: OUT.ch01.wav ... OUT.ch16.wav (each the channel's dry sound)",
        };
        var maxSeconds = new Option<double>("--max-seconds")
        {
            Description = "Refuse a song whose last event comes later than this, in seconds (release tails may follow, up to 30 s); "
                + "a 40-byte file can declare years. Default 3600 (one hour), at most 86400",
            DefaultValueFactory = _ => SongRenderer.DefaultMaxSeconds,
        };
        var streaming = new StreamingCli();
        var command = new Command("render", "Render a MIDI file through an instrument to a WAV file, faster than real time")
        {
            instrument, song, output, rate, polyphony, block, interpolation, format, gain, rootNote, noEffects, outputs, multiOut, maxSeconds,
        };
        streaming.AddTo(command);
        command.SetAction(parse =>
        {
            var settings = new RenderSettings(
                parse.GetValue(instrument)!, parse.GetValue(song)!, parse.GetValue(output)!, parse.GetValue(rate),
                parse.GetValue(polyphony), parse.GetValue(block),
                CommonOptions.InterpolationMode(parse.GetValue(interpolation)),
                parse.GetValue(format) switch { "pcm16" => WavSampleFormat.Pcm16, "float32" => WavSampleFormat.Float32, _ => WavSampleFormat.Pcm24 },
                parse.GetValue(gain) ?? CommonOptions.DefaultGainDb([parse.GetValue(instrument)!]), parse.GetValue(rootNote), !parse.GetValue(noEffects), streaming.Options(parse, offline: true),
                parse.GetValue(outputs), parse.GetValue(multiOut), parse.GetValue(maxSeconds));
            return Run(settings, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    private static int Run(RenderSettings s, TextWriter output, TextWriter error)
    {
        if (s.SampleRate is < 8000 or > 384_000 || s.Polyphony is < 1 or > 8192 || s.BlockFrames is < 16 or > 16_384 || !double.IsFinite(s.GainDb) || s.GainDb > 40)
        {
            error.WriteLine("midi-sampler: render: --sample-rate 8000..384000, --polyphony 1..8192, --block-size 16..16384, --gain at most +40 dB");
            return ExitCodes.BadInput;
        }

        if (s.Outputs is < 0 or > SamplerConfig.MaxOutputBuses || (s.Outputs > 0 && s.MultiOut))
        {
            error.WriteLine($"midi-sampler: render: --outputs 1..{SamplerConfig.MaxOutputBuses}, and not with --multi-out (stems follow either the region's output or the MIDI channel)");
            return ExitCodes.BadInput;
        }

        // Before any work: a missing folder is named as such, not as the hidden .partial file written first.
        string? folder = Path.GetDirectoryName(Path.GetFullPath(s.OutputPath));
        if (folder is not null && !Directory.Exists(folder))
        {
            error.WriteLine($"midi-sampler: render: -o {s.OutputPath}: the folder '{folder}' does not exist");
            return ExitCodes.BadInput;
        }

        if (!(s.MaxSeconds is > 0 and <= MaxSecondsLimit))
        {
            error.WriteLine($"midi-sampler: render: --max-seconds must be more than 0 and at most {MaxSecondsLimit} (24 hours)");
            return ExitCodes.BadInput;
        }

        // Before anything is loaded or written: a song longer than the cap is refused, not rendered for hours.
        var midi = MidiFile.Load(s.SongPath);
        double songSeconds = SongRenderer.LastEventSeconds(midi);
        if (songSeconds > s.MaxSeconds)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"midi-sampler: render: {s.SongPath}: its last event comes at {Duration(songSeconds)}, later than --max-seconds {s.MaxSeconds:0.###}; pass a larger --max-seconds to render it anyway"));
            return ExitCodes.BadInput;
        }

        // Offline: a streamed voice may wait for the disk, so the render equals an all-in-RAM one (docs/streaming.md).
        using var store = new SampleStore(s.Streaming with { MaxStreams = EngineLimits.VoicePoolSize(s.Polyphony) });
        var instruments = Load(s, store, error);
        // The loader's temporaries (a SoundFont's parse tables and mapping arrays) are garbage now: collected before the
        // compile, their pages hold the compiled regions instead of the heap growing by both (the render's peak is at load).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        using var sampler = new Sampler(new SamplerConfig
        {
            SampleRate = s.SampleRate,
            MaxPolyphony = s.Polyphony,
            MaxBlockFrames = s.BlockFrames,
            Interpolation = s.Interpolation,
            MasterGainDb = s.GainDb,
            MaxEventsPerBlock = 4096,
            EffectsEnabled = s.Effects,
            ChannelBuses = s.MultiOut,
            OutputBuses = s.Outputs,
        });
        sampler.SetInstruments(instruments);
        // The load's temporary objects are garbage now and nothing allocates while rendering: one compacting collection
        // gives their pages back, so the render's peak memory is what it plays (samples, compiled regions), not the load's.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        foreach (var (_, _, instrument) in instruments)
        {
            if (instrument is not null && OutputBusRouting.Warning(instrument, s.Outputs) is { } warning)
                error.WriteLine($"warning: {warning}");
        }

        // Write beside the targets and move into place at the end, so that a failed or interrupted render
        // never leaves a truncated file where the user expects a finished one (nor clobbers an older one).
        string target = Path.GetFullPath(s.OutputPath);
        var targets = new List<string> { target };
        targets.AddRange(StemPaths(target, s.Outputs, s.MultiOut));
        var partials = targets.Select(t => Path.Combine(Path.GetDirectoryName(t)!, $".{Path.GetFileName(t)}.{Environment.ProcessId}.partial")).ToList();
        var writers = new List<WavWriter>();
        SongRenderResult result;
        try
        {
            try
            {
                writers.Add(new WavWriter(partials[0], s.SampleRate, sampler.Config.OutputChannels, s.Format));
                for (int i = 1; i < partials.Count; i++)
                    writers.Add(new WavWriter(partials[i], s.SampleRate, 2, s.Format));
                var renderer = new SongRenderer(sampler, midi) { BlockFrames = s.BlockFrames, MaxSeconds = s.MaxSeconds };
                var stems = writers.Skip(1).Select(w => (AudioSink)w.Write).ToList();
                result = Interactive()
                    ? RenderWithProgressBar(renderer, writers[0], stems, Path.GetFileName(s.SongPath))
                    : stems.Count > 0 ? renderer.Render(writers[0].Write, stems) : renderer.Render(writers[0].Write);
            }
            finally
            {
                foreach (var writer in writers)
                    writer.Dispose();
            }

            for (int i = 0; i < targets.Count; i++)
                File.Move(partials[i], targets[i], overwrite: true);
        }
        catch
        {
            foreach (string partial in partials)
                File.Delete(partial);
            throw;
        }

        var c = CultureInfo.InvariantCulture;
        if (result.NotesReleasedAtEnd)
            error.WriteLine("warning: the song leaves notes or the sustain pedal held at its end; they were released so that the render could finish");
        if (result.TailCut)
            error.WriteLine("warning: voices still sounded 30 s after the song's end; the render was cut there");
        if (result.DroppedEvents > 0)
            error.WriteLine(string.Create(c, $"warning: {result.DroppedEvents} events were dropped"));
        if (store.GetStats() is { StreamedSamples: > 0 } streamed)
            error.WriteLine(StreamingCli.Figures(streamed));
        output.WriteLine(string.Create(c,
            $"{s.OutputPath}{(targets.Count > 1 ? $" and {targets.Count - 1} stems ({Path.GetFileName(targets[1])} ... {Path.GetFileName(targets[^1])})" : "")}: {result.Seconds:F2} s rendered in {result.WallSeconds:F2} s ({result.SpeedFactor:F1}x real time), peak {result.PeakVoices} voices, peak level {result.PeakDbfs:F1} dBFS{(result.PeakLevel > 1 ? " (clipped: lower --gain)" : "")}"));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// What to install, by the rule every host shares (<see cref="InstrumentLoader.LoadPrograms(string, int, Func{string, Instrument}, ISampleRangeLoader?)"/>):
    /// a SoundFont gives every preset at its own bank and program (so that a General MIDI song finds its instruments, and
    /// channel 10 its drum kits in bank 128); anything else is one instrument at program 0.
    /// </summary>
    private static List<(int Bank, int Program, Instrument? Instrument)> Load(RenderSettings s, SampleStore store, TextWriter error)
    {
        var loaded = InstrumentLoader.LoadPrograms(s.InstrumentPath, 0, path => StreamingCli.Load(store, path, new InstrumentLoadOptions { RootKey = s.RootKey }),
            s.Streaming.Mode == StreamMode.Ram ? null : store); // auto streams a bank that decodes to 64 MiB or more (docs/streaming.md)
        foreach (string w in loaded.Warnings)
            error.WriteLine($"warning: {w}");
        if (!loaded.IsSoundFont)
        {
            var instrument = loaded.Programs[0].Instrument;
            foreach (string w in instrument.Warnings)
                error.WriteLine($"warning: {w}");
            if (instrument.Regions.Count == 0)
                throw new InstrumentLoadException(s.InstrumentPath, "the instrument has no playable region");
        }

        return [.. loaded.Programs.Select(p => (p.Bank, p.Program, (Instrument?)p.Instrument))];
    }

    /// <summary>Largest --max-seconds accepted: a day of audio (about 33 GB of 24-bit stereo at 48 kHz).</summary>
    private const double MaxSecondsLimit = 86_400;

    /// <summary>A song length for a message: seconds, or years when it is absurd.</summary>
    private static string Duration(double seconds) => seconds >= 365.25 * 86_400
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s ({seconds / (365.25 * 86_400):0.0} years)")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds:0.###} s");

    private static bool Interactive() => !Console.IsOutputRedirected && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>
    /// The stem files beside <paramref name="target"/>: <c>NAME.output00.wav</c> ... for <c>--outputs N</c> (SFZ output
    /// number, from 0), <c>NAME.ch01.wav</c> ... <c>NAME.ch16.wav</c> for <c>--multi-out</c> (MIDI channel, from 1, as the
    /// JACK ports are named). Bus k of the sampler is the k-th path.
    /// </summary>
    internal static IEnumerable<string> StemPaths(string target, int outputs, bool multiOut)
    {
        string stem = Path.Combine(Path.GetDirectoryName(target) ?? "", Path.GetFileNameWithoutExtension(target));
        string extension = Path.GetExtension(target);
        if (extension.Length == 0)
            extension = ".wav";
        var c = CultureInfo.InvariantCulture;
        for (int k = 0; k < outputs; k++)
            yield return string.Create(c, $"{stem}.output{k:00}{extension}");
        for (int channel = 1; multiOut && channel <= 16; channel++)
            yield return string.Create(c, $"{stem}.ch{channel:00}{extension}");
    }

    private static SongRenderResult RenderWithProgressBar(SongRenderer renderer, WavWriter writer, List<AudioSink> stems, string name)
    {
        SongRenderResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(name), maxValue: 1);
                var progress = new Progress<double>(p => task.Value = p);
                result = stems.Count > 0 ? renderer.Render(writer.Write, stems, progress) : renderer.Render(writer.Write, progress);
                task.Value = 1;
            });
        return result!;
    }

    private sealed record RenderSettings(
        string InstrumentPath,
        string SongPath,
        string OutputPath,
        int SampleRate,
        int Polyphony,
        int BlockFrames,
        InterpolationMode Interpolation,
        WavSampleFormat Format,
        double GainDb,
        int? RootKey,
        bool Effects,
        StreamingOptions Streaming,
        int Outputs,
        bool MultiOut,
        double MaxSeconds);
}
