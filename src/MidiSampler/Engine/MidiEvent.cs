using System.Runtime.InteropServices;

namespace MidiSampler.Engine;

/// <summary>
/// A small blittable event for the engine, carrying the frame inside the block at which it applies.
/// </summary>
/// <remarks>
/// <see cref="OffsetFrames"/> counts from the first frame of the block in which the audio thread takes
/// the event: an event queued from the control thread with offset 0 applies at the start of the next
/// block; a host that reads MIDI inside its process callback passes each event's frame in that period.
/// Offsets past the end of the block are clamped to its last frame.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct MidiEvent(int OffsetFrames, MidiEventType Type, byte Channel, byte Data1, byte Data2, int Value, int NoteId)
{
    /// <summary>A note-on. <paramref name="channel"/> is 0..15.</summary>
    public static MidiEvent NoteOn(int offsetFrames, int channel, int key, int velocity, int noteId = 0) =>
        new(offsetFrames, MidiEventType.NoteOn, (byte)channel, (byte)key, (byte)velocity, 0, noteId);

    /// <summary>A note-off. <paramref name="channel"/> is 0..15.</summary>
    public static MidiEvent NoteOff(int offsetFrames, int channel, int key, int velocity = 64) =>
        new(offsetFrames, MidiEventType.NoteOff, (byte)channel, (byte)key, (byte)velocity, 0, 0);

    /// <summary>The scale of <see cref="Value"/> in a <see cref="MidiEventType.PreciseControlChange"/>: 1.0 is 2^30.</summary>
    public const int PreciseOne = 1 << 30;

    /// <summary>
    /// A control change carrying a 0..1 value at full precision (ARIA <c>set_hdccN</c>) in <see cref="Value"/>
    /// (× <see cref="PreciseOne"/>), and its nearest 7-bit value in <see cref="Data2"/>. <paramref name="channel"/> is 0..15.
    /// </summary>
    public static MidiEvent PreciseControlChange(int offsetFrames, int channel, int controller, double normalized)
    {
        double v = double.IsFinite(normalized) ? Math.Clamp(normalized, 0, 1) : 0;
        return new(offsetFrames, MidiEventType.PreciseControlChange, (byte)(channel & 15), (byte)(controller & 127),
            (byte)Math.Round(v * 127), (int)Math.Round(v * PreciseOne), 0);
    }

    /// <summary>A control change. <paramref name="channel"/> is 0..15.</summary>
    public static MidiEvent ControlChange(int offsetFrames, int channel, int controller, int value) =>
        new(offsetFrames, MidiEventType.ControlChange, (byte)channel, (byte)controller, (byte)value, 0, 0);

    /// <summary>A program change. <paramref name="channel"/> is 0..15.</summary>
    public static MidiEvent ProgramChange(int offsetFrames, int channel, int program) =>
        new(offsetFrames, MidiEventType.ProgramChange, (byte)channel, (byte)program, 0, 0, 0);

    /// <summary>A pitch bend, <paramref name="value"/> 0..16383 with 8192 the centre.</summary>
    public static MidiEvent PitchBend(int offsetFrames, int channel, int value) =>
        new(offsetFrames, MidiEventType.PitchBend, (byte)channel, 0, 0, value, 0);

    /// <summary>A known system-exclusive message (a reset, or GS rhythm-part assignment for <paramref name="channel"/>).</summary>
    /// <remarks><paramref name="value"/> is kept whole in <see cref="Value"/> (a 14-bit master volume) and its low 7 bits
    /// in <see cref="Data2"/> (a rhythm-part mode).</remarks>
    public static MidiEvent SysEx(int offsetFrames, SysExKind kind, int channel = 0, int value = 0) =>
        new(offsetFrames, MidiEventType.SysEx, (byte)(channel & 15), (byte)kind, (byte)(value & 127), value, 0);

    /// <summary>
    /// A registered (RPN) or non-registered (NRPN) parameter set to a 14-bit value by data entry, as
    /// <see cref="MidiDecoder"/> resolves it: <paramref name="parameter"/> is (MSB &lt;&lt; 7) | LSB of CC 101/100 or
    /// 99/98, <paramref name="value14"/> is (CC 6 &lt;&lt; 7) | CC 38. Both are packed in <see cref="Value"/>.
    /// </summary>
    public static MidiEvent Parameter(int offsetFrames, int channel, bool nonRegistered, int parameter, int value14) =>
        new(offsetFrames, nonRegistered ? MidiEventType.NonRegisteredParameter : MidiEventType.RegisteredParameter,
            (byte)(channel & 15), 0, 0, ((parameter & 0x3FFF) << 14) | (value14 & 0x3FFF), 0);

    /// <summary>The parameter number of a <see cref="MidiEventType.RegisteredParameter"/> or <see cref="MidiEventType.NonRegisteredParameter"/>.</summary>
    public int ParameterNumber => (Value >> 14) & 0x3FFF;

    /// <summary>The 14-bit value of a <see cref="MidiEventType.RegisteredParameter"/> or <see cref="MidiEventType.NonRegisteredParameter"/>.</summary>
    public int ParameterValue => Value & 0x3FFF;

    /// <summary>
    /// Recognises the system-exclusive messages the engine acts on (see <see cref="SysExKind"/>), given from F0 to F7:
    /// the classifier of <see cref="MidiDecoder"/>, which hosts use. Any device ID is accepted. Other messages give
    /// <c>false</c>. Allocation-free: safe on the audio thread.
    /// </summary>
    internal static bool TryParseSysEx(ReadOnlySpan<byte> message, int offsetFrames, out MidiEvent midiEvent)
    {
        midiEvent = default;
        if (message.Length < 6 || message[0] != 0xF0 || message[^1] != 0xF7)
            return false;
        // Universal non-real-time, sub-ID 09 (General MIDI): 01 GM1 on, 03 GM2 on (MIDI 1.0 GM1 and GM2 specifications).
        if (message.Length == 6 && message[1] == 0x7E && message[3] == 0x09 && message[4] is 0x01 or 0x03)
        {
            midiEvent = SysEx(offsetFrames, message[4] == 0x01 ? SysExKind.GeneralMidiOn : SysExKind.GeneralMidi2On);
            return true;
        }

        // Universal real-time, sub-ID 04 01 (device control, master volume): LSB then MSB (MIDI 1.0 CA-..., GM2 §4.1).
        if (message.Length == 8 && message[1] == 0x7F && message[3] == 0x04 && message[4] == 0x01)
        {
            midiEvent = SysEx(offsetFrames, SysExKind.MasterVolume, value: (message[6] << 7) | message[5]);
            return true;
        }

        // Roland GS (manufacturer 41, model 42, DT1 12) with a valid checksum: address 40 00 7F data 00 is GS reset.
        if (IsRolandGs(message))
        {
            if (message[6] == 0x00 && message[7] == 0x7F && message[8] == 0x00)
            {
                midiEvent = SysEx(offsetFrames, SysExKind.GsReset);
                return true;
            }

            // Address 40 00 04: master volume, 0..127.
            if (message[6] == 0x00 && message[7] == 0x04)
            {
                midiEvent = SysEx(offsetFrames, SysExKind.MasterVolume, value: message[8] << 7);
                return true;
            }

            // Address 40 1x 15: part x's rhythm mode. GS part numbers: x = 0 is part 10, 1..9 are parts 1..9, A..F 11..16.
            if ((message[6] & 0xF0) == 0x10 && message[7] == 0x15)
            {
                int part = message[6] & 0x0F;
                int channel = part == 0 ? 9 : part <= 9 ? part - 1 : part;
                midiEvent = SysEx(offsetFrames, SysExKind.GsRhythmPart, channel, message[8] & 0x7F);
                return true;
            }
        }

        // Yamaha XG (43, 1n, model 4C), address 00 00 7E data 00: XG system on.
        if (message.Length == 9 && message[1] == 0x43 && (message[2] & 0xF0) == 0x10 && message[3] == 0x4C
            && message[4] == 0x00 && message[5] == 0x00 && message[6] == 0x7E && message[7] == 0x00)
        {
            midiEvent = SysEx(offsetFrames, SysExKind.XgSystemOn);
            return true;
        }

        // Yamaha XG address 00 00 04: master volume, 0..127.
        if (message.Length == 9 && message[1] == 0x43 && (message[2] & 0xF0) == 0x10 && message[3] == 0x4C
            && message[4] == 0x00 && message[5] == 0x00 && message[6] == 0x04)
        {
            midiEvent = SysEx(offsetFrames, SysExKind.MasterVolume, value: message[7] << 7);
            return true;
        }

        return false;
    }

    /// <summary>
    /// True for an 11-byte Roland GS data set (41 dev 42 12, address 40 xx xx, one data byte) whose checksum holds:
    /// address and data bytes plus the checksum sum to 0 modulo 128 (Roland's DT1 rule).
    /// </summary>
    internal static bool IsRolandGs(ReadOnlySpan<byte> message) =>
        message.Length == 11 && message[0] == 0xF0 && message[1] == 0x41 && message[3] == 0x42 && message[4] == 0x12
        && message[5] == 0x40 && ((message[5] + message[6] + message[7] + message[8] + message[9]) & 0x7F) == 0;

    /// <summary>True for an 11-byte Roland GS data set whose checksum is wrong (counted as malformed, not unsupported).</summary>
    internal static bool HasBadRolandChecksum(ReadOnlySpan<byte> message) =>
        message.Length == 11 && message[0] == 0xF0 && message[1] == 0x41 && message[3] == 0x42 && message[4] == 0x12
        && !IsRolandGs(message);
}
