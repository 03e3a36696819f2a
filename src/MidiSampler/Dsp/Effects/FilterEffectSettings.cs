namespace MidiSampler.Dsp.Effects;

/// <summary>The parameters of a <see cref="FilterEffect"/>. Threads: any (immutable).</summary>
/// <param name="Type">The filter's response.</param>
/// <param name="CutoffHz">Cutoff in Hz before controller movement.</param>
/// <param name="CutoffCents">Cutoff offset in cents (controllers).</param>
/// <param name="ResonanceDb">Resonance in dB.</param>
public sealed record class FilterEffectSettings(FilterType Type, float CutoffHz, ControlledParameter CutoffCents, ControlledParameter ResonanceDb)
    : EffectSettings;
