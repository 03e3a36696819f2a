using System.Runtime.CompilerServices;

namespace MidiSampler.Dsp;

/// <summary>
/// The LFO waveforms, numbered as SFZ v2's <c>lfoN_wave</c> (also <c>apan_waveform</c>, <c>phaser_waveform</c>):
/// 0 triangle, 1 sine, 2 pulse 75 %, 3 square, 4 pulse 25 %, 5 pulse 12.5 %, 6 saw rising, 7 saw falling. One table for
/// the voices' LFOs (<see cref="LfoState"/>) and the bus effects' (auto-pan, phaser). Any thread; no allocation.
/// </summary>
internal static class LfoWaveform
{
    /// <summary>Highest wave number.</summary>
    public const int MaxWave = 7;

    /// <summary>The value (−1..1) of wave <paramref name="wave"/> (0..<see cref="MaxWave"/>) at <paramref name="phase"/>, in cycles (any value).</summary>
    public static float Value(int wave, float phase) => InCycle(wave, phase - MathF.Floor(phase));

    /// <summary>As <see cref="Value"/> for a phase already within 0..1 (the voice LFO keeps its phase wrapped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float InCycle(int wave, float p) => wave switch
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

    /// <summary>The fractional part of <paramref name="phase"/> (cycles).</summary>
    public static double Wrap(double phase) => phase - Math.Floor(phase);
}
