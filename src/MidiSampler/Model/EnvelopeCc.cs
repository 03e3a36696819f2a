namespace MidiSampler.Model;

/// <summary>A controller's effect on one envelope stage at note-on (SFZ <c>ampeg_attack_onccN</c> and the like).</summary>
/// <param name="Stage">Which parameter.</param>
/// <param name="Controller">MIDI controller 0..127.</param>
/// <param name="Amount">Seconds (or percent for sustain and start) added at controller value 127.</param>
public readonly record struct EnvelopeCc(EnvelopeParameter Stage, int Controller, double Amount);
