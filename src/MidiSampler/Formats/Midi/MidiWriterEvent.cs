namespace MidiSampler.Formats.Midi;

/// <summary>One event queued in a <see cref="MidiFileWriter"/> track.</summary>
/// <param name="Tick">Absolute tick in its track.</param>
/// <param name="Status">Channel status byte, or 0xFF for a meta event.</param>
/// <param name="Data1">First data byte, or the meta type.</param>
/// <param name="Data2">Second data byte (channel messages with two data bytes).</param>
/// <param name="Payload">Meta event data, or null for a channel message.</param>
internal readonly record struct MidiWriterEvent(long Tick, byte Status, byte Data1, byte Data2, byte[]? Payload);
