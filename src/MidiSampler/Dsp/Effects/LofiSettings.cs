namespace MidiSampler.Dsp.Effects;

/// <summary>The parameters of a <see cref="LofiEffect"/>, 0..100 each (0: off). Threads: any (immutable).</summary>
/// <param name="BitReductionPercent">Bit-depth reduction.</param>
/// <param name="DecimationPercent">Sample-rate reduction.</param>
public sealed record class LofiSettings(ControlledParameter BitReductionPercent, ControlledParameter DecimationPercent) : EffectSettings;
