using System.Runtime.CompilerServices;

namespace MidiSampler.Dsp;

/// <summary>Linear interpolation in a function table of <c>size + 1</c> points (the last repeats the period's end or the range's end).</summary>
internal static class TableLookup
{
    /// <summary>The table's value at position <paramref name="x"/> (0 ≤ x ≤ size; the caller keeps it in range). Any thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Interpolate(float[] table, int size, float x)
    {
        int i = (int)x;
        if (i >= size)
            i = size - 1;
        float t = x - i;
        return table[i] + ((table[i + 1] - table[i]) * t);
    }
}
