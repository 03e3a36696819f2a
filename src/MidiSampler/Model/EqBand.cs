using MidiSampler.Dsp;

namespace MidiSampler.Model;

/// <summary>One band of a region's 3-band equaliser (SFZ v1 <c>eqN_freq</c>, <c>eqN_bw</c>, <c>eqN_gain</c>): a peaking bell.</summary>
/// <param name="FrequencyHz">Centre frequency in Hz.</param>
/// <param name="BandwidthOctaves">Bandwidth in octaves between the half-gain (in dB) points.</param>
/// <param name="GainDb">Gain at the centre, in dB (0: the band does nothing).</param>
public readonly record struct EqBand(double FrequencyHz, double BandwidthOctaves, double GainDb)
{
    /// <summary>
    /// The band's shape (SFZ v2 <c>eqN_type</c>): <see cref="FilterType.Peaking"/> (the default, also for
    /// <see cref="FilterType.None"/>), <see cref="FilterType.LowShelf"/> or <see cref="FilterType.HighShelf"/> (corner at
    /// <see cref="FrequencyHz"/>, bandwidth unused).
    /// </summary>
    public FilterType Shape { get; init; } = FilterType.Peaking;

    /// <summary>The SFZ band number (<c>eq1_</c>..<c>eq3_</c>) by which LFOs and EGs name it; 0: its position + 1.</summary>
    public int Number { get; init; }
}
