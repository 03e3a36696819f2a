using System.Globalization;

namespace MidiSampler.Formats;

/// <summary>
/// What one instrument file installs (<see cref="InstrumentLoader.LoadPrograms(string, int, InstrumentLoadOptions?)"/>):
/// a SoundFont every preset at its own bank and program, any other file one instrument. Any thread: immutable.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="IsSoundFont">True for a .sf2/.sf3 bank (its presets keep their own numbers).</param>
/// <param name="Programs">The slots it fills, in bank then program order.</param>
/// <param name="Warnings">What the loader tolerated for the file as a whole (each instrument has its own warnings too).</param>
public sealed record InstrumentPrograms(string Path, bool IsSoundFont, IReadOnlyList<ProgramInstrument> Programs, IReadOnlyList<string> Warnings)
{
    /// <summary>One line for users: a SoundFont's presets, their banks and how to reach them; else the instrument's slot.</summary>
    public string Summary()
    {
        if (!IsSoundFont)
            return string.Create(CultureInfo.InvariantCulture, $"program {Programs[0].Program}: {Programs[0].Instrument.Name} ({Programs[0].Instrument.Regions.Count} regions)");
        var banks = Programs.Select(p => p.Bank).Distinct().Order().ToList();
        string drums = banks.Contains(128) ? "; bank 128 = drum kits, on channel 10" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{System.IO.Path.GetFileName(Path)}: {Programs.Count} presets at their own bank and program (banks {string.Join(", ", banks)}; program change with bank select CC0/CC32{drums})");
    }
}
