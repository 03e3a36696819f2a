using System.Numerics;

namespace MidiSampler.Dsp;

/// <summary>
/// Makes decoded sample values safe to play, once, at load: NaN and infinities become silence and every other value is clamped
/// to ±<see cref="MaxAbsValue"/>. Every decoding path that can produce floats goes through it (our WAV reader for float
/// WAV, libsndfile for FLAC/Ogg/AIFF/W64/CAF and SF3's Vorbis, both in memory and streamed); integer PCM and SF2's
/// 16/24-bit data cannot exceed ±1 and need no pass.
/// </summary>
/// <remarks>
/// Design: a NaN or infinity poisons every filter and effect it passes through; a huge but finite value (one 3e38
/// sample in a 48-byte float WAV) overflows to infinity in the first gain or feedback loop, and a reverb then outputs
/// NaN for seconds. Float files legitimately go a little over full scale, so the clamp is generous: ±16, +24 dBFS.
/// The check runs a vector at a time and only touches values out of range. Threads: control or loader thread
/// (streamed blocks: the streaming thread); allocates nothing.
/// </remarks>
internal static class SampleSanitizer
{
    /// <summary>Largest absolute sample value kept, +24 dBFS; larger values are clamped to it.</summary>
    public const float MaxAbsValue = 16f;

    /// <summary>
    /// Replaces NaN and ±∞ by 0 (an infinity is a broken value, not a loud one) and clamps finite values to
    /// ±<see cref="MaxAbsValue"/>, in place; returns how many values changed.
    /// </summary>
    public static int Sanitize(Span<float> values)
    {
        int changed = 0, i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var limit = new Vector<float>(MaxAbsValue);
            int width = Vector<float>.Count;
            for (; i <= values.Length - width; i += width)
            {
                // NaN fails every comparison, so it lands in the slow path with the out-of-range values.
                if (!Vector.LessThanOrEqualAll(Vector.Abs(new Vector<float>(values.Slice(i, width))), limit))
                    changed += SanitizeScalar(values.Slice(i, width));
            }
        }

        return changed + SanitizeScalar(values[i..]);
    }

    /// <summary>The warning for <paramref name="changed"/> values replaced or clamped (the caller prefixes the file).</summary>
    public static string Warning(long changed) =>
        $"{changed} sample values that were NaN, infinite or beyond ±{MaxAbsValue} (+24 dBFS) made safe: NaN and infinities replaced by silence, the rest clamped";

    private static int SanitizeScalar(Span<float> values)
    {
        int changed = 0;
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            if (!float.IsFinite(v))
            {
                values[i] = 0;
                changed++;
            }
            else if (MathF.Abs(v) > MaxAbsValue)
            {
                values[i] = MathF.CopySign(MaxAbsValue, v);
                changed++;
            }
        }

        return changed;
    }
}
