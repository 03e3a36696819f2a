using System.Globalization;
using MidiSampler.Formats;
using MidiSampler.Hosting;

namespace MidiSampler.Jack;

/// <summary>
/// The text console of <c>midi-sampler play</c>: one command per line (<c>load</c>, <c>unload</c>,
/// <c>panic</c>, <c>stats</c>, <c>voices</c>, <c>gain</c>, <c>quit</c>, <c>help</c>), in the spirit of
/// FluidSynth's shell. Commands run on the calling (control) thread; loading happens there too, and the
/// new instrument is swapped in at a period boundary, so playing never stops while it loads. It drives any
/// <see cref="ILiveHost"/>: the ALSA host too.
/// </summary>
public sealed class JackHostConsole
{
    private readonly ILiveHost _host;
    private readonly TextWriter _output;

    /// <summary>Creates a console for <paramref name="host"/> that answers on <paramref name="output"/>. Control thread.</summary>
    public JackHostConsole(ILiveHost host, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(output);
        _host = host;
        _output = output;
    }

    /// <summary>
    /// Reads commands from <paramref name="input"/> until <c>quit</c> (returns true) or the end of the
    /// input (returns false: a headless service with stdin closed keeps playing). Control thread.
    /// </summary>
    public bool Run(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        while (input.ReadLine() is { } line)
        {
            if (Execute(line))
                return true;
        }

        return false;
    }

    /// <summary>Runs one command line; returns true for <c>quit</c>. Errors are answered, never thrown. Control thread.</summary>
    public bool Execute(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        string[] words = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0 || words[0].StartsWith('#'))
            return false;
        string argument = words.Length > 1 ? words[1] : "";
        switch (words[0].ToLowerInvariant())
        {
            case "quit":
            case "exit":
                return true;
            case "load":
                Load(argument);
                break;
            case "unload":
                Unload(argument);
                break;
            case "panic":
                _host.Panic();
                _output.WriteLine("all notes off, controllers reset");
                break;
            case "stats" when argument.Equals("reset", StringComparison.OrdinalIgnoreCase):
                _host.Sampler.ResetPeaks(); // so that the next 'stats' shows the longest period since now
                _output.WriteLine("peak voices, longest period and peak level reset");
                break;
            case "stats":
                WriteStats();
                break;
            case "voices":
                var s = _host.GetStats();
                _output.WriteLine(FormattableString.Invariant($"voices: {s.ActiveVoices} sounding, peak {s.PeakVoices}, limit {_host.Sampler.Config.MaxPolyphony}, stolen {s.StolenVoices}"));
                break;
            case "gain":
                Gain(argument);
                break;
            case "help":
                _output.WriteLine("commands: load FILE [PROGRAM] (a SoundFont: every preset at its bank and program) | unload PROGRAM | panic | stats [reset] | voices | gain [DB] | quit");
                break;
            default:
                _output.WriteLine($"unknown command '{words[0]}' (try 'help')");
                break;
        }

        return false;
    }

    /// <summary>One line for a live display: voices, DSP load, xruns, dropped events. Any thread.</summary>
    public string StatusLine()
    {
        var s = _host.GetStats();
        return FormattableString.Invariant(
            $"voices {s.ActiveVoices,3}/{_host.Sampler.Config.MaxPolyphony} | DSP {s.DspLoad * 100,5:0.0}% (max {s.MaxBlockMicroseconds / 1000,5:0.00} ms) | xruns {s.Xruns} | dropped {s.DroppedEvents}");
    }

    private void Load(string argument)
    {
        // "load FILE [PROGRAM]": the program number is the last word when it is a number 0..127.
        string path = argument;
        int? program = null;
        int space = argument.LastIndexOf(' ');
        if (space > 0 && int.TryParse(argument.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int p))
        {
            path = argument[..space].TrimEnd();
            program = p;
        }

        if (path.Length == 0)
        {
            _output.WriteLine("usage: load FILE [PROGRAM]");
            return;
        }

        if (program is < 0 or > 127)
        {
            _output.WriteLine($"program {program} is outside 0..127");
            return;
        }

        bool soundFont = InstrumentLoader.IsSoundFont(path);
        program ??= soundFont ? 0 : FirstFreeProgram();
        if (program is null)
        {
            _output.WriteLine("all 128 programs are taken; unload one first");
            return;
        }

        try
        {
            // One rule with render and play: a SoundFont installs every preset at its own bank and program.
            var loaded = InstrumentLoader.LoadPrograms(path, program.Value);
            _host.SetInstruments([.. loaded.Programs.Select(p => (p.Bank, p.Program, (Model.Instrument?)p.Instrument))]);
            _output.WriteLine(loaded.Summary());
            if (soundFont && path.Length != argument.Length)
                _output.WriteLine($"  (program {program} not used: a SoundFont keeps its presets' own numbers)");
            foreach (var warning in loaded.Warnings)
                _output.WriteLine($"  warning: {warning}");
            foreach (var (_, _, instrument) in loaded.Programs)
            {
                foreach (var warning in instrument.Warnings)
                    _output.WriteLine(soundFont ? $"  warning: {instrument.Name}: {warning}" : $"  warning: {warning}");
            }
        }
        catch (InstrumentLoadException e)
        {
            _output.WriteLine($"cannot load: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            _output.WriteLine($"cannot load '{path}': {e.Message}");
        }
    }

    private void Unload(string argument)
    {
        if (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out int program) || program > 127)
        {
            _output.WriteLine("usage: unload PROGRAM (0..127)");
            return;
        }

        if (_host.GetInstrument(program) is null)
        {
            _output.WriteLine($"program {program} is empty");
            return;
        }

        _host.SetInstrument(program, null);
        _output.WriteLine($"program {program} unloaded (sounding notes finish)");
    }

    private void Gain(string argument)
    {
        if (argument.Length > 0)
        {
            if (!double.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out double db) || !double.IsFinite(db) || db > 40)
            {
                _output.WriteLine("usage: gain [DB] (at most +40)");
                return;
            }

            _host.GainDb = db;
        }

        _output.WriteLine(FormattableString.Invariant($"gain {_host.GainDb:0.0} dB"));
    }

    private void WriteStats()
    {
        var s = _host.GetStats();
        _output.WriteLine(FormattableString.Invariant(
            $"{_host.ClientName}: {_host.SampleRate} Hz, period {_host.BufferSizeFrames} frames, {s.BlocksProcessed} periods"));
        _output.WriteLine(FormattableString.Invariant(
            $"voices {s.ActiveVoices} (peak {s.PeakVoices}), stolen {s.StolenVoices}, xruns {s.Xruns}, dropped events {s.DroppedEvents}"));
        _output.WriteLine(FormattableString.Invariant(
            $"DSP load {s.DspLoad * 100:0.0}%, period time mean {s.MeanBlockMicroseconds:0} us, max {s.MaxBlockMicroseconds:0} us, peak level {s.PeakLevel:0.000}"));
        var midi = _host.MidiCounters;
        _output.WriteLine(FormattableString.Invariant(
            $"MIDI in: {midi.Messages} messages, {midi.Unsupported} ignored (clock, sensing, other SysEx), {midi.Malformed} malformed"));
        var installed = _host.GetInstruments();
        foreach (var (bank, p, instrument) in installed.Take(MaxListed))
            _output.WriteLine(bank == 0 ? $"program {p}: {instrument?.Name}" : $"bank {bank} program {p}: {instrument?.Name}");
        if (installed.Count > MaxListed)
            _output.WriteLine($"... and {installed.Count - MaxListed} more (banks {string.Join(", ", installed.Select(i => i.Bank).Distinct())})");
    }

    /// <summary>Slots 'stats' lists one by one; a SoundFont's hundreds are summed up after them.</summary>
    private const int MaxListed = 32;

    private int? FirstFreeProgram()
    {
        for (int p = 0; p < 128; p++)
        {
            if (_host.GetInstrument(p) is null)
                return p;
        }

        return null;
    }
}
