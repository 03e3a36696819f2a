namespace MidiSampler.Engine;

/// <summary>Kinds of <see cref="MidiEvent"/>.</summary>
public enum MidiEventType : byte
{
    /// <summary>Nothing; ignored.</summary>
    None = 0,

    /// <summary>Note-on: Data1 key, Data2 velocity (velocity 0 is a note-off, as MIDI says).</summary>
    NoteOn,

    /// <summary>Note-off: Data1 key, Data2 release velocity.</summary>
    NoteOff,

    /// <summary>Releases the voices started by the note with <see cref="MidiEvent.NoteId"/>.</summary>
    NoteOffById,

    /// <summary>Silences at once (with a short fade) the voices of <see cref="MidiEvent.NoteId"/>.</summary>
    KillById,

    /// <summary>Control change: Data1 controller, Data2 value.</summary>
    ControlChange,

    /// <summary>Program change: Data1 program.</summary>
    ProgramChange,

    /// <summary>Pitch bend: <see cref="MidiEvent.Value"/> is 0..16383, 8192 centre.</summary>
    PitchBend,

    /// <summary>Channel pressure: Data1 value.</summary>
    ChannelPressure,

    /// <summary>Polyphonic key pressure: Data1 key, Data2 value.</summary>
    PolyPressure,

    /// <summary>All channels: all sound off and reset controllers (panic).</summary>
    Panic,

    /// <summary>A system-exclusive message the engine knows: Data1 is a <see cref="SysExKind"/> (see <see cref="MidiDecoder"/>).</summary>
    SysEx,

    /// <summary>A registered parameter (RPN) set by data entry: see <see cref="MidiEvent.Parameter"/>.</summary>
    RegisteredParameter,

    /// <summary>A non-registered parameter (NRPN) set by data entry: see <see cref="MidiEvent.Parameter"/>.</summary>
    NonRegisteredParameter,

    /// <summary>
    /// A control change at full precision (an instrument's ARIA <c>set_hdccN</c>): see <see cref="MidiEvent.PreciseControlChange"/>.
    /// </summary>
    PreciseControlChange,
}
