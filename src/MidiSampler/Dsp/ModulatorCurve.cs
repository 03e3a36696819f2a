namespace MidiSampler.Dsp;

/// <summary>
/// The SoundFont 2 source mapping (spec section 8.2.1): a raw source reading → 0..1 (unipolar) or -1..1 (bipolar)
/// through direction, polarity and curve. Any thread; no allocation (the audio thread evaluates CC routes per tick).
/// </summary>
/// <remarks>
/// Design: as FluidSynth 2.3 (fluid_mod.c, fluid_mod_transform_source_value) so that banks sound as they were voiced:
/// a 7-bit reading v is normalised by 128, not 127 (the spec's default modulators speak of 127/128 at full scale, and a
/// bipolar CC10 of 64 is then exactly the centre); a negative source is (127 - v)/128; a bipolar source at its very top
/// stays at 127/128. Concave is the spec's -20/96·log10(((127 - v)/127)²) at the integer points (0 at 0, 1 at 127),
/// linearly interpolated in between (the 14-bit pitch wheel falls between them), capped at 127/128 at the top; convex is
/// 1 + 20/96·log10((v/127)²), its mirror image.
/// </remarks>
internal static class ModulatorCurve
{
    /// <summary>The range of a 7-bit source.</summary>
    public const int SevenBit = 128;

    /// <summary>The range of the 14-bit pitch wheel.</summary>
    public const int FourteenBit = 16384;

    /// <summary>
    /// The mapped value of a source of curve <paramref name="shape"/> for the reading <paramref name="value"/> out of
    /// <paramref name="range"/> (128, or 16384 for the pitch wheel). <paramref name="negative"/>: the source runs from
    /// maximum to minimum (the SF2 D flag); <paramref name="bipolar"/>: -1..1 (the SF2 P flag), else 0..1.
    /// </summary>
    public static float Evaluate(ModulatorCurveShape shape, bool negative, bool bipolar, int value, int range)
    {
        double top = (range - 1) / (double)range;
        double norm = Math.Clamp(value, 0, range - 1) / (double)range;
        double d = negative ? top - norm : norm;
        if (!bipolar)
        {
            return (float)(shape switch
            {
                ModulatorCurveShape.Switch => d >= 0.5 ? 1 : 0,
                ModulatorCurveShape.Concave => Math.Min(Concave(SevenBit * d), top),
                ModulatorCurveShape.Convex => Math.Min(Convex(SevenBit * d), top),
                _ => d,
            });
        }

        double b = d == top ? d : -1 + (2 * d);
        return (float)(shape switch
        {
            ModulatorCurveShape.Switch => b >= 0 ? 1 : -1,
            ModulatorCurveShape.Concave => b >= 0 ? Math.Min(Concave(SevenBit * b), top) : -Concave(SevenBit * -b),
            ModulatorCurveShape.Convex => b >= 0 ? Math.Min(Convex(SevenBit * b), top) : -Convex(SevenBit * -b),
            _ => b,
        });
    }

    /// <summary>
    /// The attenuation in centibels of the SF2 default modulators velocity, CC7 and CC11 → initialAttenuation (sections
    /// 8.4.1, 8.4.5, 8.4.6: 960 cB × concave, negative) as FluidSynth 2.3.1 reads them: the source as 127 · (1 - v/128),
    /// so that 127 still attenuates 1.36 cB (measured: velocity, CC7 and CC11 at 127 make its voice 0.4 dB quieter than
    /// unity; at 100 each 4.29 cB more than 40·log10(v/127)). Any thread.
    /// </summary>
    public static double DefaultAttenuationCb(int value) => 960 * Concave(127 * (1 - (Math.Clamp(value, 0, 127) / 128.0)));

    /// <summary>The concave curve at a position 0..127 on the 7-bit scale (interpolated between integer points).</summary>
    public static double Concave(double position) => Interpolate(position, convex: false);

    /// <summary>The convex curve at a position 0..127 on the 7-bit scale (interpolated between integer points).</summary>
    public static double Convex(double position) => Interpolate(position, convex: true);

    private static double Interpolate(double position, bool convex)
    {
        if (!(position > 0))
            return 0;
        if (position >= 127)
            return 1;
        int i = (int)position;
        double a = Point(i, convex);
        return a + ((Point(i + 1, convex) - a) * (position - i));
    }

    private static double Point(int v, bool convex) => convex ? ConvexPoint(v) : ConcavePoint(v);

    private static double ConcavePoint(int v) => v <= 0 ? 0 : v >= 127 ? 1 : -20.0 / 96 * Math.Log10((127.0 - v) * (127.0 - v) / (127.0 * 127.0));

    private static double ConvexPoint(int v) => v <= 0 ? 0 : v >= 127 ? 1 : 1 + (20.0 / 96 * Math.Log10(v * (double)v / (127.0 * 127.0)));
}
