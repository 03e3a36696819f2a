namespace MidiSampler.Dsp;

/// <summary>
/// Cents to frequency ratio, 2^(cents/1200), by table lookup: whole semitones from one table and
/// the fraction of a semitone from a second, finely stepped table with linear interpolation.
/// Accurate to better than 0.0001 cent over ±12,700 cents; no <c>Math.Pow</c> on the audio thread.
/// </summary>
/// <remarks>Threads: the tables are built once (static constructor); lookups are safe on any thread.</remarks>
public static class PitchTable
{
    private const int SemitoneRange = 127;
    private const int FineSteps = 1024;
    private static readonly double[] Semitones = BuildSemitones();
    private static readonly double[] Fine = BuildFine();

    /// <summary>2^(cents/1200) for cents in ±12,700 (clamped outside). Any thread; allocation-free.</summary>
    public static double Ratio(double cents)
    {
        if (!(cents > -SemitoneRange * 100.0))
            cents = -SemitoneRange * 100.0;
        else if (cents > SemitoneRange * 100.0)
            cents = SemitoneRange * 100.0;
        double semis = cents * 0.01;
        double whole = Math.Floor(semis);
        double frac = (semis - whole) * FineSteps;
        int fi = (int)frac;
        if (fi >= FineSteps)
            fi = FineSteps - 1;
        double t = frac - fi;
        double fine = Fine[fi] + ((Fine[fi + 1] - Fine[fi]) * t);
        return Semitones[(int)whole + SemitoneRange] * fine;
    }

    /// <summary>Frequency in Hz of a MIDI key in 12-tone equal temperament with A4 (key 69) at 440 Hz.</summary>
    public static double KeyToHz(double key) => 440.0 * Ratio((key - 69) * 100);

    private static double[] BuildSemitones()
    {
        var t = new double[(2 * SemitoneRange) + 1];
        for (int i = 0; i < t.Length; i++)
            t[i] = Math.Pow(2, (i - SemitoneRange) / 12.0);
        return t;
    }

    private static double[] BuildFine()
    {
        var t = new double[FineSteps + 1];
        for (int i = 0; i <= FineSteps; i++)
            t[i] = Math.Pow(2, i / (12.0 * FineSteps));
        return t;
    }
}
