namespace MidiSampler.Model;

/// <summary>A controller's effect on one envelope stage at note-on (SFZ <c>ampeg_attack_onccN</c> and the like).</summary>
/// <param name="Stage">Which parameter.</param>
/// <param name="Controller">MIDI controller 0..127.</param>
/// <param name="Amount">Seconds (or percent for sustain and start) added at controller value 127.</param>
public readonly record struct EnvelopeCc(EnvelopeParameter Stage, int Controller, double Amount)
{
    /// <summary>
    /// The controller's response, 128 values indexed by controller value (ARIA <c>ampeg_attack_curveccN</c> and the like,
    /// naming a &lt;curve&gt;): the stage moves by <c>Amount × Curve[v]</c> instead of <c>Amount × v / 127</c>. Null: linear.
    /// </summary>
    public IReadOnlyList<float>? Curve { get; init; }
}
