namespace MidiSampler.Alsa.Native;

/// <summary>The <c>snd_seq_event_type</c> values the host reads (alsa/seq_event.h).</summary>
internal enum SeqEventType : byte
{
    /// <summary>SND_SEQ_EVENT_NOTE: a note with a duration (a scheduled note; it plays as a note-on here).</summary>
    Note = 5,

    /// <summary>SND_SEQ_EVENT_NOTEON.</summary>
    NoteOn = 6,

    /// <summary>SND_SEQ_EVENT_NOTEOFF.</summary>
    NoteOff = 7,

    /// <summary>SND_SEQ_EVENT_KEYPRESS: polyphonic aftertouch.</summary>
    KeyPress = 8,

    /// <summary>SND_SEQ_EVENT_CONTROLLER: a 7-bit control change.</summary>
    Controller = 10,

    /// <summary>SND_SEQ_EVENT_PGMCHANGE.</summary>
    ProgramChange = 11,

    /// <summary>SND_SEQ_EVENT_CHANPRESS: channel aftertouch.</summary>
    ChannelPressure = 12,

    /// <summary>SND_SEQ_EVENT_PITCHBEND: value -8192..8191.</summary>
    PitchBend = 13,

    /// <summary>SND_SEQ_EVENT_CONTROL14: a 14-bit controller (MSB and LSB control changes).</summary>
    Control14 = 14,

    /// <summary>SND_SEQ_EVENT_NONREGPARAM: an NRPN (CC 99, 98, 6, 38).</summary>
    NonRegisteredParameter = 15,

    /// <summary>SND_SEQ_EVENT_REGPARAM: an RPN (CC 101, 100, 6, 38).</summary>
    RegisteredParameter = 16,

    /// <summary>SND_SEQ_EVENT_CLOCK: MIDI clock (realtime).</summary>
    Clock = 36,

    /// <summary>SND_SEQ_EVENT_SENSING: active sensing (realtime).</summary>
    Sensing = 42,

    /// <summary>SND_SEQ_EVENT_CLIENT_START: a client appeared (announce port).</summary>
    ClientStart = 60,

    /// <summary>SND_SEQ_EVENT_PORT_START: a port appeared (announce port): a keyboard plugged in.</summary>
    PortStart = 63,

    /// <summary>SND_SEQ_EVENT_PORT_EXIT: a port went away.</summary>
    PortExit = 64,

    /// <summary>SND_SEQ_EVENT_SYSEX: variable length, the bytes in <c>ext</c>.</summary>
    SysEx = 130,
}
