namespace MidiSampler.Dsp;

/// <summary>
/// Decibels to linear gain without <c>Math.Pow</c>: 10^(dB/20) = 2^(cents/1200) with cents = dB × 1200·log2(10)/20,
/// read from <see cref="PitchTable"/>. Any thread; allocation-free; used at control rate on the audio thread.
/// </summary>
internal static class Decibels
{
    /// <summary>Cents of frequency ratio per dB of amplitude ratio: 1200 · log2(10) / 20.</summary>
    private const double CentsPerDb = 199.31568569324174;

    /// <summary>Gain for <paramref name="db"/>; 0 at or below −144 dB, clamped at +60 dB.</summary>
    public static float ToGain(double db)
    {
        if (!(db > -144))
            return 0;
        double cents = Math.Min(db, 60) * CentsPerDb;
        double gain = 1;
        while (cents < -12_000)
        {
            gain *= PitchTable.Ratio(-12_000);
            cents += 12_000;
        }

        return (float)(gain * PitchTable.Ratio(cents));
    }
}
