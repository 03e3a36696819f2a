using System.Runtime.InteropServices;

namespace MidiSampler.Collections;

/// <summary>The head and tail of a <see cref="SpscRing{T}"/>, each on its own 64-byte cache line so that producer and consumer do not share one.</summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct RingIndices
{
    [FieldOffset(64)]
    public long Head;

    [FieldOffset(128)]
    public long Tail;
}
