namespace MidiSampler.Engine;

/// <summary>
/// How one controller route (<see cref="CompiledRegion.CcModulations"/>) is shaped after its curve: quantised to
/// <see cref="Step"/> (<c>*_stepccN</c>) and then smoothed by a control-rate one-pole (<c>*_smoothccN</c>). Immutable;
/// read by the audio thread.
/// </summary>
/// <param name="Step">Step size in the target's unit; 0: continuous.</param>
/// <param name="Coefficient">The one-pole's coefficient per control tick (1 − e^(−tick/τ)); unused when <paramref name="Slot"/> is −1.</param>
/// <param name="Slot">Index of the route's smoothing state in the voice; −1: not smoothed.</param>
/// <param name="SnapThreshold">Distance, in the target's unit, at which the glide snaps onto its goal (and may idle).</param>
internal readonly record struct CompiledCcShaping(float Step, float Coefficient, int Slot, float SnapThreshold);
