using System.Runtime.CompilerServices;

namespace MidiSampler.Engine;

/// <summary>Inline storage for the 32 plane addresses of <see cref="ChannelBusOutputs"/> (left and right of 16 channels).</summary>
[InlineArray(ChannelBusOutputs.Planes)]
internal struct ChannelBusPointers
{
    private nint _element;
}
