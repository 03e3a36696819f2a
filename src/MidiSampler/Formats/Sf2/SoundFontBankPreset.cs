using MidiSampler.Model;

namespace MidiSampler.Formats.Sf2;

/// <summary>One preset of a loaded bank: its MIDI bank and program, its name and the playable instrument. Any thread: immutable.</summary>
/// <param name="Bank">MIDI bank (0..127 melodic; 128 is the General MIDI percussion bank by SoundFont convention).</param>
/// <param name="Program">MIDI program, 0..127.</param>
/// <param name="Name">The preset's name.</param>
/// <param name="Instrument">The regions that play it.</param>
public sealed record SoundFontBankPreset(int Bank, int Program, string Name, Instrument Instrument);
