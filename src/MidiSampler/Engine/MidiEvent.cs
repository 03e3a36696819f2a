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
    public static MidiEvent SysEx(int offsetFrames, SysExKind kind, int channel = 0, int value = 0) =>
        new(offsetFrames, MidiEventType.SysEx, (byte)(channel & 15), (byte)kind, (byte)value, 0, 0);

    /// <summary>
    /// Recognises the system-exclusive messages the engine acts on (see <see cref="SysExKind"/>), given from F0 to F7.
    /// Any device ID is accepted. Other messages give <c>false</c>. Allocation-free: safe on the audio thread.
    /// </summary>
    public static bool TryParseSysEx(ReadOnlySpan<byte> message, int offsetFrames, out MidiEvent midiEvent)
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

        // Roland GS (manufacturer 41, model 42, DT1 12), address 40 00 7F data 00: GS reset.
        if (message.Length == 11 && message[1] == 0x41 && message[3] == 0x42 && message[4] == 0x12 && message[5] == 0x40)
        {
            if (message[6] == 0x00 && message[7] == 0x7F && message[8] == 0x00)
            {
                midiEvent = SysEx(offsetFrames, SysExKind.GsReset);
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

        return false;
    }

    /// <summary>
    /// Decodes a raw MIDI 1.0 channel message (status byte first). System messages and malformed input
    /// give <c>false</c>. Allocation-free: safe on the audio thread.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> message, int offsetFrames, out MidiEvent midiEvent)
    {
        midiEvent = default;
        if (message.Length < 2)
            return false;
        byte status = message[0];
        if (status < 0x80 || status >= 0xF0)
            return false;
        byte channel = (byte)(status & 0x0F);
        byte d1 = (byte)(message[1] & 0x7F);
        byte d2 = message.Length > 2 ? (byte)(message[2] & 0x7F) : (byte)0;
        switch (status & 0xF0)
        {
            case 0x80:
                if (message.Length < 3) return false;
                midiEvent = new(offsetFrames, MidiEventType.NoteOff, channel, d1, d2, 0, 0);
                return true;
            case 0x90:
                if (message.Length < 3) return false;
                midiEvent = new(offsetFrames, d2 == 0 ? MidiEventType.NoteOff : MidiEventType.NoteOn, channel, d1, d2 == 0 ? (byte)64 : d2, 0, 0);
                return true;
            case 0xA0:
                if (message.Length < 3) return false;
                midiEvent = new(offsetFrames, MidiEventType.PolyPressure, channel, d1, d2, 0, 0);
                return true;
            case 0xB0:
                if (message.Length < 3) return false;
                midiEvent = new(offsetFrames, MidiEventType.ControlChange, channel, d1, d2, 0, 0);
                return true;
            case 0xC0:
                midiEvent = new(offsetFrames, MidiEventType.ProgramChange, channel, d1, 0, 0, 0);
                return true;
            case 0xD0:
                midiEvent = new(offsetFrames, MidiEventType.ChannelPressure, channel, d1, 0, 0, 0);
                return true;
            default: // 0xE0
                if (message.Length < 3) return false;
                midiEvent = new(offsetFrames, MidiEventType.PitchBend, channel, 0, 0, d1 | (d2 << 7), 0);
                return true;
        }
    }
}
