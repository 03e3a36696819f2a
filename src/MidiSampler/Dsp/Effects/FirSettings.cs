namespace MidiSampler.Dsp.Effects;

/// <summary>
/// The parameters of a <see cref="FirConvolution"/> (SFZ v2 <c>type=tdfir</c>): an impulse response per side at
/// <see cref="ImpulseRate"/>, the wet and dry levels in percent and the impulse's gain in percent. Threads: any (immutable).
/// </summary>
/// <param name="ImpulseLeft">The left side's impulse response (at most <see cref="EngineLimits.MaxFirTaps"/> taps once resampled).</param>
/// <param name="ImpulseRight">The right side's impulse response (the same array as the left for a mono impulse).</param>
/// <param name="ImpulseRate">The impulse's sample rate; resampled to the output rate when the effect is built.</param>
/// <param name="WetPercent">Level of the convolved signal (<c>tdfir_wet</c>, <c>tdfir_wet_onccN</c>).</param>
/// <param name="DryPercent">Level of the input (<c>tdfir_dry</c>, <c>tdfir_dry_onccN</c>).</param>
/// <param name="GainPercent">Gain applied to the impulse (<c>tdfir_gain</c>).</param>
public sealed record class FirSettings(float[] ImpulseLeft, float[] ImpulseRight, int ImpulseRate, ControlledParameter WetPercent,
    ControlledParameter DryPercent, double GainPercent) : EffectSettings;
