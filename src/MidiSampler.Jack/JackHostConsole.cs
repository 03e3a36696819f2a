using System.Globalization;
using MidiSampler.Hosting;

namespace MidiSampler.Jack;

/// <summary>
/// The text console of <c>midi-sampler play</c>: one command per line (<c>load</c>, <c>unload</c>, <c>reload</c>,
/// <c>program</c>, <c>panic</c>, <c>stats</c>, <c>voices</c>, <c>gain</c>, <c>quit</c>, <c>help</c>), in the spirit of
/// FluidSynth's shell. Commands run on the calling (control) thread; loading happens there too, and the
/// new instrument is swapped in at a period boundary, so playing never stops while it loads. It drives any
/// <see cref="ILiveHost"/>: the ALSA host too. The commands themselves are <see cref="LiveCommands"/>, the layer the
/// web panel and OSC use too; this class only parses lines and prints answers.
/// </summary>
public sealed class JackHostConsole
{
    private readonly LiveCommands _commands;
    private readonly ILiveHost _host;
    private readonly TextWriter _output;

    /// <summary>Creates a console for <paramref name="host"/> that answers on <paramref name="output"/>. Control thread.</summary>
    public JackHostConsole(ILiveHost host, TextWriter output)
        : this(host, new LiveCommands(() => host), output)
    {
    }

    /// <summary>Creates a console for <paramref name="host"/> whose commands go through <paramref name="commands"/> (shared with the web panel and OSC). Control thread.</summary>
    public JackHostConsole(ILiveHost host, LiveCommands commands, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(output);
        _host = host;
        _commands = commands;
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
                var (path, program) = LiveCommands.ParseLoadArgument(argument);
                Answer(_commands.Load(path, program));
                break;
            case "unload":
                Answer(int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out int unload)
                    ? _commands.Unload(unload)
                    : CommandResult.Fail("usage: unload PROGRAM (0..127)"));
                break;
            case "reload":
                Answer(int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out int reload)
                    ? _commands.Reload(reload)
                    : CommandResult.Fail("usage: reload PROGRAM (0..127); SIGHUP reloads them all"));
                break;
            case "program":
                Answer(ParseChannelProgram(argument) is var (channel, slot)
                    ? _commands.SetChannelProgram(channel - 1, slot)
                    : CommandResult.Fail("usage: program CHANNEL(1..16) PROGRAM(0..127)"));
                break;
            case "panic":
                Answer(_commands.Panic());
                break;
            case "stats" when argument.Equals("reset", StringComparison.OrdinalIgnoreCase):
                Answer(_commands.ResetPeaks()); // so that the next 'stats' shows the longest period since now
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
                _output.WriteLine("commands: load FILE [PROGRAM] (a SoundFont: every preset at its bank and program) | unload PROGRAM | reload PROGRAM | program CHANNEL PROGRAM | panic | stats [reset] | voices | gain [DB] | quit");
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

    private static (int Channel, int Program)? ParseChannelProgram(string argument)
    {
        string[] words = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 2
            && int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out int channel)
            && int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out int program)
            ? (channel, program)
            : null;
    }

    private void Answer(CommandResult result)
    {
        _output.WriteLine(result.Message);
        foreach (var warning in result.Warnings ?? [])
            _output.WriteLine($"  warning: {warning}");
    }

    private void Gain(string argument)
    {
        if (argument.Length > 0)
        {
            if (!double.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out double db))
            {
                _output.WriteLine("usage: gain [DB] (at most +40)");
                return;
            }

            var result = _commands.SetGain(db);
            if (!result.Ok)
            {
                _output.WriteLine(result.Message);
                return;
            }
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
}
