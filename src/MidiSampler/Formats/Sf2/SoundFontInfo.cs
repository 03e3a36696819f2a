namespace MidiSampler.Formats.Sf2;

/// <summary>The INFO list of a bank (spec section 5). Texts the file lacks are empty. Any thread: immutable.</summary>
/// <param name="VersionMajor">ifil major: 2 for SoundFont 2, 3 for SF3 (compressed samples).</param>
/// <param name="VersionMinor">ifil minor: 1 for 2.01, 4 for 2.04 (which adds 24-bit sm24 data).</param>
/// <param name="SoundEngine">isng: the target sound engine, "EMU8000" by default.</param>
/// <param name="Name">INAM: the bank's name.</param>
/// <param name="RomName">irom: the sound ROM the bank needs, if any.</param>
/// <param name="CreationDate">ICRD.</param>
/// <param name="Engineers">IENG.</param>
/// <param name="Product">IPRD.</param>
/// <param name="Copyright">ICOP.</param>
/// <param name="Comments">ICMT.</param>
/// <param name="Software">ISFT.</param>
public sealed record SoundFontInfo(
    int VersionMajor,
    int VersionMinor,
    string SoundEngine,
    string Name,
    string RomName,
    string CreationDate,
    string Engineers,
    string Product,
    string Copyright,
    string Comments,
    string Software);
