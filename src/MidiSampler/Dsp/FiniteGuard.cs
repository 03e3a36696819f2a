using System.Numerics;

namespace MidiSampler.Dsp;

/// <summary>
/// Checks and repairs audio buffers whose values went non-finite (NaN, ±∞) or absurdly large: the guard on every
/// feedback path and on the engine's output. Allocation-free; for the audio thread.
/// </summary>
/// <remarks>
/// Design: a value is healthy when |x| ≤ <see cref="MaxHealthyValue"/>; NaN fails that comparison, so one vector
/// compare per 8 values (about a tenth of the cost of a mix pass) checks a buffer, and only a broken buffer is walked
/// value by value. The bound, +120 dBFS, is far above anything a sampler sums (256 voices of +24 dBFS samples at
/// +12 dB are about +84 dBFS) and far below float overflow, so a state growing without bound is caught while a
/// gain stage after it can still not overflow.
/// </remarks>
public static class FiniteGuard
{
    /// <summary>Largest absolute value taken as healthy audio (10⁶, +120 dBFS).</summary>
    public const float MaxHealthyValue = 1e6f;

    /// <summary>True when every value is finite and within ±<see cref="MaxHealthyValue"/>. Audio thread.</summary>
    public static bool IsHealthy(ReadOnlySpan<float> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var limit = new Vector<float>(MaxHealthyValue);
            int width = Vector<float>.Count;
            for (; i <= values.Length - width; i += width)
            {
                if (!Vector.LessThanOrEqualAll(Vector.Abs(new Vector<float>(values.Slice(i, width))), limit))
                    return false;
            }
        }

        for (; i < values.Length; i++)
        {
            if (!(MathF.Abs(values[i]) <= MaxHealthyValue))
                return false;
        }

        return true;
    }

    /// <summary>True when <paramref name="value"/> is finite and within ±<see cref="MaxHealthyValue"/>.</summary>
    public static bool IsHealthy(float value) => MathF.Abs(value) <= MaxHealthyValue;

    /// <summary>Replaces every unhealthy value by 0; returns how many there were. Audio thread.</summary>
    public static int Scrub(Span<float> values)
    {
        if (IsHealthy(values))
            return 0;
        int count = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (!(MathF.Abs(values[i]) <= MaxHealthyValue))
            {
                values[i] = 0;
                count++;
            }
        }

        return count;
    }
}
