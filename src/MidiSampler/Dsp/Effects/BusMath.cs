using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The bus kernel of the effect racks: <c>destination += source × gain</c>, in SIMD lanes (<see cref="Vector{T}"/>) with a
/// scalar tail, beside the plain scalar version that the tests compare it with. Audio thread (pure, no allocation).
/// </summary>
internal static class BusMath
{
    /// <summary>Adds <paramref name="source"/> × <paramref name="gain"/> into <paramref name="destination"/> (the shorter length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaled(ReadOnlySpan<float> source, Span<float> destination, float gain)
    {
        int frames = Math.Min(source.Length, destination.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated && frames >= Vector<float>.Count)
        {
            var s = MemoryMarshal.Cast<float, Vector<float>>(source[..frames]);
            var d = MemoryMarshal.Cast<float, Vector<float>>(destination[..frames]);
            var g = new Vector<float>(gain);
            for (int v = 0; v < s.Length; v++)
                d[v] += s[v] * g;
            i = s.Length * Vector<float>.Count;
        }

        for (; i < frames; i++)
            destination[i] += source[i] * gain;
    }

    /// <summary>The plain per-sample reference of <see cref="AddScaled"/>.</summary>
    public static void AddScaledScalar(ReadOnlySpan<float> source, Span<float> destination, float gain)
    {
        int frames = Math.Min(source.Length, destination.Length);
        for (int i = 0; i < frames; i++)
            destination[i] += source[i] * gain;
    }
}
