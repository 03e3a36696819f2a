using System.Runtime.InteropServices;

namespace MidiSampler.Alsa.Native;

/// <summary>
/// <c>snd_seq_event_t</c> (alsa/seq_event.h): 28 bytes on every Linux ABI. The 12-byte <c>data</c> union starts at
/// byte 16; the views used here are <c>note</c> (channel, note, velocity, off_velocity, duration), <c>control</c>
/// (channel, param at 20, value at 24), <c>ext</c> (len at 16, a packed pointer at 20) and <c>addr</c> (client, port).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 28)]
internal unsafe struct snd_seq_event_t
{
    /// <summary>The size alsa-lib uses.</summary>
    public const int Size = 28;

    /// <summary>SND_SEQ_EVENT_LENGTH_VARIABLE in <see cref="flags"/>: the data is <c>ext</c>.</summary>
    public const byte SND_SEQ_EVENT_LENGTH_VARIABLE = 1 << 2;

    [FieldOffset(0)] public byte type;
    [FieldOffset(1)] public byte flags;
    [FieldOffset(2)] public byte tag;
    [FieldOffset(3)] public byte queue;
    [FieldOffset(4)] public uint time_tick;
    [FieldOffset(8)] public uint time_nsec;
    [FieldOffset(12)] public byte source_client;
    [FieldOffset(13)] public byte source_port;
    [FieldOffset(14)] public byte dest_client;
    [FieldOffset(15)] public byte dest_port;

    // data.note / data.control / data.addr
    [FieldOffset(16)] public byte channel;
    [FieldOffset(17)] public byte note;
    [FieldOffset(18)] public byte velocity;
    [FieldOffset(19)] public byte off_velocity;
    [FieldOffset(20)] public uint param;
    [FieldOffset(24)] public int value;

    // data.ext (packed: the pointer is not aligned)
    [FieldOffset(16)] public uint ext_len;
    [FieldOffset(20)] public void* ext_ptr;
}
