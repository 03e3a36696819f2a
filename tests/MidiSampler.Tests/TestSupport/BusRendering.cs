using System.Runtime.InteropServices;
using MidiSampler.Engine;

namespace MidiSampler.Tests.TestSupport;

/// <summary>
/// Renders a sampler as a multi-output host does: the main pair plus 16 stereo bus planes (pinned arrays named through
/// <see cref="ChannelBusOutputs.SetBus"/>), for the channel-bus and output-bus tests.
/// </summary>
internal static unsafe class BusRendering
{
    /// <summary>The main mix and every bus over <paramref name="frames"/> frames, in periods of <paramref name="block"/>.</summary>
    public static (float[] MainLeft, float[] MainRight, float[][] BusLeft, float[][] BusRight) Render(Sampler sampler, int frames, int block)
    {
        var left = GC.AllocateArray<float>(block, pinned: true);
        var right = GC.AllocateArray<float>(block, pinned: true);
        var planes = Planes(block);
        var mainLeft = new float[frames];
        var mainRight = new float[frames];
        var busLeft = new float[16][];
        var busRight = new float[16][];
        for (int b = 0; b < 16; b++)
        {
            busLeft[b] = new float[frames];
            busRight[b] = new float[frames];
        }

        for (int position = 0; position < frames; position += block)
        {
            foreach (var plane in planes)
                Array.Fill(plane, 0.25f); // whatever the host's buffer held before: the render must overwrite it
            Process(sampler, left, right, planes, block, default);
            Array.Copy(left, 0, mainLeft, position, block);
            Array.Copy(right, 0, mainRight, position, block);
            for (int b = 0; b < 16; b++)
            {
                Array.Copy(planes[b * 2], 0, busLeft[b], position, block);
                Array.Copy(planes[(b * 2) + 1], 0, busRight[b], position, block);
            }
        }

        return (mainLeft, mainRight, busLeft, busRight);
    }

    /// <summary>32 pinned planes of <paramref name="block"/> frames: buses 0..15, left then right.</summary>
    public static float[][] Planes(int block)
    {
        var planes = new float[32][];
        for (int p = 0; p < planes.Length; p++)
            planes[p] = GC.AllocateArray<float>(block, pinned: true);
        return planes;
    }

    /// <summary>A host's period: the 32 planes named through <see cref="ChannelBusOutputs.SetBus"/> on the stack.</summary>
    public static void Process(Sampler sampler, float[] left, float[] right, float[][] planes, int frames, ReadOnlySpan<MidiEvent> events)
    {
        var buses = default(ChannelBusOutputs);
        for (int b = 0; b < 16; b++)
        {
            buses.SetBus(
                b,
                (float*)Marshal.UnsafeAddrOfPinnedArrayElement(planes[b * 2], 0),
                (float*)Marshal.UnsafeAddrOfPinnedArrayElement(planes[(b * 2) + 1], 0),
                frames);
        }

        sampler.ProcessPlanar(left, right, frames, events, buses);
    }
}
