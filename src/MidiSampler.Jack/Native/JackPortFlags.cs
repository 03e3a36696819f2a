namespace MidiSampler.Jack.Native;

/// <summary><c>JackPortFlags</c> (jack/types.h).</summary>
[Flags]
internal enum JackPortFlags : ulong
{
    None = 0,
    JackPortIsInput = 0x1,
    JackPortIsOutput = 0x2,
    JackPortIsPhysical = 0x4,
    JackPortCanMonitor = 0x8,
    JackPortIsTerminal = 0x10,
}
