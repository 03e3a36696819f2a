using System.Numerics;

namespace MidiSampler.Dsp;

/// <summary>The level meter's kernel: the peak and the sum of squares of a buffer. Allocation-free; for the audio thread.</summary>
/// <remarks>
/// Design: one pass of <see cref="Vector{T}"/> max-of-abs and multiply-add per 8 values (4 on NEON), the squares summed
/// in float within the buffer (at most a block, 4096 values) and added to the caller's double, so that a window of many
/// blocks keeps its precision. <see cref="MeasureScalar"/> is the reference the tests compare it with. A NaN in the
/// buffer makes the squares NaN; the reader treats a non-finite level as silence (the output guard scrubs such values).
/// </remarks>
public static class LevelMeter
{
    /// <summary>
    /// Raises <paramref name="peak"/> to the largest |value| of <paramref name="values"/> and adds their squares to
    /// <paramref name="squares"/>. Audio thread.
    /// </summary>
    public static void Measure(ReadOnlySpan<float> values, ref float peak, ref double squares)
    {
        int i = 0;
        float max = peak, sum = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            int width = Vector<float>.Count;
            var vmax = Vector<float>.Zero;
            var vsum = Vector<float>.Zero;
            for (; i <= values.Length - width; i += width)
            {
                var v = new Vector<float>(values.Slice(i, width));
                vmax = Vector.Max(vmax, Vector.Abs(v));
                vsum += v * v;
            }

            for (int k = 0; k < width; k++)
                max = MathF.Max(max, vmax[k]);
            sum = Vector.Sum(vsum);
        }

        for (; i < values.Length; i++)
        {
            float v = values[i];
            max = MathF.Max(max, MathF.Abs(v));
            sum += v * v;
        }

        peak = max;
        squares += sum;
    }

    /// <summary>
    /// Adds <paramref name="source"/> into <paramref name="destination"/> (as long as the shorter) and measures it as
    /// <see cref="Measure"/> does, in one pass: a channel's buffer joins the mix and is metered for the price of the add.
    /// Audio thread.
    /// </summary>
    public static void AddAndMeasure(ReadOnlySpan<float> source, Span<float> destination, ref float peak, ref double squares)
    {
        int n = Math.Min(source.Length, destination.Length), i = 0;
        float max = peak, sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            int width = Vector<float>.Count;
            var vmax = Vector<float>.Zero;
            var vsum = Vector<float>.Zero;
            for (; i <= n - width; i += width)
            {
                var v = new Vector<float>(source.Slice(i, width));
                (new Vector<float>(destination.Slice(i, width)) + v).CopyTo(destination.Slice(i, width));
                vmax = Vector.Max(vmax, Vector.Abs(v));
                vsum += v * v;
            }

            for (int k = 0; k < width; k++)
                max = MathF.Max(max, vmax[k]);
            sum = Vector.Sum(vsum);
        }

        for (; i < n; i++)
        {
            float v = source[i];
            destination[i] += v;
            max = MathF.Max(max, MathF.Abs(v));
            sum += v * v;
        }

        peak = max;
        squares += sum;
    }

    /// <summary>The plain loop <see cref="Measure"/> must agree with (within float rounding of the sum).</summary>
    public static void MeasureScalar(ReadOnlySpan<float> values, ref float peak, ref double squares)
    {
        float max = peak, sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            max = MathF.Max(max, MathF.Abs(v));
            sum += v * v;
        }

        peak = max;
        squares += sum;
    }
}
