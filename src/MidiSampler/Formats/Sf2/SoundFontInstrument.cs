namespace MidiSampler.Formats.Sf2;

/// <summary>One instrument (<c>inst</c>, spec section 7.6) with its zones. Any thread: immutable.</summary>
/// <param name="Name">achInstName.</param>
/// <param name="GlobalZone">The global zone, or <c>null</c>.</param>
/// <param name="Zones">The zones that play a sample, in file order.</param>
public sealed record SoundFontInstrument(string Name, SoundFontZone? GlobalZone, IReadOnlyList<SoundFontZone> Zones);
