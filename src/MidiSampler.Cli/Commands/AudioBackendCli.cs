using System.CommandLine;
using System.Globalization;
using MidiSampler.Alsa;
using MidiSampler.Cli.Service;
using MidiSampler.Formats.Midi;
using MidiSampler.Hosting;
using MidiSampler.Jack;

namespace MidiSampler.Cli.Commands;

/// <summary>
/// The options of <c>play</c> that choose and configure the audio and MIDI backends (<c>--audio</c>, <c>--midi</c>,
/// <c>--device</c>, <c>--period</c>, <c>--periods</c>, <c>--sample-rate</c>) and play a song (<c>--song</c>,
/// <c>--exit-at-end</c>), and the choice itself: JACK when a server answers, ALSA otherwise, said on the first line.
/// </summary>
internal sealed class AudioBackendCli
{
    /// <summary>SCHED_FIFO priority of the ALSA audio thread when --rt-priority is not given (FluidSynth's default is 60 too).</summary>
    public const int DefaultAlsaPriority = 60;

    private readonly Option<string> _audio = new("--audio")
    {
        Description = "audio backend: jack, alsa, or auto (JACK when a server is running, ALSA otherwise)",
        DefaultValueFactory = _ => "auto",
    };

    private readonly Option<string> _midi = new("--midi")
    {
        Description = "MIDI input: jack, alsa (the ALSA sequencer), none, or auto (the audio backend's own)",
        DefaultValueFactory = _ => "auto",
    };

    private readonly Option<string> _device = new("--device")
    {
        Description = "ALSA playback device (default, hw:1,0, plughw:CARD=Device,DEV=0, ...; `aplay -L` lists them)",
        DefaultValueFactory = _ => "default",
    };

    private readonly Option<int> _period = new("--period") { Description = "ALSA period in frames (JACK sets its own)", DefaultValueFactory = _ => 256 };
    private readonly Option<int> _periods = new("--periods") { Description = "ALSA periods in the device buffer (2..16)", DefaultValueFactory = _ => 3 };
    private readonly Option<int> _sampleRate = new("--sample-rate") { Description = "ALSA sample rate in Hz (JACK sets its own)", DefaultValueFactory = _ => 48_000 };
    private readonly Option<string?> _song = new("--song") { Description = "play this Standard MIDI File through the live output, every event at its exact frame (live MIDI plays along)" };
    private readonly Option<bool> _exitAtEnd = new("--exit-at-end") { Description = "with --song: exit 0 once the song and its voices have ended" };

    /// <summary>Adds the options to <paramref name="command"/>. Control thread.</summary>
    public void AddTo(Command command)
    {
        _audio.AcceptOnlyFromAmong("auto", "jack", "alsa");
        _midi.AcceptOnlyFromAmong("auto", "jack", "alsa", "none");
        foreach (var option in new Option[] { _audio, _midi, _device, _period, _periods, _sampleRate, _song, _exitAtEnd })
            command.Options.Add(option);
    }

    /// <summary>The values given. Control thread.</summary>
    public AudioChoice Read(ParseResult parse) => new(
        parse.GetValue(_audio) ?? "auto", parse.GetValue(_midi) ?? "auto", parse.GetValue(_device) ?? "default",
        parse.GetValue(_period), parse.GetValue(_periods), parse.GetValue(_sampleRate), parse.GetValue(_song), parse.GetValue(_exitAtEnd));

    /// <summary>
    /// Opens the MIDI input and picks the audio backend. The JACK host of an automatic choice is started here (the
    /// probe is the real client). The returned disposable owns the sequencer input. Control thread.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range or the combination cannot work.</exception>
    /// <exception cref="InvalidOperationException">The song cannot be read, or --midi alsa cannot open the sequencer.</exception>
    public static (IPlayBackend Backend, PlaySessionExtras Extras, IDisposable? MidiInput) Choose(AudioChoice choice, JackHostOptions jack, TextWriter output, TextWriter error)
    {
        choice.Validate(jack);
        var song = choice.SongPath is null ? null : MidiFile.Load(choice.SongPath);
        var startup = new List<string>();
        var midiLines = new List<string>();

        JackSamplerHost? probe = null;
        string audio = choice.Audio, why;
        if (audio == "auto")
        {
            if (choice.Midi == "jack")
            {
                audio = "jack";
                why = "--midi jack needs JACK";
            }
            else
            {
                probe = TryJack(jack with { NoStartServer = true, Song = song });
                audio = probe is null ? "alsa" : "jack";
                why = probe is null ? "no JACK server is running; --audio jack waits for one" : "a JACK server is running; --audio alsa plays without it";
            }
        }
        else
        {
            why = $"--audio {audio}";
        }

        if (audio == "alsa" && (jack.MultiOut || jack.Outputs > 0))
            throw new ArgumentException("--multi-out and --outputs need JACK, and no JACK server is running: the ALSA output is one stereo pair");
        startup.Add($"midi-sampler: audio: {(audio == "jack" ? "JACK" : "ALSA")} ({why})");
        string midi = choice.Midi == "auto" ? audio : choice.Midi;
        if (audio == "alsa" && midi == "jack")
            throw new ArgumentException("--midi jack needs --audio jack (JACK MIDI comes through a JACK client); use --midi alsa");

        ArrivalScheduler? live = null;
        SeqMidiInput? seq = null;
        if (midi == "alsa")
        {
            live = new ArrivalScheduler();
            try
            {
                seq = SeqMidiInput.Open(jack.ClientName, live, jack.ConnectPhysical, jack.MidiConnectPatterns);
                seq.Message = line => output.WriteLine($"midi-sampler: {line}");
                midiLines.Add($"  MIDI in: ALSA sequencer {seq.Address} ('{seq.ClientName}':midi_in); events apply one period after they arrive, at their frame");
                foreach (var source in seq.Connected)
                    midiLines.Add($"  connected: {source}");
                foreach (string warning in seq.Warnings)
                    error.WriteLine($"midi-sampler: warning: {warning}");
            }
            catch (AlsaException e)
            {
                live = null;
                if (choice.Midi == "alsa")
                {
                    probe?.Dispose();
                    throw new InvalidOperationException(e.Message, e);
                }

                error.WriteLine($"midi-sampler: warning: no ALSA MIDI input: {e.Message}");
            }
        }
        else if (midi == "none" && audio == "alsa")
        {
            midiLines.Add("  MIDI in: none (--midi none)");
        }

        var extras = new PlaySessionExtras { StartupLines = startup, MidiLines = midiLines, ExitAtEnd = choice.ExitAtEnd };
        if (audio == "jack")
        {
            if (probe is not null && live is not null)
            {
                // The probe was opened before the sequencer: reopen with the live input attached.
                probe.Dispose();
                probe = null;
            }

            return (new JackPlayBackend(jack with { Song = song, LiveMidi = live }, output, probe), extras, seq);
        }

        var alsa = new AlsaHostOptions
        {
            Device = choice.Device,
            SampleRate = choice.SampleRate,
            PeriodFrames = choice.PeriodFrames,
            Periods = choice.Periods,
            Polyphony = jack.Polyphony,
            GainDb = jack.GainDb,
            RealtimePriority = jack.RealtimePriority ?? DefaultAlsaPriority,
            EffectsEnabled = jack.EffectsEnabled,
            ChannelMeters = jack.ChannelMeters,
            LiveMidi = live,
            Song = song,
        };
        if (live is not null)
        {
            midiLines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  MIDI latency: {1000.0 * choice.PeriodFrames / choice.SampleRate:0.00} ms (one period) plus the output buffer"));
        }

        return (new AlsaPlayBackend(alsa), extras, seq);
    }

    private static JackSamplerHost? TryJack(JackHostOptions options)
    {
        bool quiet = JackSamplerHost.QuietLibraryMessages;
        JackSamplerHost.QuietLibraryMessages = true; // no "cannot connect to server" lines for a probe
        try
        {
            return JackSamplerHost.Start(options);
        }
        catch (JackException)
        {
            return null;
        }
        finally
        {
            JackSamplerHost.QuietLibraryMessages = quiet;
        }
    }
}
