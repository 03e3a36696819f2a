namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The LFO waveforms of SFZ v2 effects (<c>apan_waveform</c>, <c>phaser_waveform</c>: "LFO wave number", numbered as
/// <c>lfoN_wave</c> on sfz.org): 0 triangle, 1 sine, 2 pulse 75 %, 3 square, 4 pulse 25 %, 5 pulse 12.5 %,
/// 6 saw rising, 7 saw falling. Any thread; no allocation.
/// </summary>
internal static class EffectLfo
{
    /// <summary>Highest wave number.</summary>
    public const int MaxWave = 7;

    /// <summary>The value (−1..1) of wave <paramref name="wave"/> at <paramref name="phase"/> (cycles, 0..1).</summary>
    public static float Value(int wave, float phase)
    {
        float p = phase - MathF.Floor(phase);
        return wave switch
        {
            1 => SineTable.Sin(p),
            2 => p < 0.75f ? 1 : -1,
            3 => p < 0.5f ? 1 : -1,
            4 => p < 0.25f ? 1 : -1,
            5 => p < 0.125f ? 1 : -1,
            6 => (2 * p) - 1,
            7 => 1 - (2 * p),
            _ => p < 0.25f ? 4 * p : p < 0.75f ? 2 - (4 * p) : (4 * p) - 4,
        };
    }

    /// <summary>Wraps a phase in cycles to 0..1.</summary>
    public static double Wrap(double phase) => phase - Math.Floor(phase);
}
