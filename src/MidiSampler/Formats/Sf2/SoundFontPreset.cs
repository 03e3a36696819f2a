namespace MidiSampler.Formats.Sf2;

/// <summary>One preset header (<c>phdr</c>, spec section 7.2) with its zones. Any thread: immutable.</summary>
/// <param name="Name">achPresetName.</param>
/// <param name="Program">wPreset: the MIDI program, 0..127.</param>
/// <param name="Bank">wBank: the MIDI bank, 0..128 (128 is the General MIDI percussion bank).</param>
/// <param name="GlobalZone">The global zone, or <c>null</c>.</param>
/// <param name="Zones">The zones that play an instrument, in file order.</param>
/// <param name="Library">dwLibrary (reserved).</param>
/// <param name="Genre">dwGenre (reserved).</param>
/// <param name="Morphology">dwMorphology (reserved).</param>
public sealed record SoundFontPreset(
    string Name,
    int Program,
    int Bank,
    SoundFontZone? GlobalZone,
    IReadOnlyList<SoundFontZone> Zones,
    uint Library,
    uint Genre,
    uint Morphology);
