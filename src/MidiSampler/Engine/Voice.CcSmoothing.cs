namespace MidiSampler.Engine;

/// <summary>
/// SFZ v2 controller-route shaping at control rate: <c>*_stepccN</c> quantises a route's value, <c>*_smoothccN</c> glides
/// it toward what the controller asks. Audio thread only; nothing here allocates.
/// </summary>
/// <remarks>
/// Design: the order is sfizz's (ControllerSource: curve, then quantise, then smooth), applied to the route's value in
/// its unit rather than to the normalised controller, which is the same for a linear depth and lets the step be read
/// in the target's unit (<c>pitch_stepcc1=100</c> with <c>pitch_oncc1=1200</c>: semitone steps). The glide is a
/// one-pole with time constant <c>smoothccN</c> ms (sfz.org: "the smoothness … in milliseconds"; sfizz instead reads
/// 3 ms per unit up to 100), starting at the controller's value at note-on as sfizz's smoother does. While a glide is
/// under way the voice must keep ticking even though the channel's ModulationVersion stands still: <c>TryIdle</c>
/// refuses to idle until every glide has snapped onto its goal, as it does for the gain smoother.
/// </remarks>
internal sealed unsafe partial class Voice
{
    // Smoothed routes per voice with their own state; routes past EngineLimits.MaxSmoothedCcRoutes follow their controller at once.
    private readonly float[] _ccSmoothed = new float[EngineLimits.MaxSmoothedCcRoutes];

    // Some smoothed route has not reached its goal at this tick: the voice may not idle.
    private bool _ccGliding;

    /// <summary>A route's value <paramref name="value"/> after its step and smoothing (see the class remarks).</summary>
    private float ShapeCcRoute(in CompiledCcShaping shaping, float value, bool initial)
    {
        if (shaping.Step > 0)
        {
            // Truncated toward zero (sfizz); the nudge keeps 1200 × 127/127 from landing at 11.99999 steps.
            float steps = value / shaping.Step;
            value = MathF.Truncate(steps + (steps >= 0 ? 1e-4f : -1e-4f)) * shaping.Step;
        }

        if (shaping.Slot < 0)
            return value;
        ref float state = ref _ccSmoothed[shaping.Slot];
        if (initial)
        {
            state = value;
            return value;
        }

        float next = state + ((value - state) * shaping.Coefficient);
        if (MathF.Abs(value - next) <= shaping.SnapThreshold)
            next = value;
        else
            _ccGliding = true;
        state = next;
        return next;
    }
}
