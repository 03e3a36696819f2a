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
    /// Loads an SFZ file, the first preset (lowest bank, then program) of a SoundFont (.sf2/.sf3), or makes a one-region instrument of a single sample file spread over all 128 keys
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
