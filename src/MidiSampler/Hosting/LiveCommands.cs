using System.Globalization;
using MidiSampler.Formats;
using MidiSampler.Model;

namespace MidiSampler.Hosting;

/// <summary>
/// The commands a running host takes from people: load, unload and reload a program slot, switch a channel's program,
/// gain, panic, reset the peaks. One layer for every front end: the console on stdin, the web panel and OSC
/// (MidiSampler.Remote) call these, so they behave and answer alike.
/// </summary>
/// <remarks>
/// Design: every command runs on the caller's thread (a control thread: the console's, a web request's, the OSC
/// receiver's) under one gate, so that two front ends never interleave a read-modify-write of the program table (the
/// engine's <see cref="Engine.Sampler.SetInstruments"/> is a control-thread swap, not safe from two threads at once)
/// nor two producers push onto the engine's single-producer event ring. The audio thread never takes the gate: a new
/// instrument reaches it by one atomic swap, a program change or a panic by the event ring, a gain by a ramp, so
/// the audio thread never waits for the web or OSC side. Loading (decoding samples) runs before the gate is taken,
/// so a slow load never holds up a panic.
/// </remarks>
public sealed class LiveCommands
{
    /// <summary>Program slots a host offers (MIDI program change 0..127).</summary>
    public const int Programs = 128;

    /// <summary>MIDI channels (shown 1..16 to people, 0..15 here).</summary>
    public const int Channels = 16;

    private readonly Func<ILiveHost?> _host;
    private readonly Func<string, Instrument> _load;

    /// <summary>
    /// Commands for the host <paramref name="host"/> returns now (null while there is none: a JACK server being waited
    /// for), serialised on <paramref name="gate"/>, loading files with <paramref name="load"/> (by default
    /// <see cref="InstrumentLoader.Load"/>; a SoundFont's samples stay in RAM: live SoundFont streaming underran at a
    /// cold note start, docs/streaming.md). Control thread.
    /// </summary>
    public LiveCommands(Func<ILiveHost?> host, Lock? gate = null, Func<string, Instrument>? load = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
        Gate = gate ?? new Lock();
        _load = load ?? (path => InstrumentLoader.Load(path));
    }

    /// <summary>The gate every command takes; the session takes it too around reloads and reconnections.</summary>
    public Lock Gate { get; }

    /// <summary>The host now, or null. Any thread.</summary>
    public ILiveHost? Host => _host();

    /// <summary>Loads <paramref name="path"/> into <paramref name="program"/> (the first free slot when null). Control thread.</summary>
    public CommandResult Load(string path, int? program)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
            return CommandResult.Fail("usage: load FILE [PROGRAM]");
        if (program is < 0 or >= Programs)
            return CommandResult.Fail($"program {program} is outside 0..127");
        if (Host is null)
            return CommandResult.Fail("no audio backend right now (waiting for it); try again");

        if (InstrumentLoader.IsSoundFont(path))
            return LoadSoundFont(path, program);
        Instrument instrument;
        try
        {
            instrument = _load(path);
        }
        catch (InstrumentLoadException e)
        {
            return CommandResult.Fail($"cannot load: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or InvalidDataException)
        {
            return CommandResult.Fail($"cannot load '{path}': {e.Message}");
        }

        if (instrument.Regions.Count == 0)
            return CommandResult.Fail($"cannot load '{path}': no region can play" + (instrument.Warnings.Count > 0 ? $": {instrument.Warnings[0]}" : ""));

        lock (Gate)
        {
            if (Host is not { } host)
                return CommandResult.Fail("no audio backend right now (waiting for it); try again");
            program ??= FirstFreeProgram(host);
            if (program is null)
                return CommandResult.Fail("all 128 programs are taken; unload one first");
            host.SetInstrument(program.Value, instrument);
        }

        return new CommandResult(true, $"program {program}: {instrument.Name} ({instrument.Regions.Count} regions)", program, instrument.Warnings);
    }

    /// <summary>
    /// A SoundFont installs every preset at its own bank and program, by the rule <c>render</c> and <c>play</c> share
    /// (<see cref="InstrumentLoader.LoadPrograms(string, int, Func{string, Instrument}, ISampleRangeLoader?)"/>);
    /// <paramref name="program"/> is not used. Control thread.
    /// </summary>
    private CommandResult LoadSoundFont(string path, int? program)
    {
        InstrumentPrograms loaded;
        try
        {
            loaded = InstrumentLoader.LoadPrograms(path, 0, _load);
        }
        catch (InstrumentLoadException e)
        {
            return CommandResult.Fail($"cannot load: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or InvalidDataException)
        {
            return CommandResult.Fail($"cannot load '{path}': {e.Message}");
        }

        lock (Gate)
        {
            if (Host is not { } host)
                return CommandResult.Fail("no audio backend right now (waiting for it); try again");
            host.SetInstruments([.. loaded.Programs.Select(p => (p.Bank, p.Program, (Instrument?)p.Instrument))]);
        }

        var warnings = new List<string>(loaded.Warnings);
        foreach (var p in loaded.Programs)
            warnings.AddRange(p.Instrument.Warnings.Select(w => $"{p.Instrument.Name}: {w}"));
        string message = loaded.Summary() + (program is null ? "" : $" (program {program} not used: a SoundFont keeps its presets' own numbers)");
        return new CommandResult(true, message, null, warnings);
    }

    /// <summary>Loads the file of <paramref name="program"/> again from disk (its edits take effect). Control thread.</summary>
    public CommandResult Reload(int program)
    {
        if (program is < 0 or >= Programs)
            return CommandResult.Fail($"program {program} is outside 0..127");
        Instrument? current;
        lock (Gate)
            current = Host?.GetInstrument(program);
        if (current is null)
            return CommandResult.Fail($"program {program} is empty");
        return current.SourcePath is { } path ? Load(path, program) : CommandResult.Fail($"program {program} ({current.Name}) was not loaded from a file");
    }

    /// <summary>Empties <paramref name="program"/>; notes sounding on it finish. Control thread.</summary>
    public CommandResult Unload(int program)
    {
        if (program is < 0 or >= Programs)
            return CommandResult.Fail("usage: unload PROGRAM (0..127)");
        lock (Gate)
        {
            if (Host is not { } host || host.GetInstrument(program) is null)
                return CommandResult.Fail($"program {program} is empty");
            host.SetInstrument(program, null);
        }

        return new CommandResult(true, $"program {program} unloaded (sounding notes finish)", program);
    }

    /// <summary>Switches <paramref name="channel"/> (0..15) to <paramref name="program"/>, as a MIDI program change would. Control thread.</summary>
    public CommandResult SetChannelProgram(int channel, int program)
    {
        if (channel is < 0 or >= Channels)
            return CommandResult.Fail($"channel {channel + 1} is outside 1..16");
        if (program is < 0 or >= Programs)
            return CommandResult.Fail($"program {program} is outside 0..127");
        lock (Gate)
        {
            if (Host is not { } host)
                return CommandResult.Fail("no audio backend right now");
            if (host.GetInstrument(program) is null)
                return CommandResult.Fail($"program {program} is empty (the channel keeps its instrument)");
            if (!host.Sampler.ProgramChange(channel, program))
                return CommandResult.Fail("the event queue is full; try again");
        }

        return new CommandResult(true, $"channel {channel + 1}: program {program}", program);
    }

    /// <summary>Fades out every voice and resets every controller. Control thread.</summary>
    public CommandResult Panic()
    {
        lock (Gate)
        {
            if (Host is not { } host)
                return CommandResult.Fail("no audio backend right now");
            host.Panic();
        }

        return new CommandResult(true, "all notes off, controllers reset");
    }

    /// <summary>Sets the output gain in dB (at most +40), ramped over the next period. Control thread.</summary>
    public CommandResult SetGain(double gainDb)
    {
        if (!double.IsFinite(gainDb) || gainDb > 40 || gainDb < -120)
            return CommandResult.Fail("usage: gain [DB] (-120 to +40)");
        lock (Gate)
        {
            if (Host is not { } host)
                return CommandResult.Fail("no audio backend right now");
            host.GainDb = gainDb;
        }

        return new CommandResult(true, FormattableString.Invariant($"gain {gainDb:0.0} dB"));
    }

    /// <summary>Resets peak voices, the longest period and the peak level. Control thread.</summary>
    public CommandResult ResetPeaks()
    {
        if (Host is not { } host)
            return CommandResult.Fail("no audio backend right now");
        host.Sampler.ResetPeaks();
        return new CommandResult(true, "peak voices, longest period and peak level reset");
    }

    /// <summary>The occupied program slots: number, instrument name, source file, regions. Control thread.</summary>
    public IReadOnlyList<(int Program, string Name, string? Path, int Regions)> ProgramSlots()
    {
        var slots = new List<(int, string, string?, int)>();
        lock (Gate)
        {
            if (Host is not { } host)
                return slots;
            for (int p = 0; p < Programs; p++)
            {
                if (host.GetInstrument(p) is { } instrument)
                    slots.Add((p, instrument.Name, instrument.SourcePath, instrument.Regions.Count));
            }
        }

        return slots;
    }

    /// <summary>Parses "FILE [PROGRAM]" as the console's <c>load</c> takes it: the program is the last word when it is a number.</summary>
    public static (string Path, int? Program) ParseLoadArgument(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        int space = argument.LastIndexOf(' ');
        if (space > 0 && int.TryParse(argument.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int p))
            return (argument[..space].TrimEnd(), p);
        return (argument, null);
    }

    private static int? FirstFreeProgram(ILiveHost host)
    {
        for (int p = 0; p < Programs; p++)
        {
            if (host.GetInstrument(p) is null)
                return p;
        }

        return null;
    }
}
