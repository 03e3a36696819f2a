namespace MidiSampler.Engine;

/// <summary>The system-exclusive messages the engine understands (carried in <see cref="MidiEvent.Data1"/>).</summary>
public enum SysExKind : byte
{
    /// <summary>GM system on (F0 7E dev 09 01 F7): every channel to power-on state, programs 0, channel 10 drums.</summary>
    GeneralMidiOn = 1,

    /// <summary>GM2 system on (F0 7E dev 09 03 F7): as GM system on.</summary>
    GeneralMidi2On,

    /// <summary>Roland GS reset (F0 41 dev 42 12 40 00 7F 00 41 F7): as GM system on.</summary>
    GsReset,

    /// <summary>Yamaha XG system on (F0 43 1n 4C 00 00 7E 00 F7): as GM system on.</summary>
    XgSystemOn,

    /// <summary>
    /// Roland GS "use for rhythm part" (F0 41 dev 42 12 40 1x 15 vv sum F7): <see cref="MidiEvent.Channel"/> becomes a
    /// drum channel when <see cref="MidiEvent.Data2"/> is 1 or 2, a melodic one when it is 0.
    /// </summary>
    GsRhythmPart,

    /// <summary>
    /// Master volume: GM's universal real-time F0 7F dev 04 01 ll mm F7 (14 bits), GS address 40 00 04 or XG address
    /// 00 00 04 (7 bits, scaled to 14). <see cref="MidiEvent.Value"/> is 0..16383; a reset returns it to 16383.
    /// </summary>
    MasterVolume,

    /// <summary>System reset (the real-time byte FF): as GM system on.</summary>
    SystemReset,
}
