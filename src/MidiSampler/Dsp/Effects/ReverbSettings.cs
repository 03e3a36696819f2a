namespace MidiSampler.Dsp.Effects;

/// <summary>The parameters of a <see cref="ReverbEffect"/>: levels in percent, the predelay in seconds. Threads: any (immutable).</summary>
/// <param name="InputPercent">Level into the tank.</param>
/// <param name="DryPercent">Dry level.</param>
/// <param name="WetPercent">Wet level.</param>
/// <param name="SizePercent">Room size.</param>
/// <param name="DampPercent">High-frequency damping.</param>
/// <param name="TonePercent">Tone (100: bright).</param>
/// <param name="PredelaySeconds">Predelay in seconds.</param>
public sealed record class ReverbSettings(ControlledParameter InputPercent, ControlledParameter DryPercent, ControlledParameter WetPercent,
    ControlledParameter SizePercent, ControlledParameter DampPercent, ControlledParameter TonePercent, ControlledParameter PredelaySeconds)
    : EffectSettings;
