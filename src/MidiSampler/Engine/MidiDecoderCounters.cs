namespace MidiSampler.Engine;

/// <summary>What a <see cref="MidiDecoder"/> has seen (see <see cref="MidiDecoder.Counters"/>).</summary>
/// <param name="Messages">Messages decoded into engine events.</param>
/// <param name="Unsupported">Well-formed messages the engine does not act on (clock, active sensing, song position,
/// SysEx other than the resets, rhythm-part and master-volume messages), ignored.</param>
/// <param name="Malformed">Bytes or messages that break MIDI 1.0 framing (a data byte with no status, a SysEx cut
/// short by a status byte, an end of exclusive with no start, a GS message with a wrong checksum), ignored.</param>
/// <param name="Dropped">Events decoded but dropped because the output had no room.</param>
public readonly record struct MidiDecoderCounters(long Messages, long Unsupported, long Malformed, long Dropped)
{
    /// <summary>The counts of two decoders together (a host with two MIDI inputs).</summary>
    public static MidiDecoderCounters operator +(MidiDecoderCounters a, MidiDecoderCounters b) => Add(a, b);

    /// <summary>The counts of two decoders together (a host with two MIDI inputs).</summary>
    public static MidiDecoderCounters Add(MidiDecoderCounters a, MidiDecoderCounters b) =>
        new(a.Messages + b.Messages, a.Unsupported + b.Unsupported, a.Malformed + b.Malformed, a.Dropped + b.Dropped);
}
