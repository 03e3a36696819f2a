namespace MidiSampler.Formats.Sf2;

/// <summary>
/// Every preset of a SoundFont, each turned into an <see cref="MidiSampler.Model.Instrument"/>; presets that use the same
/// sample share one <see cref="MidiSampler.Model.Sample"/>. Sorted by bank, then program. Any thread: immutable.
/// </summary>
public sealed class SoundFontBank
{
    private readonly Dictionary<(int Bank, int Program), SoundFontBankPreset> _byNumber;

    internal SoundFontBank(string name, string sourcePath, IReadOnlyList<SoundFontBankPreset> presets, IReadOnlyList<string> warnings)
    {
        Name = name;
        SourcePath = sourcePath;
        Presets = presets;
        Warnings = warnings;
        _byNumber = [];
        foreach (var p in presets)
            _byNumber.TryAdd((p.Bank, p.Program), p); // the first of duplicate numbers wins, as in FluidSynth
    }

    /// <summary>The bank's name (INFO INAM), or the file name when it has none.</summary>
    public string Name { get; }

    /// <summary>The file it was loaded from.</summary>
    public string SourcePath { get; }

    /// <summary>The presets, sorted by bank then program.</summary>
    public IReadOnlyList<SoundFontBankPreset> Presets { get; }

    /// <summary>What the loader tolerated or could not map, for the whole file.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Finds a preset by MIDI bank and program. Any thread.</summary>
    public bool TryGetPreset(int bank, int program, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SoundFontBankPreset? preset) =>
        _byNumber.TryGetValue((bank, program), out preset);
}
