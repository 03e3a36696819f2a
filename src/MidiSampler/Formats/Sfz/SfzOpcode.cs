namespace MidiSampler.Formats.Sfz;

/// <summary>One opcode as the parser reported it, kept with its place for later messages.</summary>
/// <remarks>Threads: any (immutable).</remarks>
internal readonly record struct SfzOpcode(string Name, string Value, SfzLocation Location);
