namespace MidiSampler.Model;

/// <summary>
/// A controller's continuous effect on an SFZ v2 LFO: at controller value v the target moves by <c>Amount × v / 127</c>
/// (SFZ v2 <c>lfoN_pitch_onccX</c> and the like; extended controllers 128..141 as in <see cref="CcModulation"/>).
/// </summary>
/// <param name="Target">The LFO parameter.</param>
/// <param name="Controller">MIDI controller 0..127, or an ARIA extended controller.</param>
/// <param name="Amount">The change at full controller, in the target's unit.</param>
public readonly record struct LfoCcDepth(LfoCcTarget Target, int Controller, double Amount);
