namespace MidiSampler.Dsp.Effects;

/// <summary>The parameters of an <see cref="EqEffect"/>: one band. Threads: any (immutable).</summary>
/// <param name="Shape">Peaking, low shelf or high shelf.</param>
/// <param name="FrequencyHz">Centre or corner frequency in Hz.</param>
/// <param name="BandwidthOctaves">Bandwidth in octaves (bells only).</param>
/// <param name="GainDb">Gain in dB.</param>
public sealed record class EqSettings(FilterType Shape, ControlledParameter FrequencyHz, ControlledParameter BandwidthOctaves, ControlledParameter GainDb)
    : EffectSettings;
