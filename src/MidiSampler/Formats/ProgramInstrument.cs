using MidiSampler.Model;

namespace MidiSampler.Formats;

/// <summary>An instrument and the (bank, program) slot it is installed at. Any thread: immutable.</summary>
/// <param name="Bank">MIDI bank, 0..16383 (CC0 × 128 + CC32 in the engine's terms; a SoundFont's drum kits are bank 128).</param>
/// <param name="Program">MIDI program, 0..127.</param>
/// <param name="Instrument">What plays there.</param>
public sealed record ProgramInstrument(int Bank, int Program, Instrument Instrument);
