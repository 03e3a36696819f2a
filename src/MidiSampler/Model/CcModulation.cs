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

    /// <summary>
    /// SFZ v2 <c>*_smoothccN</c>: the time constant, in milliseconds, of a one-pole glide of the route's value toward
    /// what the controller asks (63 % of a jump after this time). 0: the route follows at once.
    /// </summary>
    public double SmoothMs { get; init; }

    /// <summary>
    /// SFZ v2 <c>*_stepccN</c>: the route's value moves in steps of this size, in the target's unit (truncated toward
    /// zero, after the curve). 0: continuous.
    /// </summary>
    public double Step { get; init; }
}
