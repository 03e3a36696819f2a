using MidiSampler.Formats.Sf2;
using MidiSampler.Formats.Sfz;
using MidiSampler.Model;

namespace MidiSampler.Formats;

/// <summary>
/// The one way to load an instrument of any supported kind, chosen by the file's extension, with its samples in RAM or
/// streamed (<see cref="InstrumentLoadOptions.Samples"/>). Control or loader thread.
/// </summary>
public static class InstrumentLoader
{
    /// <summary>
    /// Loads an SFZ file, the first preset (lowest bank, then program) of a SoundFont (.sf2/.sf3: hosts install every
    /// preset with <see cref="LoadPrograms(string, int, InstrumentLoadOptions?)"/>), or makes a one-region instrument of a single sample file spread over all 128 keys
    /// (its loop from the file's <c>smpl</c> chunk, if any, plays as loop_continuous, as SFZ does by default).
    /// Throws <see cref="InstrumentLoadException"/> naming the file and the reason.
    /// </summary>
    public static Instrument Load(string path, InstrumentLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new InstrumentLoadOptions();
        if (Directory.Exists(path))
            throw new InstrumentLoadException(path, "is a directory, not an instrument file");
        if (!File.Exists(path))
            throw new InstrumentLoadException(path, "no such file");
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".sfz")
            return SfzLoader.Load(path, options.Samples ?? SampleFileLoader.Default, options.Progress);
        if (extension is ".sf2" or ".sf3")
            return SoundFontLoader.Load(path, new SoundFontLoadOptions { Samples = options.Samples as ISampleRangeLoader }); // the lowest bank/program; LoadBank gives every preset
        if (options.RootKey is < 0 or > 127)
            throw new InstrumentLoadException(path, $"root key {options.RootKey} is outside 0..127");
        var warnings = new List<string>();
        if (options.Samples is not { } samples)
            return FromSample(SampleFile.LoadWithWarnings(path, warnings), path, options.RootKey, warnings);
        string full = Path.GetFullPath(path);
        Instrument? instrument = null;
        try
        {
            var loaded = samples.LoadAll([full], warnings, options.Progress)[full];
            instrument = FromSample(loaded.Sample ?? throw loaded.Error ?? new InstrumentLoadException(path, "was not loaded"), path, options.RootKey, warnings);
            return instrument;
        }
        finally
        {
            samples.Complete(instrument);
        }
    }

    /// <summary>True for the extensions of a SoundFont bank (.sf2, .sf3). Any thread.</summary>
    public static bool IsSoundFont(string path) =>
        Path.GetExtension(path ?? throw new ArgumentNullException(nameof(path))).ToLowerInvariant() is ".sf2" or ".sf3";

    /// <summary>
    /// Loads a file as the program slots it fills, the one rule every host shares (<c>render</c>, <c>play</c> on JACK and
    /// ALSA, the console's <c>load</c>): a SoundFont installs every preset at its own bank and program, so that program
    /// changes and bank select (CC0/CC32) find them and a drum channel its kits in bank 128, as FluidSynth does; any
    /// other file is one instrument at (bank 0, <paramref name="program"/>), loaded with <paramref name="options"/>.
    /// Control or loader thread.
    /// </summary>
    /// <exception cref="InstrumentLoadException">The file cannot be loaded, or no preset of a SoundFont has a playable region.</exception>
    public static InstrumentPrograms LoadPrograms(string path, int program, InstrumentLoadOptions? options = null) =>
        LoadPrograms(path, program, p => Load(p, options), options?.Samples as ISampleRangeLoader);

    /// <summary>
    /// As <see cref="LoadPrograms(string, int, InstrumentLoadOptions?)"/>, with <paramref name="loadOne"/> loading a file
    /// that is not a SoundFont (a host's streaming store, a progress bar), and <paramref name="soundFontSamples"/> a
    /// SoundFont's sample data (a streaming store; null: all in RAM). Control or loader thread.
    /// </summary>
    public static InstrumentPrograms LoadPrograms(string path, int program, Func<string, Instrument> loadOne, ISampleRangeLoader? soundFontSamples = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(loadOne);
        ArgumentOutOfRangeException.ThrowIfNegative(program);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(program, 127);
        if (!IsSoundFont(path) || Directory.Exists(path) || !File.Exists(path))
            return new InstrumentPrograms(path, false, [new ProgramInstrument(0, program, loadOne(path))], []);

        var bank = SoundFontLoader.LoadBank(path, new SoundFontLoadOptions { Samples = soundFontSamples });
        if (bank.Presets.All(p => p.Instrument.Regions.Count == 0))
            throw new InstrumentLoadException(path, "no preset of the SoundFont has a playable region");
        var programs = new List<ProgramInstrument>();
        var warnings = new List<string>(bank.Warnings);
        var taken = new HashSet<(int, int)>();
        foreach (var preset in bank.Presets)
        {
            if (!taken.Add((preset.Bank, preset.Program)))
                continue; // the first of duplicate numbers wins, as in FluidSynth (SoundFontBank.TryGetPreset)
            // Preset numbers beyond MIDI's reach cannot be selected; FluidSynth keeps them unreachable too.
            if (preset.Program is < 0 or > 127 || preset.Bank is < 0 or > 16383)
                warnings.Add($"preset '{preset.Name}' (bank {preset.Bank}, program {preset.Program}) is outside MIDI's banks 0..16383 and programs 0..127: not installed");
            else
                programs.Add(new ProgramInstrument(preset.Bank, preset.Program, preset.Instrument));
        }

        return new InstrumentPrograms(path, true, programs, warnings);
    }

    /// <summary>Makes a one-region instrument that plays <paramref name="sample"/> over every key. Any thread.</summary>
    public static Instrument FromSample(Sample sample, string path, int? rootKey = null, IReadOnlyList<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var meta = sample.Metadata;
        var region = new Region
        {
            Sample = sample,
            SamplePath = Path.GetFileName(path),
            PitchKeyCenter = rootKey ?? meta.RootKey ?? 60,
            TuneCents = meta.TuneCents,
            LoopMode = meta.HasLoop ? LoopMode.LoopContinuous : LoopMode.NoLoop,
            LoopStart = meta.LoopStart ?? 0,
            LoopEnd = meta.LoopEnd ?? 0,
        };
        return new Instrument(Path.GetFileNameWithoutExtension(path), [region], warnings, Path.GetFullPath(path));
    }
}
