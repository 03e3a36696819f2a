namespace MidiSampler.Model;

/// <summary>
/// A controller's continuous effect on a region parameter: at controller value v (0..127) the parameter moves by
/// <c>Amount × v / 127</c> in the target's unit (SFZ <c>*_onccN</c>; linear curve).
/// </summary>
/// <param name="Target">The parameter.</param>
/// <param name="Controller">MIDI controller 0..127.</param>
/// <param name="Amount">The change at controller value 127, in the target's unit.</param>
public readonly record struct CcModulation(ModulationTarget Target, int Controller, double Amount)
{
    /// <summary>
    /// The controller's response, 128 values indexed by controller value (SFZ <c>*_curveccN</c> naming a &lt;curve&gt;):
    /// the parameter moves by <c>Amount × Curve[v]</c> instead of <c>Amount × v / 127</c>. Null: linear.
    /// </summary>
    public IReadOnlyList<float>? Curve { get; init; }
}
