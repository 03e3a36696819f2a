namespace MidiSampler.Model;

/// <summary>
/// A controller that bypasses an effect (SFZ v2 <c>bypass_onccN=depth</c>): the effect is bypassed while
/// <c>value / 127 × depth</c> is at least 0.5, so <c>bypass_onccN=1</c> bypasses it from controller value 64 up.
/// </summary>
/// <param name="Controller">MIDI controller 0..127.</param>
/// <param name="Depth">Scale of the controller's 0..1 value.</param>
public readonly record struct EffectBypass(int Controller, double Depth);
