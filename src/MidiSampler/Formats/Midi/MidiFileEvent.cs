namespace MidiSampler.Formats.Midi;

/// <summary>A MIDI channel message at a time in a song.</summary>
/// <param name="TimeSeconds">When it happens, with every tempo change applied.</param>
/// <param name="Tick">When it happens, in the file's ticks.</param>
/// <param name="Track">The track it came from (0-based).</param>
/// <param name="Status">Status byte (0x80..0xEF: type and channel).</param>
/// <param name="Data1">First data byte.</param>
/// <param name="Data2">Second data byte (0 for program change and channel pressure).</param>
public readonly record struct MidiFileEvent(double TimeSeconds, long Tick, int Track, byte Status, byte Data1, byte Data2);
