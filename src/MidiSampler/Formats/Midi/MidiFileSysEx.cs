namespace MidiSampler.Formats.Midi;

/// <summary>A complete system-exclusive message at a time in a song (GM system on, GS reset, ...).</summary>
/// <param name="TimeSeconds">When it happens, with every tempo change applied.</param>
/// <param name="Tick">When it happens, in the file's ticks.</param>
/// <param name="Track">The track it came from (0-based).</param>
/// <param name="Message">The message, from its F0 to its F7 inclusive.</param>
public readonly record struct MidiFileSysEx(double TimeSeconds, long Tick, int Track, ReadOnlyMemory<byte> Message)
{
    /// <summary>The longest message kept, in bytes (F0 and F7 included): resets and parameter changes fit easily.</summary>
    public const int MaxBytes = EngineLimits.MaxSysExBytes;
}
