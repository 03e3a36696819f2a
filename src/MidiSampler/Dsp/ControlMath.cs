using System.Runtime.CompilerServices;

namespace MidiSampler.Dsp;

/// <summary>
/// Single-precision exponentials for control-rate modulation (every 32 frames per voice, Voice.ControlFrames): cents to ratio and dB to
/// gain without a table walk or <c>Math.Pow</c>. Any thread; allocation-free.
/// </summary>
/// <remarks>
/// Design: 2^x = 2^n · e^(f·ln 2) with n = round(x), |f| ≤ 0.5, the exponential by its Taylor series to degree 6
/// (remainder below (0.347^7)/7! ≈ 1.2e-7, the order of float's own rounding: 0.0002 cent, 0.000001 dB), and 2^n put
/// straight into the float's exponent bits. Clamped to ±126 octaves so that the exponent never overflows. The exact
/// note-on pitch still comes from <see cref="PitchTable"/> in double; this only scales it by the modulation.
/// The polynomial is evaluated in Estrin's form (pairs of terms side by side, then combined with f²) rather than by
/// Horner's rule: a dependency chain of 4 multiply-adds instead of 6, and this chain sits on every modulated voice's
/// tick (pitch, then gain and cutoff): 3 % of the modulated bench. Same accuracy: worst relative error over
/// |f| ≤ 0.5 is 2.6e-7 (Horner's: 2.4e-7), i.e. 0.0005 cent (ControlMathTests).
/// </remarks>
internal static class ControlMath
{
    private const float Ln2 = 0.6931471805599453f;
    private const float C2 = 0.2402265069591007f;   // ln2²/2
    private const float C3 = 0.05550410866482158f;  // ln2³/6
    private const float C4 = 0.009618129107628477f; // ln2⁴/24
    private const float C5 = 0.0013333558146428443f; // ln2⁵/120
    private const float C6 = 0.00015403530393381608f; // ln2⁶/720

    /// <summary>2^<paramref name="octaves"/>, clamped to [2^−126, 2^126].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp2(float octaves)
    {
        if (!(octaves > -126f))
            octaves = -126f;
        else if (octaves > 126f)
            octaves = 126f;
        float n = MathF.Round(octaves);
        float f = octaves - n;
        float f2 = f * f;
        float p = 1 + (f * ((Ln2 + (f * C2)) + (f2 * ((C3 + (f * C4)) + (f2 * (C5 + (f * C6)))))));
        return p * BitConverter.Int32BitsToSingle(((int)n + 127) << 23);
    }

    /// <summary>Frequency ratio of <paramref name="cents"/>: 2^(cents/1200).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float CentsToRatio(float cents) => Exp2(cents * (1f / 1200f));

    /// <summary>Linear gain of <paramref name="db"/>: 10^(dB/20) = 2^(dB·log2(10)/20); 0 at or below −144 dB.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float DbToGain(float db) => db > -144f ? Exp2(MathF.Min(db, 60f) * 0.16609640474436813f) : 0f;
}
