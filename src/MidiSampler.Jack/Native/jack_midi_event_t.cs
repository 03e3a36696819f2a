using System.Runtime.InteropServices;

namespace MidiSampler.Jack.Native;

/// <summary><c>jack_midi_event_t</c> (jack/midiport.h): one complete MIDI message in a port buffer.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct jack_midi_event_t
{
    /// <summary>Frame within the current period at which the message occurs.</summary>
    public uint time;

    /// <summary>Bytes in <see cref="buffer"/>.</summary>
    public nuint size;

    /// <summary>The raw message (status byte first, never running status), owned by JACK.</summary>
    public byte* buffer;
}
